import type { ScrobbleEntry } from './entry';
import { outcomeOf } from './entry';

export const CSV_COLUMNS = [
  'createdAt',
  'site',
  'action',
  'outcome',
  'title',
  'year',
  'mediaType',
  'season',
  'episode',
  'matchedTitle',
  'matchedYear',
  'matchedSeason',
  'matchedEpisode',
  'error',
] as const;

/**
 * One field, quoted when it must be. A leading =, +, - or @ (also behind spaces or NULs, which some
 * spreadsheets skip), tab, carriage return or NUL is defused, so a spreadsheet never runs it.
 */
function field(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[\s\0]*[=+\-@]|^[\t\r\0]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The results log as CSV (RFC 4180, CRLF), one row per scrobble, oldest first. */
export function toCsv(entries: ScrobbleEntry[]): string {
  const rows = entries.map((e) =>
    [
      new Date(e.createdAt).toISOString(),
      e.site,
      e.action,
      outcomeOf(e),
      e.media.title,
      e.media.year,
      e.media.mediaType,
      e.media.season,
      e.media.episode,
      e.match?.title,
      e.match?.year,
      e.match?.season,
      e.match?.episode,
      e.error,
    ]
      .map(field)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** The results log as JSON: what a person needs, not the outbox's bookkeeping. */
export function toJson(entries: ScrobbleEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      createdAt: new Date(e.createdAt).toISOString(),
      site: e.site,
      action: e.action,
      outcome: outcomeOf(e),
      media: e.media,
      match: e.match ?? null,
      error: e.error ?? null,
    })),
    null,
    2,
  );
}
