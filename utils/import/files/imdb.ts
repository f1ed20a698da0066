import type { MediaType } from '../../media';
import {
  columnDates,
  FILE_SOURCES,
  type FileItem,
  type FileOptions,
  type FileParse,
  type KnownTable,
  pick,
  type RowDate,
  Skips,
  yearIn,
} from './items';
import type { Table } from './read';

/**
 * IMDb's `ratings.csv` and `watchlist.csv`, by IMDb id: a rated film or episode was watched (its
 * date the day it was rated, said as such), a rated series has no episode known, the watchlist is
 * what the person wants to watch. An episode's id is its own, never the show's: it is kept apart.
 */
const FILM_TYPES = new Set(['movie', 'tvmovie', 'short', 'tvshort', 'video', 'tvspecial']);
const SHOW_TYPES = new Set(['tvseries', 'tvminiseries']);
const EPISODE_TYPE = 'tvepisode';

export function imdbItems(tables: readonly Table[], options: FileOptions): FileParse {
  const mine = pick(tables, ['imdb-ratings', 'imdb-watchlist']);
  if (!Array.isArray(mine)) return mine;
  const skips = new Skips();
  const titles = new Map<string, FileItem>();
  // Ratings first: a title in both is the rated one.
  const rank = (table: KnownTable) => (table.kind === 'imdb-ratings' ? 0 : 1);
  for (const table of [...mine].sort((a, b) => rank(a) - rank(b))) {
    const rated = table.kind === 'imdb-ratings';
    // A watchlist's dates are when a title was listed, not watched.
    const dates = rated ? columnDates(table, 'Date Rated', options) : undefined;
    if (dates?.kind === 'ask') return { kind: 'ask', dateOrder: dates.question };
    if (dates?.kind === 'unreadable') return { kind: 'unreadable-dates', path: dates.path, column: dates.column };
    for (const row of table.rows) {
      const id = row.Const?.trim() ?? '';
      const title = row.Title?.trim() ?? '';
      const type = (row['Title Type'] ?? '').toLowerCase().replace(/[\s-]+/g, '');
      const mediaType: MediaType | undefined = FILM_TYPES.has(type)
        ? 'MOVIE'
        : SHOW_TYPES.has(type) || type === EPISODE_TYPE
          ? 'TV'
          : undefined;
      const date: RowDate = dates?.kind === 'read' ? dates.read(row['Date Rated']) : { ok: true };
      if (!title || !/^tt\d{1,10}$/.test(id)) skips.add('no-title');
      else if (!mediaType) skips.add('not-film-or-show');
      else if (!date.ok) skips.add(date.skip);
      else if (!titles.has(id)) {
        const episode = type === EPISODE_TYPE;
        const year = yearIn(row.Year);
        const rating = Number(row['Your Rating']);
        const hasRating = rated && Number.isInteger(rating) && rating >= 1 && rating <= 10;
        titles.set(id, {
          item: {
            source: FILE_SOURCES.imdb,
            list: rated ? 'rated' : 'watchlist',
            mediaType,
            title,
            ...(year ? { year } : {}),
            ids: episode ? {} : { imdb: id },
            watched: rated,
            ...(hasRating ? { rating } : {}),
            ...(date.at ? { watchedAt: date.at } : {}),
          },
          extra: {
            from: [table.kind],
            rows: 1,
            imdbTitleType: row['Title Type']?.trim() ?? '',
            ...(date.at ? { dateIs: 'rated' } : {}),
            ...(episode ? { imdbEpisode: id } : {}),
          },
        });
      } else {
        const known = titles.get(id);
        if (known && !known.extra.from.includes(table.kind)) known.extra.from.push(table.kind);
        if (known) known.extra.rows += 1;
      }
    }
  }
  return { kind: 'items', items: [...titles.values()], skipped: skips.counts, finishedKnown: true, unnamed: [] };
}
