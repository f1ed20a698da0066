/**
 * Readers for what a page or a message hands over: plain JSON nobody vouches for. Each returns
 * undefined (or an empty list) unless the value is what it claims to be.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
