import { describe, expect, it } from 'vitest';
import { type ExportKind, recogniseTable } from '@/utils/import/files/recognise';
import { fixture, tablesOf, text, zipOf } from './support';

describe('which export a table is', () => {
  it.each<[string, ExportKind]>([
    ['netflix/NetflixViewingHistory-us.csv', 'netflix-history'],
    ['netflix/NetflixViewingHistory-de.csv', 'netflix-history'],
    ['netflix/CONTENT_INTERACTION/ViewingActivity.csv', 'netflix-activity'],
    ['letterboxd/watched.csv', 'letterboxd-watched'],
    ['letterboxd/diary.csv', 'letterboxd-diary'],
    ['letterboxd/ratings.csv', 'letterboxd-ratings'],
    ['letterboxd/watchlist.csv', 'letterboxd-watchlist'],
    ['imdb/ratings.csv', 'imdb-ratings'],
    ['imdb/ratings-old.csv', 'imdb-ratings'],
    ['imdb/watchlist.csv', 'imdb-watchlist'],
    ['tvtime/tracking-prod-records-v2.csv', 'tvtime-records-v2'],
    ['tvtime/tracking-prod-records.csv', 'tvtime-records'],
    ['tvtime/followed_tv_show.csv', 'tvtime-followed'],
  ])('%s is %s', (path, kind) => {
    const [table] = tablesOf(fixture(path));
    expect(table && recogniseTable(table)).toBe(kind);
  });

  it('tells by header, whatever the file is called and in whatever order its columns come', () => {
    expect(recogniseTable({ path: 'Downloads/history (1).csv', header: ['Title', 'Date'] })).toBe('netflix-history');
    expect(
      recogniseTable({
        path: 'x.csv',
        header: ['series_name', 'created_at', 'episode_number', 'key', 'season_number', 's_id', 'ep_id'],
      }),
    ).toBe('tvtime-records-v2');
  });

  it('tells Letterboxd’s watched and watchlist files, which share a header, by their names only', () => {
    const header = ['Date', 'Name', 'Year', 'Letterboxd URI'];
    expect(recogniseTable({ path: 'watched (2).csv', header })).toBe('letterboxd-watched');
    expect(recogniseTable({ path: 'watchlist.csv', header })).toBe('letterboxd-watchlist');
    expect(recogniseTable({ path: 'likes/films.csv', header })).toBeUndefined();
    expect(recogniseTable({ path: 'export.csv', header })).toBeUndefined();
  });

  it('never takes Letterboxd’s deleted or orphaned entries, or its reviews, for the person’s films', () => {
    const tables = tablesOf(zipOf('letterboxd.zip', 'letterboxd'));
    expect(tables.map((t) => [t.path, recogniseTable(t)])).toContainEqual(['deleted/diary.csv', undefined]);
    const diary = ['Date', 'Name', 'Year', 'Letterboxd URI', 'Rating', 'Rewatch', 'Tags', 'Watched Date'];
    expect(recogniseTable({ path: 'orphaned/diary.csv', header: diary })).toBeUndefined();
    expect(recogniseTable({ path: 'reviews.csv', header: [...diary, 'Review'] })).toBeUndefined();
  });

  it('knows nothing else: Netflix’s other files, another service’s CSV, a Title,Date file with more columns', () => {
    const [myList] = tablesOf(fixture('netflix/CONTENT_INTERACTION/MyList.csv'));
    expect(myList && recogniseTable(myList)).toBeUndefined();
    expect(
      recogniseTable({
        path: 'simkl.csv',
        header: ['SIMKL_ID', 'Title', 'Type', 'Year', 'Watchlist', 'LastEpWatched', 'WatchedDate'],
      }),
    ).toBeUndefined();
    expect(recogniseTable({ path: 'a.csv', header: ['Title', 'Date', 'Rating'] })).toBeUndefined();
    const [odd] = tablesOf(text('a,b\n1,2\n'));
    expect(odd && recogniseTable(odd)).toBeUndefined();
  });
});
