import { describe, expect, it } from 'vitest';
import { SiteRecord } from '@/utils/import/enrich';
import { planOf } from '@/utils/import/plan';
import type { SourceItem } from '@/utils/model/import';
import { sourceItem } from './support';

/** What Netflix's viewing activity says it watched (its reader's items). */
const site = (patch: Partial<SourceItem>) => sourceItem({ source: 'netflix-activity', year: undefined, ...patch });
const file = (patch: Partial<SourceItem>) => {
  const { year: _, ...item } = sourceItem({ source: 'netflix-file', ...patch });
  return item as SourceItem;
};

const record = new SiteRecord([
  site({ mediaType: 'TV', title: 'Dark', episodeTitle: 'Lies', lastEpisode: { season: 1, episode: 2 }, runtimeSeconds: 2820 }),
  site({
    mediaType: 'TV',
    title: 'Wednesday',
    episodeTitle: 'Woe Is the Loneliest Number',
    lastEpisode: { season: 1, episode: 2 },
    runtimeSeconds: 3100,
  }),
  site({ mediaType: 'MOVIE', title: 'Glass Onion: A Knives Out Mystery', runtimeSeconds: 8340 }),
  site({ mediaType: 'MOVIE', title: 'The Irishman', runtimeSeconds: 12540 }),
  // Collections the site does not number: its title, nothing more.
  site({ mediaType: 'TV', title: 'Our Planet', episodeTitle: 'One Planet' }),
]);

describe('the site settling what its files cannot', () => {
  it('numbers an episode the file names by its title alone, by show and episode title, whatever the case', () => {
    const settled = record.settle(file({ mediaType: 'TV', title: 'DARK', episodeTitle: 'lies' }));
    expect(settled.lastEpisode).toEqual({ season: 1, episode: 2 });
    expect(planOf(settled)).toMatchObject({ action: 'watched', media: { title: 'DARK', season: 1, episode: 2 } });
  });

  it('leaves an episode it did not watch, or did not number, with no episode known: never a guess', () => {
    const unseen = file({ mediaType: 'TV', title: 'Dark', episodeTitle: 'Secrets' });
    expect(record.settle(unseen)).toEqual(unseen);
    expect(record.settle(file({ mediaType: 'TV', title: 'Our Planet', episodeTitle: 'One Planet' })).lastEpisode).toBeUndefined();
    expect(planOf(record.settle(unseen))).toMatchObject({ optional: true, why: 'no-episode-known' });
  });

  it('picks the reading of a title the site watched: a film with a colon, or a show’s episode', () => {
    const glass = file({
      mediaType: 'TV',
      title: 'Glass Onion',
      episodeTitle: 'A Knives Out Mystery',
      readings: [{ mediaType: 'MOVIE', title: 'Glass Onion: A Knives Out Mystery' }],
    });
    const settled = record.settle(glass);
    expect(settled.readings).toBeUndefined();
    expect(settled).toMatchObject({ mediaType: 'MOVIE', title: 'Glass Onion: A Knives Out Mystery' });
    const wednesday = file({
      mediaType: 'MOVIE',
      title: 'Wednesday: Woe Is the Loneliest Number',
      readings: [{ mediaType: 'TV', title: 'Wednesday', episodeTitle: 'Woe Is the Loneliest Number' }],
    });
    expect(record.settle(wednesday)).toMatchObject({
      mediaType: 'TV',
      title: 'Wednesday',
      lastEpisode: { season: 1, episode: 2 },
    });
  });

  it('leaves a title the site did not watch, or watched both ways, for the person to pick', () => {
    const love = file({
      mediaType: 'TV',
      title: 'Love',
      episodeTitle: 'Part 2',
      readings: [{ mediaType: 'MOVIE', title: 'Love: Part 2' }],
    });
    expect(record.settle(love)).toEqual(love);
    const both = new SiteRecord([
      site({ mediaType: 'MOVIE', title: 'Love: Part 2' }),
      site({ mediaType: 'TV', title: 'Love', episodeTitle: 'Part 2' }),
    ]);
    expect(both.settle(love).readings).toHaveLength(1);
  });

  it('measures a file’s bookmark against the site’s runtime: started apart from finished', () => {
    const irishman = record.settle(file({ title: 'The Irishman', bookmarkSeconds: 4200 }));
    expect(irishman.progress).toBeCloseTo(0.335, 3);
    expect(planOf(irishman)).toMatchObject({ action: 'watching', optional: true, why: 'started' });
    const lies = record.settle(file({ mediaType: 'TV', title: 'Dark', episodeTitle: 'Lies', bookmarkSeconds: 2800 }));
    expect(planOf(lies)).toMatchObject({ action: 'watched', media: { season: 1, episode: 2 } });
    // No runtime known: it cannot tell, and the title counts as watched.
    expect(record.settle(file({ title: 'Roma', bookmarkSeconds: 60 })).progress).toBeUndefined();
  });

  it('is empty when the site watched nothing', () => {
    expect(new SiteRecord([]).size).toBe(0);
    expect(record.size).toBeGreaterThan(4);
  });
});
