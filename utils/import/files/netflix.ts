import type { RawItem } from '../../model/import';
import {
  columnDates,
  combine,
  FILE_SOURCES,
  type FileItem,
  type FileOptions,
  type FileParse,
  type KnownTable,
  later,
  type ProfileCount,
  pick,
  Skips,
} from './items';
import { knownShowsOf, type NetflixTitle, splitNetflixTitle, type TitleReading } from './netflix-titles';
import type { Row, Table } from './read';

/**
 * Netflix's two files: `NetflixViewingHistory.csv` (one profile's titles and the day, in the
 * profile's locale) and the account export's `ViewingActivity.csv` (every profile, one row per
 * session, with how far each got). One item per title: its rows folded, the latest date kept.
 * Neither file says how long a title runs, so neither tells finished from started: items count as
 * watched, with the furthest bookmark kept for the runtime the site's metadata gives.
 */
export function netflixFileItems(tables: readonly Table[], options: FileOptions): FileParse {
  const mine = pick(tables, ['netflix-history', 'netflix-activity']);
  if (!Array.isArray(mine)) return mine;
  return combine(
    mine.map((table) => (table.kind === 'netflix-history' ? historyItems(table, options) : activityItems(table, options))),
  );
}

function historyItems(table: KnownTable, options: FileOptions): FileParse {
  const dates = columnDates(table, 'Date', options);
  if (dates.kind === 'ask') return { kind: 'ask', dateOrder: dates.question };
  if (dates.kind === 'unreadable') return { kind: 'unreadable-dates', path: dates.path, column: dates.column };
  const skips = new Skips();
  const titles = new Map<string, Viewing>();
  for (const row of table.rows) {
    const title = row.Title?.trim() ?? '';
    const date = dates.read(row.Date);
    if (!title) skips.add('no-title');
    else if (!date.ok) skips.add(date.skip);
    else fold(titles, title, date.at);
  }
  const known = knownShowsOf(titles.keys());
  const items = [...titles].map(([title, seen]) =>
    netflixItem(title, splitNetflixTitle(title, known), { from: table.kind, rows: seen.rows, watchedAt: seen.watchedAt }),
  );
  return { kind: 'items', items, skipped: skips.counts, finishedKnown: false, unnamed: [] };
}

const SUPPLEMENTAL_TITLE = /Trailer:|Clip:|_hook_|_clip_|_backfill/i;
const AUTOPLAYED = /Autoplayed: user action: None/i;
const HIDDEN = /View was hidden/i;

interface Viewing {
  rows: number;
  watchedAt?: string;
  bookmarkSeconds?: number;
  watchedSeconds: number;
}

function activityItems(table: KnownTable, options: FileOptions): FileParse {
  const skips = new Skips();
  const viewings = table.rows.filter((row) => {
    const skipped = skipOf(row);
    if (skipped) skips.add(skipped);
    return !skipped;
  });
  const chosen = profileOf(viewings, options.profile);
  if (!chosen) return { kind: 'items', items: [], skipped: skips.counts, finishedKnown: false, unnamed: [] };
  if ('profiles' in chosen) return { kind: 'ask', profiles: chosen.profiles };
  const { profile } = chosen;

  const rows = viewings.filter((row) => row['Profile Name'] === profile);
  const dates = columnDates({ path: table.path, rows }, 'Start Time', options);
  if (dates.kind === 'ask') return { kind: 'ask', dateOrder: dates.question };
  if (dates.kind === 'unreadable') return { kind: 'unreadable-dates', path: dates.path, column: dates.column };
  const titles = new Map<string, Viewing>();
  for (const row of rows) {
    const title = row.Title?.trim() ?? '';
    const date = dates.read(row['Start Time']);
    if (!title) skips.add('no-title');
    else if (!date.ok) skips.add(date.skip);
    else {
      const viewing = fold(titles, title, date.at);
      const bookmark = seconds(row.Bookmark);
      if (bookmark !== undefined) viewing.bookmarkSeconds = Math.max(viewing.bookmarkSeconds ?? 0, bookmark);
      viewing.watchedSeconds += seconds(row.Duration) ?? 0;
    }
  }
  const known = knownShowsOf(titles.keys());
  const items = [...titles].map(([title, seen]) => {
    const built = netflixItem(title, splitNetflixTitle(title, known), {
      from: table.kind,
      rows: seen.rows,
      watchedAt: seen.watchedAt,
    });
    const bookmark = seen.bookmarkSeconds !== undefined ? { bookmarkSeconds: seen.bookmarkSeconds } : {};
    return { ...built, extra: { ...built.extra, profile, watchedSeconds: seen.watchedSeconds, ...bookmark } };
  });
  return { kind: 'items', items, skipped: skips.counts, finishedKnown: false, unnamed: [] };
}

/** The profile to read: the one asked for, or the only one; otherwise every profile with its viewings, most first. */
function profileOf(
  rows: readonly Row[],
  wanted: string | undefined,
): { profile: string } | { profiles: ProfileCount[] } | undefined {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row['Profile Name'] ?? '', (counts.get(row['Profile Name'] ?? '') ?? 0) + 1);
  const profiles = [...counts]
    .map(([name, viewings]) => ({ name, viewings }))
    .sort((a, b) => b.viewings - a.viewings || a.name.localeCompare(b.name));
  if (wanted !== undefined && counts.has(wanted)) return { profile: wanted };
  const [only] = profiles;
  if (profiles.length === 1 && only) return { profile: only.name };
  return profiles.length > 0 ? { profiles } : undefined;
}

function skipOf(row: Row): 'supplemental' | 'autoplayed' | 'hidden' | undefined {
  if (row['Supplemental Video Type']?.trim() || SUPPLEMENTAL_TITLE.test(row.Title ?? '')) return 'supplemental';
  if (AUTOPLAYED.test(row.Attributes ?? '')) return 'autoplayed';
  return HIDDEN.test(row.Attributes ?? '') ? 'hidden' : undefined;
}

/** `H:MM:SS` (Duration, Bookmark) in seconds; "Not latest view" and anything else is none. */
export function seconds(text: string | undefined): number | undefined {
  const match = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(text?.trim() ?? '');
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : undefined;
}

/** A title's rows as one: counted, with the latest date. */
function fold(titles: Map<string, Viewing>, title: string, watchedAt: string | undefined): Viewing {
  const seen = titles.get(title) ?? { rows: 0, watchedSeconds: 0 };
  seen.rows += 1;
  const latest = later(seen.watchedAt, watchedAt);
  if (latest) seen.watchedAt = latest;
  titles.set(title, seen);
  return seen;
}

/** An item of the title's first reading, with the others beside it for the person to pick from. */
function netflixItem(
  title: string,
  split: NetflixTitle,
  seen: { from: KnownTable['kind']; rows: number; watchedAt?: string },
): FileItem {
  const [first, ...others] = split.readings.map((reading) => itemOf(reading, seen.watchedAt));
  const reading = split.readings[0];
  const episode = reading?.mediaType === 'TV' ? reading : undefined;
  return {
    item: first ?? itemOf({ mediaType: 'MOVIE', title }, seen.watchedAt),
    extra: {
      from: [seen.from],
      rows: seen.rows,
      netflixTitle: title,
      ...(episode?.seasonName ? { seasonName: episode.seasonName } : {}),
      ...(episode?.episodeTitle ? { episodeTitle: episode.episodeTitle } : {}),
      ...(episode?.episode !== undefined && episode.season === undefined ? { episodeNumber: episode.episode } : {}),
      ...(others.length > 0 ? { otherReadings: others } : {}),
    },
  };
}

function itemOf(reading: TitleReading, watchedAt: string | undefined): RawItem {
  const base = {
    source: FILE_SOURCES.netflix,
    list: 'library' as const,
    ids: {},
    watched: true,
    ...(watchedAt ? { watchedAt } : {}),
  };
  if (reading.mediaType === 'MOVIE') return { ...base, mediaType: 'MOVIE', title: reading.title };
  const { season, episode } = reading;
  return {
    ...base,
    mediaType: 'TV',
    title: reading.show,
    ...(season !== undefined && episode !== undefined ? { lastEpisode: { season, episode } } : {}),
  };
}
