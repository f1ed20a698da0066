import { describe, expect, it } from 'vitest';
import { cleanItem } from '@/utils/import/clean';
import type { FileParse } from '@/utils/import/files/items';
import { tvTimeItems } from '@/utils/import/files/tvtime';
import { planOf } from '@/utils/import/plan';
import { fixture, NOW, tablesOf, text, zipOf } from './support';

const items = (parse: FileParse) => {
  if (parse.kind !== 'items') return expect.fail(`not items: ${JSON.stringify(parse)}`);
  return parse;
};

describe('the TV Time export', () => {
  const parse = () => items(tvTimeItems(tablesOf(zipOf('tv-time-personal-data.zip', 'tvtime')), { now: NOW }));
  const show = (title: string) => parse().items.find((i) => i.item.title === title);

  it('reads a show’s furthest episode, by season and number, at the time it was watched, with its TVDB ids', () => {
    expect(show('Breaking Bad')).toEqual({
      item: {
        source: 'tvtime',
        list: 'library',
        mediaType: 'TV',
        title: 'Breaking Bad',
        ids: {},
        watched: true,
        lastEpisode: { season: 2, episode: 1 },
        watchedAt: '2019-02-01T20:00:00.000Z',
      },
      // Four episodes (a special among them), one of them watched again.
      extra: { from: ['tvtime-records-v2'], rows: 5, tvdb: { show: 81189, episode: 438906 }, episodes: 4, viewings: 5 },
    });
    const cleaned = cleanItem(show('Breaking Bad')?.item, 'tvtime');
    expect(cleaned && planOf(cleaned)).toMatchObject({
      kind: 'scrobble',
      action: 'watched',
      media: { title: 'Breaking Bad', season: 2, episode: 1 },
    });
  });

  it('takes the year TV Time adds to tell shows of one name apart', () => {
    expect(show('Bodyguard')?.item).toMatchObject({ year: 2018, lastEpisode: { season: 1, episode: 6 } });
  });

  it('names a show from whichever file carries its name, and lists one no file names, never guessed', () => {
    expect(show('Named Elsewhere')?.item.lastEpisode).toEqual({ season: 3, episode: 4 });
    expect(parse().unnamed).toEqual([
      { tvdbShow: 999002, lastEpisode: { season: 2, episode: 7 }, episodes: 1, watchedAt: '2022-07-21T18:55:51.000Z' },
    ]);
    expect(parse().skipped).toEqual({ 'no-episode-number': 1 });
  });

  it('reads watched films by name and release year (the English slug when there is no name), and the films to watch', () => {
    const films = parse().items.filter((i) => i.item.mediaType === 'MOVIE');
    expect(films.map((i) => i.item)).toEqual([
      {
        source: 'tvtime',
        list: 'library',
        mediaType: 'MOVIE',
        title: 'Fury',
        year: 2014,
        ids: {},
        watched: true,
        watchedAt: '2019-09-08T17:24:29.000Z',
      },
      { source: 'tvtime', list: 'watchlist', mediaType: 'MOVIE', title: 'The Batman', year: 2022, ids: {}, watched: false },
      {
        source: 'tvtime',
        list: 'library',
        mediaType: 'MOVIE',
        title: 'space sweepers',
        ids: {},
        watched: true,
        watchedAt: '2021-03-01T20:00:00.000Z',
      },
    ]);
  });

  it('reads the older file’s episodes only without the v2 file', () => {
    expect(parse().items.some((i) => i.item.title === 'Dexter')).toBe(false);
    const alone = items(tvTimeItems(tablesOf(fixture('tvtime/tracking-prod-records.csv')), { now: NOW }));
    expect(alone.items.find((i) => i.item.title === 'Dexter')?.item).toMatchObject({
      mediaType: 'TV',
      lastEpisode: { season: 1, episode: 5 },
    });
  });

  it('reads the CSVs given loose, in any column order', () => {
    const v2 =
      'series_name,season_number,episode_number,key,s_id,created_at,ep_id\nDark,3,8,watch-episode-x,334824,2020-06-28 10:00:00,7654321\n';
    expect(
      items(tvTimeItems(tablesOf(text(v2)), { now: NOW })).items.map((i) => [i.item.title, i.item.lastEpisode, i.extra.tvdb]),
    ).toEqual([['Dark', { season: 3, episode: 8 }, { show: 334824, episode: 7654321 }]]);
  });

  it('says when the files are none of TV Time’s', () => {
    expect(tvTimeItems(tablesOf(fixture('netflix/NetflixViewingHistory-us.csv')), { now: NOW })).toEqual({
      kind: 'none',
      found: ['netflix-history'],
    });
  });
});
