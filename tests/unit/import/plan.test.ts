import { describe, expect, it } from 'vitest';
import { asReading, dedupe, itemKeys, planOf } from '@/utils/import/plan';
import type { SourceItem } from '@/utils/model/import';
import { sourceItem } from './support';

const item = sourceItem;

describe('what an item becomes', () => {
  it.each<[string, Partial<SourceItem>, unknown]>([
    [
      'a watched film: one watched with title and year',
      {},
      { kind: 'scrobble', action: 'watched', media: { title: 'Interstellar', year: 2014, mediaType: 'MOVIE' } },
    ],
    [
      'a film not watched: it cannot be written',
      { watched: false, status: 'plantowatch' },
      { kind: 'not-importable', reason: 'want-to-watch' },
    ],
    ['a watchlist item: it cannot be written', { list: 'watchlist' }, { kind: 'not-importable', reason: 'want-to-watch' }],
    [
      'a show: its last watched episode',
      { mediaType: 'TV', title: 'Severance', year: 2022, lastEpisode: { season: 2, episode: 4 } },
      { kind: 'scrobble', action: 'watched', media: { title: 'Severance', year: 2022, mediaType: 'TV', season: 2, episode: 4 } },
    ],
    [
      'an anime: the episode without a season, never a guessed one',
      { mediaType: 'TV', title: 'Hunter x Hunter', year: 2011, anime: true, lastEpisode: { episode: 148 } },
      { kind: 'scrobble', action: 'watched', media: { title: 'Hunter x Hunter', year: 2011, mediaType: 'TV', episode: 148 } },
    ],
    [
      'a show with nothing watched sends nothing',
      { mediaType: 'TV', title: 'The Last Ship', watched: false },
      { kind: 'not-importable', reason: 'nothing-watched' },
    ],
    [
      'a show watched with no episode known (a Netflix file): only if ticked, as watching, never a guessed number',
      { source: 'netflix-file', mediaType: 'TV', title: 'Dark', year: 2017, episodeTitle: 'Secrets' },
      {
        kind: 'scrobble',
        action: 'watching',
        media: { title: 'Dark', year: 2017, mediaType: 'TV' },
        optional: true,
        why: 'no-episode-known',
      },
    ],
    [
      'a film started and not finished: only if ticked, as watching',
      { progress: 0.4 },
      {
        kind: 'scrobble',
        action: 'watching',
        media: { title: 'Interstellar', year: 2014, mediaType: 'MOVIE' },
        optional: true,
        why: 'started',
      },
    ],
    [
      'a film watched past the threshold: watched',
      { progress: 0.85 },
      { kind: 'scrobble', action: 'watched', media: { title: 'Interstellar', year: 2014, mediaType: 'MOVIE' } },
    ],
    [
      'an episode started and not finished: only if ticked, as watching that episode',
      { mediaType: 'TV', title: 'Dark', year: 2017, lastEpisode: { season: 1, episode: 3 }, progress: 0.1 },
      {
        kind: 'scrobble',
        action: 'watching',
        media: { title: 'Dark', year: 2017, mediaType: 'TV', season: 1, episode: 3 },
        optional: true,
        why: 'started',
      },
    ],
    [
      'a title that reads two ways: nothing until the person picks',
      { title: 'Love: Part 2', readings: [{ mediaType: 'TV', title: 'Love', lastEpisode: { season: 2, episode: 1 } }] },
      { kind: 'not-importable', reason: 'uncertain' },
    ],
    [
      'a rated show with no episode known: only if ticked, as watching',
      { source: 'tmdb', list: 'rated', mediaType: 'TV', title: 'Dark', year: 2017, watched: false },
      {
        kind: 'scrobble',
        action: 'watching',
        media: { title: 'Dark', year: 2017, mediaType: 'TV' },
        optional: true,
        why: 'no-episode-known',
      },
    ],
    ['a title of spaces names nothing', { title: '   ' }, { kind: 'not-importable', reason: 'no-title' }],
  ])('%s', (_name, patch, plan) => expect(planOf(item(patch))).toEqual(plan));

  it('follows the person’s own threshold', () => {
    expect(planOf(item({ progress: 0.85 }), 0.9)).toMatchObject({ action: 'watching', why: 'started' });
    expect(planOf(item({ progress: 0.5 }), 0.5)).toMatchObject({ action: 'watched' });
  });

  it('reads an uncertain title the way the person picked', () => {
    const love = item({
      title: 'Love: Part 2',
      year: 2015,
      readings: [{ mediaType: 'TV', title: 'Love', lastEpisode: { season: 2, episode: 1 } }],
    });
    expect(planOf(asReading(love, 0))).toMatchObject({ action: 'watched', media: { title: 'Love: Part 2', mediaType: 'MOVIE' } });
    expect(planOf(asReading(love, 1))).toEqual({
      kind: 'scrobble',
      action: 'watched',
      media: { title: 'Love', mediaType: 'TV', season: 2, episode: 1 },
    });
  });
});

describe('a show’s viewings folded', () => {
  const show = (episode: number, progress?: number) =>
    item({
      mediaType: 'TV',
      title: 'Dark',
      year: 2017,
      lastEpisode: { season: 1, episode },
      ...(progress !== undefined ? { progress } : {}),
    });

  it('sends the furthest finished episode; a later one only started does not hide it', () => {
    const [folded] = dedupe([show(1, 1), show(5, 0.95), show(6, 0.1)]);
    expect(folded?.item.lastEpisode).toEqual({ season: 1, episode: 5 });
    expect(planOf(folded?.item as SourceItem)).toMatchObject({ action: 'watched', media: { episode: 5 } });
  });

  it('a show only started is started at its furthest episode', () => {
    const [folded] = dedupe([show(1, 0.2), show(2, 0.3)]);
    expect(planOf(folded?.item as SourceItem)).toMatchObject({ action: 'watching', why: 'started', media: { episode: 2 } });
  });

  it('a film is as far as its furthest viewing', () => {
    const [film] = dedupe([item({ progress: 0.2 }), item({ progress: 0.9 }), item({ progress: 0.5 })]);
    expect(film?.item.progress).toBe(0.9);
  });
});

describe('the same title from several sources', () => {
  it('is one item, by TMDB id where both have it, else by title, year and type', () => {
    const [byId] = itemKeys(item({ ids: { tmdb: 157336 } }));
    expect(itemKeys(item({ title: 'Interstellar (2014 cut)', ids: { tmdb: 157336 } }))[0]).toBe(byId);
    expect(itemKeys(item({}))).toEqual(itemKeys(item({ title: ' INTERSTELLAR! ' })));
    expect(itemKeys(item({}))).not.toEqual(itemKeys(item({ mediaType: 'TV' })));
    // One side with the id, the other without: the same title and year.
    expect(dedupe([item({ ids: { tmdb: 157336 } }), item({})])).toHaveLength(1);
    // Both with ids that differ: two titles, whatever they are called.
    expect(
      dedupe([item({ title: 'Dune', year: 2021, ids: { tmdb: 438631 } }), item({ title: 'Dune', year: 2021, ids: { tmdb: 1 } })]),
    ).toHaveLength(2);
  });

  it('keeps what says more: watched over not, the later episode, the latest date, every id', () => {
    const merged = dedupe([
      item({ source: 'simkl', watched: false, ids: { simkl: 1 }, watchedAt: '2020-01-01T00:00:00Z' }),
      item({ source: 'rewind', list: 'rated', ids: { tmdb: 157336 }, rating: 5, watchedAt: '2024-12-20T20:00:00Z' }),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.item).toMatchObject({ watched: true, watchedAt: '2024-12-20T20:00:00Z', rating: 5 });
    expect(merged[0]?.keys[0]).toBe('MOVIE:tmdb:157336');
    const shows = dedupe([
      item({ mediaType: 'TV', title: 'Dark', lastEpisode: { season: 1, episode: 8 } }),
      item({ mediaType: 'TV', title: 'Dark', lastEpisode: { season: 2, episode: 1 } }),
    ]);
    expect(shows[0]?.item.lastEpisode).toEqual({ season: 2, episode: 1 });
  });
});
