import { describe, expect, it } from 'vitest';
import { cleanItem } from '@/utils/import/clean';
import type { FileParse } from '@/utils/import/files/items';
import { letterboxdItems } from '@/utils/import/files/letterboxd';
import { planOf } from '@/utils/import/plan';
import { fixture, NOW, tablesOf, text, zipOf } from './support';

const items = (parse: FileParse) => {
  if (parse.kind !== 'items') return expect.fail(`not items: ${JSON.stringify(parse)}`);
  return parse;
};

describe('the Letterboxd export', () => {
  const parse = () =>
    items(letterboxdItems(tablesOf(zipOf('letterboxd-someone-2026-11-30-utc.zip', 'letterboxd')), { now: NOW }));
  const film = (title: string) => parse().items.find((i) => i.item.title === title);

  it('reads the ZIP: one item a film, deleted entries left out', () => {
    expect(
      parse()
        .items.map((i) => i.item.title)
        .sort(),
    ).toEqual(['Aftersun', 'Crouching Tiger, Hidden Dragon', 'Parasite', 'Perfect Days', 'The Room']);
    expect(parse().skipped).toEqual({});
  });

  it('makes a diary’s rewatches one film: the latest viewing date, the rating of ratings.csv, the viewings counted', () => {
    expect(film('Parasite')).toEqual({
      item: {
        source: 'letterboxd',
        list: 'library',
        mediaType: 'MOVIE',
        title: 'Parasite',
        year: 2019,
        ids: {},
        watched: true,
        rating: 5,
        watchedAt: '2023-05-31T12:00:00.000Z',
      },
      extra: {
        from: ['letterboxd-diary', 'letterboxd-ratings', 'letterboxd-watched'],
        rows: 4,
        letterboxdUri: 'https://boxd.it/hTha',
        viewings: 2,
      },
    });
    expect(film('Crouching Tiger, Hidden Dragon')?.item).toMatchObject({ rating: 4, watchedAt: '2021-01-30T12:00:00.000Z' });
  });

  it('dates a film only logged, or only rated, by that day, and says so', () => {
    expect(film('Aftersun')).toMatchObject({
      item: { list: 'library', watchedAt: '2022-05-05T12:00:00.000Z' },
      extra: { dateIs: 'logged' },
    });
    expect(film('The Room')).toMatchObject({ item: { list: 'rated', watched: true, rating: 0.5 }, extra: { dateIs: 'rated' } });
  });

  it('lists the watchlist as not watched, which the import cannot write', () => {
    const perfectDays = film('Perfect Days');
    expect(perfectDays?.item).toEqual({
      source: 'letterboxd',
      list: 'watchlist',
      mediaType: 'MOVIE',
      title: 'Perfect Days',
      year: 2023,
      ids: {},
      watched: false,
    });
    const cleaned = perfectDays && cleanItem(perfectDays.item, 'letterboxd');
    expect(cleaned && planOf(cleaned)).toEqual({ kind: 'not-importable', reason: 'want-to-watch' });
  });

  it('reads loose CSVs the same way', () => {
    const loose = items(
      letterboxdItems(tablesOf(fixture('letterboxd/watched.csv'), fixture('letterboxd/diary.csv')), { now: NOW }),
    );
    expect(loose.items).toHaveLength(3);
  });

  it('leaves out rows without a name or with a date in the future, and counts them; reads rows without a year', () => {
    const parse = items(
      letterboxdItems(
        tablesOf(
          text(
            'Date,Name,Year,Letterboxd URI\n2021-01-01,,2000,x\n2030-01-01,Later,2020,y\n2021-01-02,No Year,,z\n',
            'watched.csv',
          ),
        ),
        { now: NOW },
      ),
    );
    expect(parse.items.map((i) => i.item)).toEqual([
      {
        source: 'letterboxd',
        list: 'library',
        mediaType: 'MOVIE',
        title: 'No Year',
        ids: {},
        watched: true,
        watchedAt: '2021-01-02T12:00:00.000Z',
      },
    ]);
    expect(parse.skipped).toEqual({ 'no-title': 1, 'future-date': 1 });
  });

  it('keeps only half stars from 0.5 to 5', () => {
    const parse = items(
      letterboxdItems(
        tablesOf(
          text(
            'Date,Name,Year,Letterboxd URI,Rating\n2021-01-01,A,2000,x,4.5\n2021-01-01,B,2000,y,7\n2021-01-01,C,2000,z,\n',
            'ratings.csv',
          ),
        ),
        { now: NOW },
      ),
    );
    expect(parse.items.map((i) => i.item.rating)).toEqual([4.5, undefined, undefined]);
  });

  it('says when the files are none of Letterboxd’s', () => {
    expect(letterboxdItems(tablesOf(fixture('tvtime/followed_tv_show.csv')), { now: NOW })).toEqual({
      kind: 'none',
      found: ['tvtime-followed'],
    });
  });
});
