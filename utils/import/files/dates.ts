/**
 * Dates as exports write them, read by column: Netflix writes the profile's locale (`6/19/25`,
 * `19/06/2025`, `2021-12-15`, `05.02.21`), the others ISO dates or UTC times. A column's order is
 * worked out from all its values: a year first is year-month-day; otherwise a day above 12 settles
 * which of the first two is the day, and so does a reading that would put a viewing in the future.
 * When nothing settles it the column is `ambiguous`, with examples read both ways for the person
 * to choose from; it is never guessed.
 */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export interface DateExample {
  value: string;
  /** The value read day before month, and month before day (YYYY-MM-DD). */
  dayFirst: string;
  monthFirst: string;
}

export type DateColumn =
  | { kind: 'settled'; order: DateOrder }
  | { kind: 'ambiguous'; examples: DateExample[] }
  /** No value in it is a date in any order (or days above 12 on both sides). */
  | { kind: 'unreadable' };

export type DateRead = { ok: true; iso: string } | { ok: false; why: 'unreadable' | 'future' };

interface Parts {
  yearFirst: boolean;
  /** In the order written: year, month, day when `yearFirst`; otherwise a, b, year. */
  numbers: [number, number, number];
  /** Hours, minutes, seconds, when there is a time. */
  time?: [number, number, number];
  /** Z, +02:00, +0200; none means UTC (the exports that write a time write it in UTC). */
  zone?: string;
}

const SHAPE =
  /^(\d{1,4})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{1,4})\.?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s?(Z|UTC|[+-]\d{2}:?\d{2})?)?$/i;

function partsOf(value: string): Parts | undefined {
  const m = SHAPE.exec(value.trim());
  if (!m) return undefined;
  const [first = '', , second = '', third = ''] = m.slice(1);
  const yearFirst = first.length === 4;
  if (!yearFirst && (first.length > 2 || (third.length !== 2 && third.length !== 4))) return undefined;
  return {
    yearFirst,
    numbers: [Number(first), Number(second), Number(third)],
    ...(m[5] ? { time: [Number(m[5]), Number(m[6]), Number(m[7] ?? 0)] as [number, number, number] } : {}),
    ...(m[8] && m[8].toUpperCase() !== 'UTC' ? { zone: m[8].toUpperCase() } : {}),
  };
}

/** Year, month, day in the given order of a year-last date; undefined when that is no day of the calendar. */
function ymd(parts: Parts, order: DateOrder, now: Date): [number, number, number] | undefined {
  const [a, b, c] = parts.numbers;
  let date: [number, number, number];
  if (parts.yearFirst) date = [a, b, c];
  else if (order === 'ymd') return undefined;
  else date = [fullYear(c, now), order === 'dmy' ? b : a, order === 'dmy' ? a : b];
  const [y, m, d] = date;
  if (y < 1870 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return date;
}

/** Two-digit years are this century's, unless that is still to come. */
function fullYear(year: number, now: Date): number {
  if (year >= 100) return year;
  return 2000 + year <= now.getUTCFullYear() ? 2000 + year : 1900 + year;
}

/** The furthest time zone is 14 hours ahead: a date-only value is in the future only past that. */
const AHEAD_MS = 14 * 3600_000;
/** A clock a little ahead of ours. */
const SKEW_MS = 10 * 60_000;

function instant(parts: Parts, date: [number, number, number]): number | undefined {
  const [y, m, d] = date;
  if (!parts.time) return Date.UTC(y, m - 1, d);
  const [h, min, s] = parts.time;
  if (h > 23 || min > 59 || s > 59) return undefined;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const zone = parts.zone ? parts.zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
  const at = Date.parse(`${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:${pad(s)}${zone}`);
  return Number.isNaN(at) ? undefined : at;
}

function isFuture(parts: Parts, at: number, now: Date): boolean {
  return at > now.getTime() + (parts.time ? SKEW_MS : AHEAD_MS);
}

/**
 * A value read in the column's order: an ISO time (a date alone at noon UTC, so it stays the same day
 * in nearly every time zone, and never later than now), or why not.
 */
export function readDate(value: string, order: DateOrder, now: Date): DateRead {
  const parts = partsOf(value);
  const date = parts && ymd(parts, order, now);
  const at = parts && date && instant(parts, date);
  if (!parts || at === undefined) return { ok: false, why: 'unreadable' };
  if (isFuture(parts, at, now)) return { ok: false, why: 'future' };
  const time = parts.time ? at : Math.min(at + 12 * 3600_000, now.getTime());
  return { ok: true, iso: new Date(time).toISOString() };
}

/** The order of a whole column, from all its values (blank ones left out). */
export function dateColumn(values: readonly string[], now: Date): DateColumn {
  const parsed = values.flatMap((value) => {
    const parts = value.trim() ? partsOf(value) : undefined;
    return parts ? [{ value: value.trim(), parts }] : [];
  });
  // Values that are a calendar day in neither order are left to readDate to refuse, row by row.
  const readable = parsed.filter(({ parts }) => !parts.yearFirst && (ymd(parts, 'dmy', now) || ymd(parts, 'mdy', now)));
  if (readable.length === 0) {
    return parsed.some(({ parts }) => parts.yearFirst && ymd(parts, 'ymd', now))
      ? { kind: 'settled', order: 'ymd' }
      : { kind: 'unreadable' };
  }
  // An order is possible when it makes a calendar day of every value that is one in either order.
  const possible = (['dmy', 'mdy'] as const).filter((order) => readable.every(({ parts }) => ymd(parts, order, now)));
  if (possible.length === 0) return { kind: 'unreadable' };
  const [only] = possible;
  if (possible.length === 1 && only) return { kind: 'settled', order: only };
  // Both make days of every value: one that would put some viewing in the future is out.
  const future = (order: DateOrder) =>
    readable.some(({ parts }) => {
      const date = ymd(parts, order, now);
      const at = date && instant(parts, date);
      return at !== undefined && isFuture(parts, at, now);
    });
  const present = possible.filter((order) => !future(order));
  const [settled] = present;
  if (present.length === 1 && settled) return { kind: 'settled', order: settled };
  const differing = [
    ...new Map(readable.filter(({ parts }) => parts.numbers[0] !== parts.numbers[1]).map((v) => [v.value, v])).values(),
  ];
  // Every value reads the same either way (1/1/21): nothing to ask.
  if (differing.length === 0) return { kind: 'settled', order: 'dmy' };
  const picked = differing.length > 1 ? [differing[0], differing.at(-1)] : [differing[0]];
  return {
    kind: 'ambiguous',
    examples: picked.flatMap((v) => {
      if (!v) return [];
      const dayFirst = ymd(v.parts, 'dmy', now);
      const monthFirst = ymd(v.parts, 'mdy', now);
      return dayFirst && monthFirst ? [{ value: v.value, dayFirst: isoDay(dayFirst), monthFirst: isoDay(monthFirst) }] : [];
    }),
  };
}

const isoDay = ([y, m, d]: [number, number, number]) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
