import { describe, expect, it } from 'vitest';
import { cleanItem } from '@/utils/import/clean';
import { imdbItems } from '@/utils/import/files/imdb';
import type { FileParse } from '@/utils/import/files/items';
import { planOf } from '@/utils/import/plan';
import { fixture, NOW, tablesOf, text } from './support';

const items = (parse: FileParse) => {
  if (parse.kind !== 'items') return expect.fail(`not items: ${JSON.stringify(parse)}`);
  return parse;
};
const planned = (parse: FileParse, id: string) => {
  const found = items(parse).items.find((i) => i.item.ids.imdb === id || i.extra.imdbEpisode === id);
  const cleaned = found && cleanItem(found.item, 'imdb');
  return cleaned && planOf(cleaned);
};

describe('IMDb’s ratings.csv and watchlist.csv', () => {
  const both = () => imdbItems(tablesOf(fixture('imdb/ratings.csv'), fixture('imdb/watchlist.csv')), { now: NOW });

  it('reads a rated film as watched on the day it was rated, by its IMDb id, and says what the date is', () => {
    expect(items(both()).items.find((i) => i.item.ids.imdb === 'tt0816692')).toEqual({
      item: {
        source: 'imdb',
        list: 'rated',
        mediaType: 'MOVIE',
        title: 'Interstellar',
        year: 2014,
        ids: { imdb: 'tt0816692' },
        watched: true,
        rating: 9,
        watchedAt: '2024-03-01T12:00:00.000Z',
      },
      // On the watchlist too: the rated one is kept.
      extra: { from: ['imdb-ratings', 'imdb-watchlist'], rows: 2, imdbTitleType: 'Movie', dateIs: 'rated' },
    });
    expect(planned(both(), 'tt0816692')).toMatchObject({
      kind: 'scrobble',
      action: 'watched',
      media: { title: 'Interstellar', year: 2014 },
    });
  });

  it('reads a rated series with no episode known: sent as watching only if ticked', () => {
    expect(planned(both(), 'tt0903747')).toEqual({
      kind: 'scrobble',
      action: 'watching',
      media: { title: 'Breaking Bad', year: 2008, mediaType: 'TV' },
      optional: true,
      why: 'no-episode-known',
    });
    expect(planned(both(), 'tt7366338')).toMatchObject({ kind: 'scrobble', action: 'watching', optional: true });
  });

  it('keeps a rated episode’s id apart, never as its show’s', () => {
    const pilot = items(both()).items.find((i) => i.extra.imdbEpisode === 'tt0959621');
    expect(pilot?.item).toMatchObject({ mediaType: 'TV', title: 'Breaking Bad: Pilot', ids: {}, watched: true, rating: 8 });
    expect(pilot?.extra.imdbTitleType).toBe('TV Episode');
  });

  it('lists the watchlist as what the person wants to watch', () => {
    expect(planned(both(), 'tt15239678')).toEqual({ kind: 'not-importable', reason: 'want-to-watch' });
    expect(planned(both(), 'tt5180504')).toEqual({ kind: 'not-importable', reason: 'want-to-watch' });
  });

  it('leaves out games, and counts them', () => {
    expect(items(both()).skipped).toEqual({ 'not-film-or-show': 1 });
  });

  it('reads the older export’s title types (movie, tvSeries)', () => {
    const old = items(imdbItems(tablesOf(fixture('imdb/ratings-old.csv')), { now: NOW }));
    expect(old.items.map((i) => [i.item.title, i.item.mediaType])).toEqual([
      ['Pulp Fiction', 'MOVIE'],
      ['The Office', 'TV'],
      ['Friends', 'TV'],
      ['Life Is Beautiful', 'MOVIE'],
    ]);
  });

  it('leaves out a row without an IMDb id, or rated in the future', () => {
    const header = 'Const,Your Rating,Date Rated,Title,Title Type,Year\n';
    const parse = items(
      imdbItems(
        tablesOf(
          text(`${header}nope,5,2020-01-01,A,movie,2000\ntt1,5,2031-01-01,B,movie,2000\ntt2,11,2020-01-01,C,movie,2000\n`),
        ),
        { now: NOW },
      ),
    );
    expect(parse.items.map((i) => [i.item.title, i.item.rating])).toEqual([['C', undefined]]);
    expect(parse.skipped).toEqual({ 'no-title': 1, 'future-date': 1 });
  });

  it('says when the files are none of IMDb’s', () => {
    expect(imdbItems(tablesOf(fixture('letterboxd/ratings.csv')), { now: NOW })).toEqual({
      kind: 'none',
      found: ['letterboxd-ratings'],
    });
  });
});
