import { isRecord } from '../playback/page-bridge';
import type { Media } from '../scrobble/entry';

/** Small readers for untrusted JSON: each returns undefined unless the value is what it claims. */
export const read = {
  record: (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined),
  array: (value: unknown): unknown[] => (Array.isArray(value) ? value : []),
  text: (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : undefined,
  int: (value: unknown): number | undefined => {
    const n = typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value) : value;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 1e6 ? n : undefined;
  },
  /** A site's own id: a short string or a whole number, as text. */
  id: (value: unknown): string | undefined =>
    (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^[\w.:-]{1,200}$/.test(value))
      ? String(value)
      : undefined,
  year: (value: unknown): number | undefined => {
    const n = read.int(value);
    return n !== undefined && n >= 1870 && n <= 2200 ? n : undefined;
  },
};

/** Drops undefined fields so a request never carries a guess. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** ReelRifter's ceiling for a title (`TITLE_MAX` in the API schemas, which content scripts do not load). */
export const MAX_TITLE_LENGTH = 500;

const wholeIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;

/**
 * What a layer named, made into something the API accepts: control and invisible format characters
 * and runs of spaces gone, the title trimmed and capped, numbers only when whole and in range. A title that is
 * nothing once cleaned names nothing.
 */
export function normalizeMedia(media: Media): Media | null {
  const title = media.title
    .replace(/\p{Cc}+/gu, ' ')
    // Invisible format characters (U+202E turns the text around it backwards), except the joiners
    // that emoji sequences and some scripts need.
    .replace(/(?![\u200C\u200D])\p{Cf}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_TITLE_LENGTH)
    // Half a surrogate pair (a cap cut through an emoji, here or in `read.text`) is not text: a
    // server that stores UTF-8 refuses it, and the scrobble would be retried forever.
    .replace(/\p{Cs}/gu, '')
    .trim();
  if (!title) return null;
  return defined({
    title,
    year: wholeIn(media.year, 1870, 2200),
    mediaType: media.mediaType === 'TV' || media.mediaType === 'MOVIE' ? media.mediaType : undefined,
    season: wholeIn(media.season, 0, 10_000),
    episode: wholeIn(media.episode, 0, 100_000),
  });
}
