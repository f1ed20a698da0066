/**
 * A stand-in for Rewind's `GET /v1/watching/ratings` (seed 000): rated films, paged with `page` and
 * `limit`, behind a `rw_live_…` or `rw_admin_…` bearer key, with Rewind's error envelope
 * `{ "error": "…", "status": N }`. Real base: https://api.rewind.rest; here http://127.0.0.1:<port>.
 * docs/import-sources.md lists what it checks and every assumption where the seed is silent.
 */
import type { Answer } from '../answers';
import { REWIND_DEMO, REWIND_RATINGS } from './demo';
import { type ListenOptions, type SourceRequest, type SourceStandIn, startSourceStandIn, wholeParam } from './harness';

export const REWIND_DEFAULT_LIMIT = 20;
export const REWIND_MAX_LIMIT = 100;
/** A key Rewind would hand out: a read key or an admin key. */
export const REWIND_KEY_PATTERN = /^rw_(live|admin)_\S+$/;

/** One rated film, as the seed's example shows it. */
export interface RewindRating {
  movie: {
    id: number;
    title: string;
    year: number | null;
    tmdb_id: number | null;
    tmdb_rating: number | null;
    image: null;
  };
  /** The person's rating on Letterboxd's scale, 0.5–5 in halves (the seed's examples are 5). */
  user_rating: number | null;
  review_url: string | null;
  watched_at: string;
  source: string | null;
}

export interface RewindPage {
  data: RewindRating[];
  pagination: { page: number; limit: number; total: number; total_pages: number };
}

export interface RewindStandInOptions extends ListenOptions {
  /** The keys that are accepted; default REWIND_DEMO's read and admin keys. Each must start rw_live_ or rw_admin_. */
  keys?: readonly string[];
  /** Default REWIND_RATINGS (server/sources/demo.ts). */
  ratings?: readonly RewindRating[];
}

export interface RewindStandIn extends SourceStandIn {
  keys: readonly string[];
  ratings: readonly RewindRating[];
}

/** Rewind's error envelope. */
export const rewindError = (status: number, error: string): Answer => ({ status, body: { error, status } });

type Sort = 'rating' | 'date' | 'title';

/** The sort the `sort` parameter names: `date` (or `watched_at`) and `title`; anything else is the default, rating. */
export function sortOf(value: string | null): Sort {
  if (value === 'date' || value === 'watched_at') return 'date';
  if (value === 'title') return 'title';
  return 'rating';
}

/**
 * The ratings in the order asked for (`order=asc` ascending; anything else descending). Ties keep
 * one fixed order whatever `order` says: the most recently watched first, then Rewind's id.
 */
export function sortRatings(ratings: readonly RewindRating[], sort: Sort, ascending: boolean): RewindRating[] {
  const key = (item: RewindRating): number | string =>
    sort === 'rating' ? (item.user_rating ?? -1) : sort === 'date' ? item.watched_at : item.movie.title.toLowerCase();
  const direction = ascending ? 1 : -1;
  return [...ratings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
    if (a.watched_at !== b.watched_at) return a.watched_at < b.watched_at ? 1 : -1;
    return a.movie.id - b.movie.id;
  });
}

export async function startRewindStandIn(options: RewindStandInOptions = {}): Promise<RewindStandIn> {
  const keys = options.keys ?? [REWIND_DEMO.liveKey, REWIND_DEMO.adminKey];
  for (const key of keys) {
    if (!REWIND_KEY_PATTERN.test(key)) throw new Error('Rewind stand-in: every key must start with rw_live_ or rw_admin_');
  }
  const ratings = options.ratings ?? REWIND_RATINGS;

  const handle = (request: SourceRequest): Answer => {
    // Every endpoint needs a key, so the key is checked before the route (Rewind's middleware runs first).
    const key = request.bearer;
    if (key === null || !REWIND_KEY_PATTERN.test(key) || !keys.includes(key)) return rewindError(401, 'Unauthorized');
    const path = request.path.length > 1 ? request.path.replace(/\/$/, '') : request.path;
    if (path !== '/v1/watching/ratings' || request.method !== 'GET') return rewindError(404, 'Not found');
    const params = request.url.searchParams;
    const page = wholeParam(request.url, 'page') ?? 1;
    if (!Number.isInteger(page) || page < 1) return rewindError(400, 'page must be a whole number of at least 1');
    const limit = wholeParam(request.url, 'limit') ?? REWIND_DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > REWIND_MAX_LIMIT) {
      return rewindError(400, `limit must be a whole number from 1 to ${REWIND_MAX_LIMIT}`);
    }
    const ordered = sortRatings(ratings, sortOf(params.get('sort')), params.get('order') === 'asc');
    const start = (page - 1) * limit;
    const body: RewindPage = {
      data: ordered.slice(start, start + limit),
      pagination: { page, limit, total: ordered.length, total_pages: Math.ceil(ordered.length / limit) },
    };
    return { status: 200, body };
  };

  const harness = await startSourceStandIn({
    ...options,
    name: 'Rewind stand-in',
    handle,
    faultAnswer: (kind, fault) =>
      kind === 'rateLimit'
        ? {
            ...rewindError(429, 'Too many requests'),
            ...(fault.retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(fault.retryAfterSeconds) } }),
          }
        : rewindError(500, 'Internal server error'),
  });
  return { ...harness, keys, ratings };
}
