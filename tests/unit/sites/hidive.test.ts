import { describe, expect, it } from 'vitest';
import { hidive } from '@/utils/sites/connectors/hidive';
import { describeWatchPages, fixtures, readPageData } from './support';

const { page, json } = fixtures('hidive', 'https://www.hidive.com/video/564632?seasonId=20021');

describeWatchPages(hidive);

const handed = (name: string, show: string | null) => {
  const vod = json(name) as Record<string, unknown> & { episodeInformation?: Record<string, unknown> };
  return { id: vod.id, title: vod.title, ...vod.episodeInformation, show };
};

describe("layer: page data (the player's own video answer)", () => {
  it("names an episode by its season page's show, numbered by its title's E<n>", async () => {
    const data = handed('vod-episode.json', 'No Game, No Life - Season 1');
    expect(await readPageData(hidive, data, page('player.html'), { contentId: '564632' })).toEqual({
      title: 'No Game, No Life',
      mediaType: 'TV',
      season: 1,
      episode: 2,
    });
  });
  it('takes the E<n> of the title over the position the platform numbers; a recap between two has none', async () => {
    const data = { ...handed('vod-episode.json', 'No Game, No Life - Season 1'), title: 'E12 - Journey', episodeNumber: 13 };
    const read = (title: string) => readPageData(hidive, { ...data, title }, page('player.html'), { contentId: '564632' });
    expect(await read('E12 - Journey')).toMatchObject({ episode: 12 });
    expect(await read('E12.5 - Recap')).toEqual({ title: 'No Game, No Life', mediaType: 'TV', season: 1 });
  });
  it('names a film (no episode information) by its title', async () => {
    const data = handed('vod-film.json', null);
    expect(await readPageData(hidive, data, page('player.html'), { contentId: '564456' })).toEqual({
      title: 'No Game, No Life Zero',
      mediaType: 'MOVIE',
    });
  });
  it('names nothing for another video', async () => {
    expect(await readPageData(hidive, handed('vod-film.json', null), page('player.html'), { contentId: '564632' })).toBeNull();
  });
});
