/** Faults: the failures a test can arm, what each answers instead of the API, and the huge body. */
import { type Answer, failure } from './answers';
import { HUGE_DEFAULT_BYTES } from './state';

export type FaultKind = 'error500' | 'rateLimit' | 'slow' | 'drop' | 'garbage' | 'wrongJson' | 'huge' | 'refuse' | 'redirect';

export interface Fault {
  kind: FaultKind;
  /** Apply to the next N API requests, then clear; omitted = until cleared. */
  times?: number;
  /** rateLimit only; default 2. */
  retryAfterSeconds?: number;
  /** slow only; default 35000. */
  delayMs?: number;
  /** huge only: the body's size in bytes, at least; default 8 MiB. */
  sizeBytes?: number;
  /** Only these API paths (e.g. "/scrobble"); omitted = all. */
  paths?: string[];
  /** redirect only: where a 307 sends the request (another origin, as a hijacked server would). */
  location?: string;
}

/** What a fault answers instead of the API; null means no answer at all (the socket is dropped). */
export function faultAnswer(fault: Fault): Answer | null {
  switch (fault.kind) {
    case 'error500':
      return failure(500, 'INTERNAL', 'The server had an internal problem; try again later.');
    case 'refuse':
      // A refusal a retry won't fix by itself: the client keeps the entry as failed for the user.
      return failure(422, 'UNPROCESSABLE', 'The server could not process this scrobble.');
    case 'rateLimit':
      return failure(429, 'RATE_LIMITED', 'Too many requests; wait before retrying.', {
        'Retry-After': String(fault.retryAfterSeconds ?? 2),
      });
    case 'garbage':
      // Labelled JSON on purpose: a client must not trust Content-Type over the body.
      return { status: 200, raw: '<html><body>502 Bad Gateway</body></html>', headers: { 'Content-Type': 'application/json' } };
    case 'wrongJson':
      // Well-formed JSON in no shape any endpoint answers (the answer wrapped in an envelope, as another API version might).
      return { status: 200, body: { data: { ok: true }, meta: { version: 'v0' } } };
    case 'huge':
      return { status: 200, raw: hugeBody(fault.sizeBytes ?? HUGE_DEFAULT_BYTES) };
    case 'redirect':
      // 307 keeps the method and the body: a client that follows it sends the scrobble there.
      return { status: 307, headers: { Location: fault.location ?? 'http://127.0.0.1:1/' } };
    default:
      return null;
  }
}

/**
 * Well-formed JSON of at least `bytes` bytes, shaped like a list answer: an `items` array of history
 * rows, each valid on its own, far more of them than any `limit` allows.
 */
function hugeBody(bytes: number): string {
  const row = (n: number) =>
    JSON.stringify({
      id: `h_huge_${n}`,
      kind: 'movie',
      tmdbId: 990_000_000 + n,
      title: `Huge Answer Film ${n}`,
      mediaType: 'MOVIE',
      year: 2000,
      season: null,
      episode: null,
      watchedAt: '2024-01-01T00:00:00.000Z',
      source: 'huge fault',
    });
  const rows: string[] = [];
  let size = '{"items":[]}'.length;
  while (size < bytes) {
    const next = row(rows.length + 1);
    rows.push(next);
    size += next.length + 1;
  }
  return `{"items":[${rows.join(',')}]}`;
}
