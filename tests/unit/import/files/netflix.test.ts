import { describe, expect, it } from 'vitest';
import { cleanItem } from '@/utils/import/clean';
import type { FileParse } from '@/utils/import/files/items';
import { netflixFileItems, seconds } from '@/utils/import/files/netflix';
import { fixture, NOW, tablesOf, text, zipOf } from './support';

const items = (parse: FileParse) => {
  if (parse.kind !== 'items') return expect.fail(`not items: ${JSON.stringify(parse)}`);
  return parse;
};
const byTitle = (parse: FileParse, netflixTitle: string) => items(parse).items.find((i) => i.extra.netflixTitle === netflixTitle);

describe('NetflixViewingHistory.csv', () => {
  it('reads each locale’s dates and titles: US', () => {
    const parse = items(netflixFileItems(tablesOf(fixture('netflix/NetflixViewingHistory-us.csv')), { now: NOW }));
    expect(parse.finishedKnown).toBe(false);
    expect(parse.items).toHaveLength(13);
    expect(byTitle(parse, 'Crash Landing on You: Season 1: Episode 3')).toEqual({
      item: {
        source: 'netflix-file',
        list: 'library',
        mediaType: 'TV',
        title: 'Crash Landing on You',
        ids: {},
        watched: true,
        watchedAt: '2021-02-14T12:00:00.000Z',
        lastEpisode: { season: 1, episode: 3 },
      },
      extra: {
        from: ['netflix-history'],
        rows: 1,
        netflixTitle: 'Crash Landing on You: Season 1: Episode 3',
        seasonName: 'Season 1',
        episodeTitle: 'Episode 3',
      },
    });
    // An episode named by its title only: the show, with no episode known.
    expect(byTitle(parse, "The Queen's Gambit: Limited Series: Openings")?.item).toMatchObject({
      mediaType: 'TV',
      title: "The Queen's Gambit",
    });
    expect(byTitle(parse, "The Queen's Gambit: Limited Series: Openings")?.item.lastEpisode).toBeUndefined();
  });

  it('folds the rows of one title into one item, with the latest day', () => {
    const squid = byTitle(
      netflixFileItems(tablesOf(fixture('netflix/NetflixViewingHistory-us.csv')), { now: NOW }),
      'Squid Game: Season 2: Episode 1',
    );
    expect(squid?.extra.rows).toBe(2);
    expect(squid?.item.watchedAt).toBe('2024-12-30T12:00:00.000Z');
  });

  it('settles an episode by a show the file names with a season word, and lists a title with a colon both ways', () => {
    const parse = netflixFileItems(tablesOf(fixture('netflix/NetflixViewingHistory-us.csv')), { now: NOW });
    expect(byTitle(parse, 'Wednesday: Woe What a Week')?.item).toMatchObject({ mediaType: 'TV', title: 'Wednesday' });
    expect(byTitle(parse, 'Wednesday: Woe What a Week')?.extra.otherReadings).toBeUndefined();
    const arthur = byTitle(parse, 'King Arthur: Legend of the Sword');
    expect(arthur?.item).toMatchObject({ mediaType: 'TV', title: 'King Arthur' });
    expect(arthur?.extra.otherReadings).toEqual([
      {
        source: 'netflix-file',
        list: 'library',
        mediaType: 'MOVIE',
        title: 'King Arthur: Legend of the Sword',
        ids: {},
        watched: true,
        watchedAt: '2025-06-19T12:00:00.000Z',
      },
    ]);
  });

  it.each([
    ['de', 'Dark: Staffel 2: Anfänge und Enden', '2021-02-13', { mediaType: 'TV', title: 'Dark' }],
    ['de', 'Haus des Geldes: Teil 3: Folge 1', '2019-07-20', { mediaType: 'TV', title: 'Haus des Geldes' }],
    ['de', 'Im Westen nichts Neues', '2022-10-29', { mediaType: 'MOVIE', title: 'Im Westen nichts Neues' }],
    ['es', 'Élite: Temporada 1: Bienvenidos', '2024-01-25', { mediaType: 'TV', title: 'Élite' }],
    [
      'fr',
      'Arcane: Saison 2: Épisode 4',
      '2024-11-30',
      { mediaType: 'TV', title: 'Arcane', lastEpisode: { season: 2, episode: 4 } },
    ],
    [
      'pt',
      'Sintonia: Temporada 1: Episódio 2',
      '2019-08-17',
      { mediaType: 'TV', title: 'Sintonia', lastEpisode: { season: 1, episode: 2 } },
    ],
    ['ca', "Schitt's Creek: Season 6: Happy Ending", '2021-12-15', { mediaType: 'TV', title: "Schitt's Creek" }],
  ])('reads the %s file: %s on %s', (locale, title, day, item) => {
    const found = byTitle(
      netflixFileItems(tablesOf(fixture(`netflix/NetflixViewingHistory-${locale}.csv`)), { now: NOW }),
      title,
    );
    expect(found?.item).toMatchObject(item);
    expect(found?.item.watchedAt?.slice(0, 10)).toBe(day);
  });

  it('asks the date order once when the file cannot settle it, with two rows both ways, then reads with the answer', () => {
    const tables = tablesOf(fixture('netflix/NetflixViewingHistory-ambiguous.csv'));
    expect(netflixFileItems(tables, { now: NOW })).toEqual({
      kind: 'ask',
      dateOrder: {
        path: 'NetflixViewingHistory-ambiguous.csv',
        column: 'Date',
        examples: [
          { value: '05/02/21', dayFirst: '2021-02-05', monthFirst: '2021-05-02' },
          { value: '03/04/21', dayFirst: '2021-04-03', monthFirst: '2021-03-04' },
        ],
      },
    });
    const dayFirst = items(netflixFileItems(tables, { now: NOW, dateOrder: 'dmy' }));
    const monthFirst = items(netflixFileItems(tables, { now: NOW, dateOrder: 'mdy' }));
    expect(dayFirst.items.map((i) => i.item.watchedAt?.slice(0, 10))).toEqual(['2021-02-05', '2021-04-03', '2021-01-01']);
    expect(monthFirst.items.map((i) => i.item.watchedAt?.slice(0, 10))).toEqual(['2021-05-02', '2021-03-04', '2021-01-01']);
  });

  it('takes no answer over what the file settles', () => {
    const parse = netflixFileItems(tablesOf(fixture('netflix/NetflixViewingHistory-us.csv')), { now: NOW, dateOrder: 'dmy' });
    expect(byTitle(parse, 'Extraction')?.item.watchedAt).toBe('2020-04-25T12:00:00.000Z');
  });

  it('refuses rows dated in the future and rows without a title, and counts them', () => {
    const parse = items(
      netflixFileItems(tablesOf(text('Title,Date\nA,19/06/2025\nB,19/06/2027\n,19/06/2024\nC,someday\n')), { now: NOW }),
    );
    expect(parse.items.map((i) => i.item.title)).toEqual(['A']);
    expect(parse.skipped).toEqual({ 'future-date': 1, 'no-title': 1, 'unreadable-date': 1 });
  });

  it('says when a date column cannot be read at all', () => {
    expect(netflixFileItems(tablesOf(text('Title,Date\nA,yesterday\n')), { now: NOW })).toEqual({
      kind: 'unreadable-dates',
      path: 'file.csv',
      column: 'Date',
    });
  });

  it('says when the files are none of Netflix’s', () => {
    expect(netflixFileItems(tablesOf(fixture('imdb/ratings.csv'), text('a,b\n1,2\n')), { now: NOW })).toEqual({
      kind: 'none',
      found: ['imdb-ratings'],
    });
  });

  it('gives items the import’s boundary keeps', () => {
    for (const { item } of items(netflixFileItems(tablesOf(fixture('netflix/NetflixViewingHistory-us.csv')), { now: NOW }))
      .items) {
      expect(cleanItem(item, 'netflix-file'), item.title).toMatchObject({
        title: item.title,
        mediaType: item.mediaType,
        watchedAt: item.watchedAt,
      });
    }
  });
});

describe('ViewingActivity.csv', () => {
  const activity = () => tablesOf(fixture('netflix/CONTENT_INTERACTION/ViewingActivity.csv'));

  it('lists the profiles, with their viewings, for the person to pick', () => {
    expect(netflixFileItems(activity(), { now: NOW })).toEqual({
      kind: 'ask',
      profiles: [
        { name: 'Anna', viewings: 7 },
        { name: 'Kids', viewings: 2 },
      ],
    });
    expect(netflixFileItems(activity(), { now: NOW, profile: 'Nobody' })).toMatchObject({ kind: 'ask' });
  });

  it('reads the profile picked: trailers, hooks, recaps, autoplayed previews and hidden views left out and counted', () => {
    const parse = items(netflixFileItems(activity(), { now: NOW, profile: 'Anna' }));
    expect(parse.skipped).toEqual({ supplemental: 3, autoplayed: 1, hidden: 1 });
    expect(parse.items.map((i) => i.extra.netflixTitle)).toEqual([
      'The Crown: Season 1: Wolferton Splash (Episode 1)',
      'The Crown: Season 1: Windsor (Episode 3)',
      'DAHMER: Monster: The Jeffrey Dahmer Story: The Good Boy Box (Episode 4)',
      'Glass Onion: A Knives Out Mystery',
      "Love, Death & Robots: Volume 1: Sonnie's Edge (Episode 1)",
      'The Crown: Season 2: Misadventure (Episode 1)',
    ]);
    expect(parse.items.every((i) => i.extra.profile === 'Anna')).toBe(true);
  });

  it('folds an episode’s sessions into one: the furthest bookmark, the latest start, the time watched in all', () => {
    const crown = byTitle(
      netflixFileItems(activity(), { now: NOW, profile: 'Anna' }),
      'The Crown: Season 1: Wolferton Splash (Episode 1)',
    );
    expect(crown).toEqual({
      item: {
        source: 'netflix-file',
        list: 'library',
        mediaType: 'TV',
        title: 'The Crown',
        ids: {},
        watched: true,
        watchedAt: '2023-03-01T20:15:00.000Z',
        lastEpisode: { season: 1, episode: 1 },
      },
      extra: {
        from: ['netflix-activity'],
        rows: 2,
        netflixTitle: 'The Crown: Season 1: Wolferton Splash (Episode 1)',
        seasonName: 'Season 1',
        episodeTitle: 'Wolferton Splash',
        profile: 'Anna',
        watchedSeconds: 56 * 60,
        bookmarkSeconds: 56 * 60,
      },
    });
  });

  it('keeps an episode numbered without its season apart from lastEpisode, and its readings', () => {
    const dahmer = byTitle(
      netflixFileItems(activity(), { now: NOW, profile: 'Anna' }),
      'DAHMER: Monster: The Jeffrey Dahmer Story: The Good Boy Box (Episode 4)',
    );
    expect(dahmer?.item.lastEpisode).toBeUndefined();
    expect(dahmer?.extra.episodeNumber).toBe(4);
    expect(dahmer?.extra.otherReadings?.map((r) => r.title)).toEqual(['DAHMER: Monster: The Jeffrey Dahmer Story']);
  });

  it('reads the only profile without asking', () => {
    const parse = items(
      netflixFileItems(
        tablesOf(
          text(
            'Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country\nSolo,2024-01-01 10:00:00,1:00:00,,Roma,,TV,1:30:00,1:30:00,MX (Mexico)\n',
          ),
        ),
        { now: NOW },
      ),
    );
    expect(parse.items.map((i) => [i.item.title, i.extra.bookmarkSeconds, i.extra.watchedSeconds])).toEqual([
      ['Roma', 5400, 3600],
    ]);
  });

  it('reads the account export’s ZIP as Netflix ships it', () => {
    const zip = zipOf('netflix-report.zip', 'netflix/CONTENT_INTERACTION', 'CONTENT_INTERACTION/');
    expect(items(netflixFileItems(tablesOf(zip), { now: NOW, profile: 'Kids' })).items.map((i) => i.item.lastEpisode)).toEqual([
      { season: 1, episode: 1 },
      { season: 1, episode: 2 },
    ]);
  });

  it('asks for the profile and the date order together when both files are given', () => {
    const tables = tablesOf(
      fixture('netflix/CONTENT_INTERACTION/ViewingActivity.csv'),
      fixture('netflix/NetflixViewingHistory-ambiguous.csv'),
    );
    expect(netflixFileItems(tables, { now: NOW })).toMatchObject({
      kind: 'ask',
      profiles: expect.any(Array),
      dateOrder: { column: 'Date' },
    });
  });

  it.each([
    ['0:45:10', 2710],
    ['00:56:00', 3360],
    ['12:00:00', 43200],
    ['Not latest view', undefined],
    ['', undefined],
    ['1:60:00', undefined],
    [undefined, undefined],
  ])('reads %s as %s seconds', (value, expected) => {
    expect(seconds(value)).toBe(expected);
  });
});
