import type { RawItem, SourceId } from '../../model/import';
import { type DateExample, type DateRead, dateColumn, readDate } from './dates';
import type { Row, Table } from './read';
import { type ExportKind, recogniseTable } from './recognise';

/**
 * What the export readers give: items as a source's reader builds them (`RawItem`, which
 * `clean.ts` cleans), each with what the import needs beyond it (`FileExtra`), or the question the
 * person must answer first. No zod and nothing of the background, so that the import page can
 * load it (boundary.test.ts keeps it so).
 */

/** The ids the file sources are to be declared with (utils/import/sources/). */
export const FILE_SOURCES = {
  netflix: 'netflix-file',
  letterboxd: 'letterboxd',
  imdb: 'imdb',
  tvtime: 'tvtime',
} as const satisfies Record<string, SourceId>;

export interface FileItem {
  item: RawItem;
  extra: FileExtra;
}

export interface FileExtra {
  /** The exports it was read from, and how many of their rows were folded into it. */
  from: ExportKind[];
  rows: number;
  /** `watchedAt` is when the person logged the film (Letterboxd's watched.csv) or rated it (IMDb), not a viewing. */
  dateIs?: 'logged' | 'rated';
  /** Netflix: the title as written, and how `item` (its first reading) split it. */
  netflixTitle?: string;
  seasonName?: string;
  episodeTitle?: string;
  /** An episode's number written without its season ("… (Episode 4)" and no season word): not in `lastEpisode`. */
  episodeNumber?: number;
  /** The title read other ways (a film's name with ": ", or a show's episode): `item` is the first reading; the person picks. */
  otherReadings?: RawItem[];
  /** ViewingActivity.csv: the furthest position reached and the time watched in all, in seconds; finished only against a runtime. */
  bookmarkSeconds?: number;
  watchedSeconds?: number;
  profile?: string;
  /** TV Time: the show's and the furthest episode's TVDB ids, and how many episodes were watched. */
  tvdb?: { show?: number; episode?: number };
  episodes?: number;
  /** IMDb: the export's title type, and an episode's own id (`ids.imdb` is never an episode's). */
  imdbTitleType?: string;
  imdbEpisode?: string;
  letterboxdUri?: string;
  /** How many times it was watched, where the export says (diary rows, TV Time rewatches). */
  viewings?: number;
}

export type SkipReason =
  /** Trailers, hooks, recaps and other clips (ViewingActivity.csv's Supplemental Video Type, or their titles). */
  | 'supplemental'
  /** Previews that played by themselves, with nothing done by the person. */
  | 'autoplayed'
  /** Viewings the person hid from their activity. */
  | 'hidden'
  | 'no-title'
  | 'unreadable-date'
  | 'future-date'
  /** IMDb's games, podcasts and music videos. */
  | 'not-film-or-show'
  | 'no-episode-number';

/** TV Time episodes of a show no file names: listed, never guessed. */
export interface UnnamedShow {
  tvdbShow: number;
  lastEpisode: { season: number; episode: number };
  episodes: number;
  watchedAt?: string;
}

export interface ProfileCount {
  name: string;
  viewings: number;
}

export interface DateQuestion {
  path: string;
  column: string;
  examples: DateExample[];
}

export type FileParse =
  | {
      kind: 'items';
      items: FileItem[];
      skipped: Partial<Record<SkipReason, number>>;
      /** Whether the export tells finished from started (none does without a runtime). */
      finishedKnown: boolean;
      unnamed: UnnamedShow[];
    }
  /** Asked once, then read again with the answer in `FileOptions`. */
  | { kind: 'ask'; dateOrder?: DateQuestion; profiles?: ProfileCount[] }
  /** A date column none of whose values is a date (or whose days pass 12 on both sides). */
  | { kind: 'unreadable-dates'; path: string; column: string }
  /** None of the files is this service's export; what they are instead. */
  | { kind: 'none'; found: ExportKind[] };

export interface FileOptions {
  now: Date;
  /** The person's answer to the date-order question; used only for a column that cannot settle it. */
  dateOrder?: 'dmy' | 'mdy';
  /** ViewingActivity.csv: the profile to read. */
  profile?: string;
}

/** A row's date: when (none if blank), or why the row is left out. */
export type RowDate = { ok: true; at?: string } | { ok: false; skip: 'future-date' | 'unreadable-date' };

export type ColumnDates =
  | { kind: 'read'; read: (value: string | undefined) => RowDate }
  | { kind: 'ask'; question: DateQuestion }
  | { kind: 'unreadable'; path: string; column: string };

/** A column's dates, read in the order its values settle (or the person gave); a blank value is a row without a date. */
export function columnDates(table: { path: string; rows: readonly Row[] }, column: string, options: FileOptions): ColumnDates {
  const values = table.rows.map((row) => row[column] ?? '').filter((value) => value.trim() !== '');
  if (values.length === 0) return { kind: 'read', read: () => ({ ok: true }) };
  const found = dateColumn(values, options.now);
  if (found.kind === 'unreadable') return { kind: 'unreadable', path: table.path, column };
  const order = found.kind === 'settled' ? found.order : options.dateOrder;
  if (!order)
    return { kind: 'ask', question: { path: table.path, column, examples: found.kind === 'ambiguous' ? found.examples : [] } };
  return { kind: 'read', read: (value) => rowDate(value?.trim() ? readDate(value, order, options.now) : undefined) };
}

function rowDate(read: DateRead | undefined): RowDate {
  if (!read) return { ok: true };
  return read.ok ? { ok: true, at: read.iso } : { ok: false, skip: read.why === 'future' ? 'future-date' : 'unreadable-date' };
}

export class Skips {
  readonly counts: Partial<Record<SkipReason, number>> = {};
  add(reason: SkipReason): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
  }
}

/** A whole number written as digits (0 included). */
export function digits(text: string | undefined): number | undefined {
  const trimmed = text?.trim() ?? '';
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** A year at the start of a date or alone ("1999", "1999-10-15"); TV Time writes an unknown one as 0001. */
export function yearIn(text: string | undefined): number | undefined {
  const year = Number(/^\s*(\d{4})/.exec(text ?? '')?.[1]);
  return year >= 1870 && year <= 2200 ? year : undefined;
}

export const later = (a?: string, b?: string) => (a && b ? (a > b ? a : b) : (a ?? b));

export interface KnownTable extends Table {
  kind: ExportKind;
}

/** The tables that are one of the given exports, or `none` naming what the files are instead. */
export function pick(
  tables: readonly Table[],
  kinds: readonly ExportKind[],
): KnownTable[] | { kind: 'none'; found: ExportKind[] } {
  const known = tables.flatMap((table) => {
    const kind = recogniseTable(table);
    return kind ? [{ ...table, kind }] : [];
  });
  const mine = known.filter((table) => kinds.includes(table.kind));
  return mine.length > 0 ? mine : { kind: 'none', found: [...new Set(known.map((table) => table.kind))] };
}

/** Several tables' readings as one: a table whose dates cannot be read stops all, questions are asked together. */
export function combine(parses: readonly FileParse[]): FileParse {
  const stopped = parses.find((parse) => parse.kind === 'unreadable-dates' || parse.kind === 'none');
  if (stopped) return stopped;
  const asks = parses.flatMap((parse) => (parse.kind === 'ask' ? [parse] : []));
  if (asks.length > 0) {
    const dateOrder = asks.find((ask) => ask.dateOrder)?.dateOrder;
    const profiles = asks.find((ask) => ask.profiles)?.profiles;
    return { kind: 'ask', ...(dateOrder ? { dateOrder } : {}), ...(profiles ? { profiles } : {}) };
  }
  const skipped: Partial<Record<SkipReason, number>> = {};
  const read = parses.flatMap((parse) => (parse.kind === 'items' ? [parse] : []));
  for (const parse of read) {
    for (const [reason, count] of Object.entries(parse.skipped) as Array<[SkipReason, number]>)
      skipped[reason] = (skipped[reason] ?? 0) + count;
  }
  return {
    kind: 'items',
    items: read.flatMap((parse) => parse.items),
    skipped,
    finishedKnown: read.every((parse) => parse.finishedKnown),
    unnamed: read.flatMap((parse) => parse.unnamed),
  };
}
