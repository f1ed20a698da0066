import type { SourceId, SourceItem } from '../items';

/**
 * A service the import reads from, a page at a time. The cursor is plain JSON: kept in IndexedDB
 * after every page, it is where a stopped read resumes (Try again, a stopped worker, a restart).
 */
export type Cursor = Record<string, string | number | boolean>;

export interface Page {
  items: SourceItem[];
  /** Where the next page is; null when everything was read. */
  next: Cursor | null;
  /** How many pages there are in all, when the service says (for the progress bar). */
  pages?: number;
}

export interface SourceReader {
  source: SourceId;
  /** Reads the page at `cursor` (null: the first). */
  read(cursor: Cursor | null): Promise<Page>;
}

/** Whole numbers from what a service sends as a number or as digits. */
export function whole(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The year of an ISO date ("1999-10-15"), or a year given as a number. */
export function yearOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1870 && value <= 2200 ? value : undefined;
  const match = typeof value === 'string' ? /^(\d{4})/.exec(value) : null;
  return match ? yearOf(Number(match[1])) : undefined;
}
