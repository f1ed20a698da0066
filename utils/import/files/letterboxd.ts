import type { SourceList } from '../../model/import';
import { columnDates, FILE_SOURCES, type FileItem, type FileOptions, type FileParse, later, pick, Skips, yearIn } from './items';
import type { Table } from './read';
import type { ExportKind } from './recognise';

/**
 * Letterboxd's export (the ZIP or its CSVs): films by name and year, one item each however many
 * files and diary rows name it (a diary's rewatches are one film, counted). The viewing date is
 * the diary's Watched Date; a film only logged (watched.csv) or only rated has the day it was
 * logged or rated, said as such. The export has no ids: its Letterboxd address is kept.
 */
const KINDS = ['letterboxd-diary', 'letterboxd-watched', 'letterboxd-ratings', 'letterboxd-watchlist'] as const;

interface Film {
  title: string;
  year?: number;
  uri?: string;
  from: Set<ExportKind>;
  rows: number;
  viewings: number;
  watchedAt?: string;
  loggedAt?: string;
  ratedAt?: string;
  rating?: number;
  diaryRating?: { rating: number; at: string };
}

export function letterboxdItems(tables: readonly Table[], options: FileOptions): FileParse {
  const mine = pick(tables, KINDS);
  if (!Array.isArray(mine)) return mine;
  const skips = new Skips();
  const films = new Map<string, Film>();
  // The diary first: its address may be the entry's, the other files' is the film's and wins.
  const rank = (kind: ExportKind) => (kind === 'letterboxd-diary' ? 0 : 1);
  for (const table of [...mine].sort((a, b) => rank(a.kind) - rank(b.kind))) {
    const diary = table.kind === 'letterboxd-diary';
    const dates = columnDates(table, diary ? 'Watched Date' : 'Date', options);
    if (dates.kind === 'ask') return { kind: 'ask', dateOrder: dates.question };
    if (dates.kind === 'unreadable') return { kind: 'unreadable-dates', path: dates.path, column: dates.column };
    for (const row of table.rows) {
      const title = row.Name?.trim() ?? '';
      const date = dates.read(row[diary ? 'Watched Date' : 'Date']);
      if (!title) skips.add('no-title');
      else if (!date.ok) skips.add(date.skip);
      else {
        const year = yearIn(row.Year);
        const key = `${title.toLocaleLowerCase('en')}|${year ?? ''}`;
        const film = films.get(key) ?? { title, ...(year ? { year } : {}), from: new Set(), rows: 0, viewings: 0 };
        films.set(key, film);
        film.from.add(table.kind);
        film.rows += 1;
        film.uri = row['Letterboxd URI']?.trim() || film.uri;
        record(film, table.kind, date.at, ratingOf(row.Rating));
      }
    }
  }
  return { kind: 'items', items: [...films.values()].map(itemOf), skipped: skips.counts, finishedKnown: true, unnamed: [] };
}

function record(film: Film, kind: ExportKind, at: string | undefined, rating: number | undefined): void {
  if (kind === 'letterboxd-diary') {
    film.viewings += 1;
    film.watchedAt = later(film.watchedAt, at);
    if (rating !== undefined && (!film.diaryRating || (at ?? '') >= film.diaryRating.at))
      film.diaryRating = { rating, at: at ?? '' };
  } else if (kind === 'letterboxd-watched') {
    film.loggedAt = later(film.loggedAt, at);
  } else if (kind === 'letterboxd-ratings') {
    film.ratedAt = later(film.ratedAt, at);
    if (rating !== undefined) film.rating = rating;
  }
}

/** Half stars from 0.5 to 5. */
function ratingOf(text: string | undefined): number | undefined {
  const rating = Number(text?.trim() || Number.NaN);
  return rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2) ? rating : undefined;
}

function itemOf(film: Film): FileItem {
  const list: SourceList =
    film.from.has('letterboxd-diary') || film.from.has('letterboxd-watched')
      ? 'library'
      : film.from.has('letterboxd-ratings')
        ? 'rated'
        : 'watchlist';
  const watched = list !== 'watchlist';
  const rating = film.rating ?? film.diaryRating?.rating;
  const watchedAt = film.watchedAt ?? film.loggedAt ?? film.ratedAt;
  const dateIs = film.watchedAt ? undefined : film.loggedAt ? 'logged' : film.ratedAt ? 'rated' : undefined;
  return {
    item: {
      source: FILE_SOURCES.letterboxd,
      list,
      mediaType: 'MOVIE',
      title: film.title,
      ...(film.year ? { year: film.year } : {}),
      ids: {},
      watched,
      ...(rating !== undefined ? { rating } : {}),
      ...(watched && watchedAt ? { watchedAt } : {}),
    },
    extra: {
      from: [...film.from],
      rows: film.rows,
      ...(watched && dateIs ? { dateIs } : {}),
      ...(film.uri ? { letterboxdUri: film.uri } : {}),
      ...(film.viewings > 0 ? { viewings: film.viewings } : {}),
    },
  };
}
