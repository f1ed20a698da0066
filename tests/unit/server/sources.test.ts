/**
 * The import-source stand-ins (server/sources/): Simkl, the TMDB-style account API and Rewind, over
 * HTTP with fetch: routes and paging, Simkl's silent fallbacks, the credentials each checks, the
 * error bodies of seed 002 and Rewind's envelope, faults, the loopback Host check and /__control.
 */
// @vitest-environment node
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, findByTmdbId, matchTitle, normaliseTitle } from '../../../server/catalogue';
import {
  DEMO_CASES,
  REWIND_DEMO,
  REWIND_RATINGS,
  SIMKL_DEMO,
  SIMKL_LIBRARY,
  syntheticSources,
  TMDB_ACCOUNT,
  TMDB_DEMO,
  TMDB_LISTS,
} from '../../../server/sources/demo';
import type { SourceStandIn } from '../../../server/sources/harness';
import { type RewindStandIn, startRewindStandIn } from '../../../server/sources/rewind';
import { type SimklStandIn, startSimklStandIn } from '../../../server/sources/simkl';
import { startTmdbStandIn, TMDB_PAGE_SIZE, type TmdbStandIn } from '../../../server/sources/tmdb';

let simkl: SimklStandIn;
let tmdb: TmdbStandIn;
let rewind: RewindStandIn;

beforeAll(async () => {
  [simkl, tmdb, rewind] = await Promise.all([startSimklStandIn(), startTmdbStandIn(), startRewindStandIn()]);
});
afterAll(() => Promise.all([simkl.close(), tmdb.close(), rewind.close()]));
afterEach(() => {
  simkl.reset();
  tmdb.reset();
  rewind.reset();
});

const json = async <T = unknown>(response: Response): Promise<T> => (await response.json()) as T;

/** A GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers: { ...headers, Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end();
  });
}

// ─── Simkl ────────────────────────────────────────────────────────────────────────────────────────

const simklAuth = { Authorization: `Bearer ${SIMKL_DEMO.token}` };
function simklGet(path: string, init: { clientId?: string | null; headers?: Record<string, string>; query?: string } = {}) {
  const url = new URL(`${simkl.origin}${path}`);
  const clientId = init.clientId === undefined ? SIMKL_DEMO.clientId : init.clientId;
  if (clientId !== null) url.searchParams.set('client_id', clientId);
  return fetch(`${url.href}${init.query ?? ''}`, { headers: init.headers ?? simklAuth });
}
type SimklBody = Record<string, Array<{ user_rating: number | null; movie?: { title: string }; show?: { title: string } }>>;

describe('Simkl stand-in', () => {
  it('GET /sync/all-items/{type} answers the whole library of that type, unrated items included, in the seed shape', async () => {
    const response = await simklGet('/sync/all-items/movies');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('connection')).toBe('close');
    const body = await json<SimklBody>(response);
    expect(Object.keys(body)).toEqual(['movies']);
    expect(body.movies).toEqual(SIMKL_LIBRARY.movies);
    expect(body.movies?.some((item) => item.user_rating === null)).toBe(true);
    // The seed's example movie, key for key and in the seed's key order.
    const maleficent = body.movies?.[0];
    expect(Object.keys(maleficent ?? {})).toEqual(['last_watched_at', 'user_rated_at', 'user_rating', 'status', 'movie']);
    expect(maleficent).toEqual({
      last_watched_at: '2014-08-16T18:45:20.000Z',
      user_rated_at: '2021-06-23T13:19:05.000Z',
      user_rating: 6,
      status: 'completed',
      movie: { title: 'Maleficent', year: 2014, ids: { simkl: 195258, imdb: 'tt1587310', tmdb: '102651' } },
    });
  });

  it('shows use S01E05 numbering and anime E148; a show with nothing watched has last_watched null', async () => {
    const shows = await json<{ shows: typeof SIMKL_LIBRARY.shows }>(await simklGet('/sync/all-items/shows'));
    expect(Object.keys(shows.shows[0] ?? {})).toEqual([
      'last_watched_at',
      'user_rated_at',
      'user_rating',
      'status',
      'last_watched',
      'next_to_watch',
      'show',
    ]);
    expect(shows.shows.find((item) => item.show.title === 'The Last Ship')).toMatchObject({
      last_watched: null,
      next_to_watch: 'S01E01',
      status: 'dropped',
    });
    expect(shows.shows.find((item) => item.show.title === 'Severance')?.last_watched).toMatch(/^S\d{2}E\d{2}$/);
    const anime = await json<{ anime: typeof SIMKL_LIBRARY.anime }>(await simklGet('/sync/all-items/anime'));
    expect(anime.anime.find((item) => item.show.title === 'Hunter x Hunter')).toMatchObject({ last_watched: 'E148' });
    const statuses = new Set(
      [...SIMKL_LIBRARY.movies, ...SIMKL_LIBRARY.shows, ...SIMKL_LIBRARY.anime].map((item) => item.status),
    );
    expect([...statuses].sort()).toEqual(['completed', 'dropped', 'hold', 'plantowatch', 'watching']);
  });

  it('GET /sync/all-items with no type, or an unrecognised one, answers every type', async () => {
    for (const path of ['/sync/all-items', '/sync/all-items/tv_shows']) {
      const body = await json<SimklBody>(await simklGet(path));
      expect(Object.keys(body)).toEqual(['shows', 'anime', 'movies']);
    }
  });

  it('GET /sync/ratings/{type}/{rating} filters by one rating or a list of them', async () => {
    const nines = await json<SimklBody>(await simklGet('/sync/ratings/movies/9'));
    expect(nines.movies?.map((item) => item.movie?.title)).toEqual(['Parasite', 'Oppenheimer']);
    const high = await json<SimklBody>(await simklGet('/sync/ratings/movies/8,9,10'));
    expect(high.movies?.map((item) => item.user_rating)).toEqual([10, 9, 8, 8, 9]);
    expect(Object.keys(high)).toEqual(['movies']);
    // Percent-encoded commas are the same list.
    expect(await json(await simklGet('/sync/ratings/movies/8%2C9%2C10'))).toEqual(high);
  });

  it('the full list 1,…,10 gives only rated items', async () => {
    const body = await json<SimklBody>(await simklGet('/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10'));
    const rated = SIMKL_LIBRARY.movies.filter((item) => item.user_rating !== null);
    expect(body.movies).toEqual(rated);
    expect(rated.length).toBeLessThan(SIMKL_LIBRARY.movies.length);
  });

  it('silent fallback: an unrecognised type word gives cross-type results at that rating', async () => {
    const response = await simklGet('/sync/ratings/tv_shows/9');
    expect(response.status).toBe(200);
    const body = await json<SimklBody>(response);
    expect(Object.keys(body)).toEqual(['shows', 'anime', 'movies']);
    for (const items of Object.values(body)) for (const item of items) expect(item.user_rating).toBe(9);
    expect(body.shows?.map((item) => item.show?.title)).toEqual(['Severance', 'Shogun']);
  });

  it('silent fallback: a rating out of range gives 200 {}', async () => {
    const response = await simklGet('/sync/ratings/movies/99');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{}');
    expect(await json(await simklGet('/sync/ratings/movies/0'))).toEqual({});
  });

  it('silent fallback: no rating segment (or a non-digit one) gives the whole library of the type, as all-items does', async () => {
    const whole = await json<SimklBody>(await simklGet('/sync/all-items/movies'));
    for (const path of ['/sync/ratings/movies', '/sync/ratings/movies/', '/sync/ratings/movies/all']) {
      const response = await simklGet(path);
      expect(response.status).toBe(200);
      const body = await json<SimklBody>(response);
      expect(body).toEqual(whole);
      expect(body.movies?.filter((item) => item.user_rating === null).length).toBeGreaterThan(0);
    }
  });

  it('leaves a type with nothing to show out of the answer', async () => {
    // Nothing is rated 1: no key at all, so the whole answer is {}.
    expect(await json(await simklGet('/sync/ratings/shows/1'))).toEqual({});
    const empty = await startSimklStandIn({ library: { movies: [], shows: SIMKL_LIBRARY.shows, anime: [] } });
    try {
      const url = `${empty.origin}/sync/all-items?client_id=${SIMKL_DEMO.clientId}`;
      const body = await json<SimklBody>(await fetch(url, { headers: simklAuth }));
      expect(Object.keys(body)).toEqual(['shows']);
      const movies = await fetch(`${empty.origin}/sync/all-items/movies?client_id=${SIMKL_DEMO.clientId}`, {
        headers: simklAuth,
      });
      expect(await json(movies)).toEqual({});
    } finally {
      await empty.close();
    }
  });

  it('needs client_id equal to the configured one, checked before the token', async () => {
    for (const clientId of [null, '', 'someone-else']) {
      const response = await simklGet('/sync/all-items/movies', { clientId, headers: {} });
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ error: 'client_id_failed', code: 401 });
    }
  });

  it('needs Authorization: Bearer with the configured token', async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: SIMKL_DEMO.token }] as Array<
      Record<string, string>
    >) {
      const response = await simklGet('/sync/ratings/movies/9', { headers });
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ error: 'user_token_failed', code: 401 });
    }
  });

  it('takes other credentials from its options', async () => {
    const other = await startSimklStandIn({ clientId: 'cid', token: 'tok' });
    try {
      const ok = await fetch(`${other.origin}/sync/all-items/anime?client_id=cid`, { headers: { Authorization: 'Bearer tok' } });
      expect(ok.status).toBe(200);
      const demo = await fetch(`${other.origin}/sync/all-items/anime?client_id=${SIMKL_DEMO.clientId}`, { headers: simklAuth });
      expect(demo.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('records app-name, app-version and the User-Agent, and never the token', async () => {
    await simklGet('/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10', {
      headers: { ...simklAuth, 'User-Agent': 'reelrifter-scrobbler/0.1.0' },
      query: '&app-name=reelrifter-scrobbler&app-version=0.1.0',
    });
    await simklGet('/sync/all-items/shows', { headers: {} });
    const [first, second] = simkl.requests();
    expect(first).toMatchObject({
      method: 'GET',
      path: '/sync/ratings/movies/1,2,3,4,5,6,7,8,9,10',
      status: 200,
      authorization: true,
      appName: 'reelrifter-scrobbler',
      appVersion: '0.1.0',
      userAgent: 'reelrifter-scrobbler/0.1.0',
      fault: null,
    });
    expect(first?.url).toContain('app-name=reelrifter-scrobbler');
    expect(second).toMatchObject({ status: 401, authorization: false, appName: null, appVersion: null });
    expect(JSON.stringify(simkl.requests())).not.toContain(SIMKL_DEMO.token);
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await simklGet('/sync/history/movies')).status).toBe(404);
    expect((await simklGet('/sync/all-items/movies/completed')).status).toBe(404);
    const post = await fetch(`${simkl.origin}/sync/ratings/movies/9?client_id=${SIMKL_DEMO.clientId}`, {
      method: 'POST',
      headers: simklAuth,
      body: '{}',
    });
    expect(post.status).toBe(405);
    expect(await json(post)).toMatchObject({ error: 'method_not_allowed', code: 405 });
  });
});

// ─── TMDB-style account API ───────────────────────────────────────────────────────────────────────

const tmdbAuth = { Authorization: `Bearer ${TMDB_DEMO.accessToken}` };
const tmdbGet = (path: string, headers: Record<string, string> = tmdbAuth, base = tmdb.origin) =>
  fetch(`${base}${path}`, { headers });
interface TmdbPageBody {
  page: number;
  results: Array<Record<string, unknown>>;
  total_pages: number;
  total_results: number;
}

describe('TMDB account stand-in', () => {
  it('GET /api/account answers the account object of seed 002', async () => {
    const response = await tmdbGet('/api/account');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      id: 12345,
      name: 'John Doe',
      username: 'johndoe',
      include_adult: false,
      iso_639_1: 'en',
      iso_3166_1: 'US',
      avatar: { gravatar: { hash: 'a1b2c3d4e5f6g7h8' } },
    });
    expect(TMDB_ACCOUNT.id).toBe(TMDB_DEMO.accountId);
  });

  it('lists rated films newest first by default and oldest first with created_at.asc, each with its rating', async () => {
    const response = await tmdbGet('/api/account/12345/rated/movies?language=en-US&page=1');
    expect(response.status).toBe(200);
    const body = await json<TmdbPageBody>(response);
    expect(Object.keys(body)).toEqual(['page', 'results', 'total_pages', 'total_results']);
    const rated = TMDB_LISTS.rated.movies;
    expect(body).toEqual({ page: 1, results: [...rated].reverse(), total_pages: 1, total_results: rated.length });
    for (const result of body.results) {
      expect(result).toEqual(
        expect.objectContaining({ id: expect.any(Number), title: expect.any(String), rating: expect.any(Number) }),
      );
      expect(result.release_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const ascending = await json<TmdbPageBody>(await tmdbGet('/api/account/12345/rated/movies?sort_by=created_at.asc'));
    expect(ascending.results).toEqual(rated);
    expect(ascending.results[0]).toMatchObject({ id: 550, title: 'Fight Club', release_date: '1999-10-15' });
  });

  it('lists rated shows with name, first_air_date and rating; other lists carry no rating', async () => {
    const tv = await json<TmdbPageBody>(await tmdbGet('/api/account/12345/rated/tv'));
    expect(tv.total_results).toBeGreaterThanOrEqual(5);
    for (const result of tv.results) {
      expect(result).toEqual(
        expect.objectContaining({ id: expect.any(Number), name: expect.any(String), rating: expect.any(Number) }),
      );
      expect(result.first_air_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(result).not.toHaveProperty('title');
    }
    for (const path of ['/favorites/movies', '/favorites/tv', '/watchlist/movies', '/watchlist/tv']) {
      const body = await json<TmdbPageBody>(await tmdbGet(`/api/account/12345${path}`));
      expect(body.results.length).toBeGreaterThan(0);
      for (const result of body.results) expect(result).not.toHaveProperty('rating');
    }
  });

  it(`pages ${TMDB_PAGE_SIZE} at a time; a page past the last is empty with the same totals`, async () => {
    const lists = syntheticSources(300).tmdb;
    const big = await startTmdbStandIn({ lists });
    try {
      const total = lists.rated.movies.length;
      expect(total).toBe(50);
      const pages = Math.ceil(total / TMDB_PAGE_SIZE);
      const seen: unknown[] = [];
      for (let page = 1; page <= pages; page += 1) {
        const body = await json<TmdbPageBody>(
          await tmdbGet(`/api/account/12345/rated/movies?page=${page}&sort_by=created_at.asc`, tmdbAuth, big.origin),
        );
        expect(body).toMatchObject({ page, total_pages: pages, total_results: total });
        expect(body.results.length).toBe(page < pages ? TMDB_PAGE_SIZE : total - (pages - 1) * TMDB_PAGE_SIZE);
        seen.push(...body.results);
      }
      expect(seen).toEqual(lists.rated.movies);
      const past = await json<TmdbPageBody>(
        await tmdbGet(`/api/account/12345/rated/movies?page=${pages + 1}`, tmdbAuth, big.origin),
      );
      expect(past).toEqual({ page: pages + 1, results: [], total_pages: pages, total_results: total });
      const bad = await tmdbGet('/api/account/12345/rated/movies?page=0', tmdbAuth, big.origin);
      expect(bad.status).toBe(400);
      expect(await json(bad)).toEqual({ message: expect.any(String) });
    } finally {
      await big.close();
    }
  });

  it('401 {"message": "You are not authenticated"} without the configured bearer token', async () => {
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: TMDB_DEMO.accessToken }] as Array<
      Record<string, string>
    >) {
      for (const path of ['/api/account', '/api/account/12345/rated/movies']) {
        const response = await tmdbGet(path, headers);
        expect(response.status).toBe(401);
        expect(await response.text()).toBe('{"message":"You are not authenticated"}');
      }
    }
  });

  it('404 {"message": "Not found"} for another account id, section or media type', async () => {
    for (const path of [
      '/api/account/99999/rated/movies',
      '/api/account/12345/ratings/movies',
      '/api/account/12345/rated/shows',
      '/api/account/12345/rated',
      '/api/nothing',
    ]) {
      const response = await tmdbGet(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe('{"message":"Not found"}');
    }
  });

  it('405 {"message": "Method Not Allowed"} for other methods', async () => {
    for (const [method, path] of [
      ['POST', '/api/account/12345/rated/movies'],
      ['DELETE', '/api/account/12345/watchlist/tv'],
      ['POST', '/api/account/12345/favorite'],
    ] as const) {
      const response = await fetch(`${tmdb.origin}${path}`, { method, headers: tmdbAuth, body: method === 'POST' ? '{}' : null });
      expect(response.status).toBe(405);
      expect(await response.text()).toBe('{"message":"Method Not Allowed"}');
    }
  });

  it('429 "Rate Limit Exceeded" (a bare JSON string) under the rateLimit fault', async () => {
    tmdb.setFault({ kind: 'rateLimit', times: 2, retryAfterSeconds: 3 });
    const limited = await tmdbGet('/api/account');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.text()).toBe('"Rate Limit Exceeded"');
    expect((await tmdbGet('/api/account/12345/rated/tv')).status).toBe(429);
    expect((await tmdbGet('/api/account')).status).toBe(200);
    tmdb.setFault({ kind: 'rateLimit', times: 1 });
    const bare = await tmdbGet('/api/account');
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
  });
});

// ─── Rewind ───────────────────────────────────────────────────────────────────────────────────────

const rewindAuth = { Authorization: `Bearer ${REWIND_DEMO.liveKey}` };
const rewindGet = (query = '', headers: Record<string, string> = rewindAuth, base = rewind.origin) =>
  fetch(`${base}/v1/watching/ratings${query}`, { headers });
interface RewindBody {
  data: Array<{ movie: Record<string, unknown>; user_rating: number; watched_at: string }>;
  pagination: { page: number; limit: number; total: number; total_pages: number };
}

describe('Rewind stand-in', () => {
  it('GET /v1/watching/ratings answers the seed shape, 20 a page by rating, highest first', async () => {
    const response = await rewindGet();
    expect(response.status).toBe(200);
    const body = await json<RewindBody>(response);
    expect(body.pagination).toEqual({ page: 1, limit: 20, total: REWIND_RATINGS.length, total_pages: 1 });
    expect(body.data).toEqual(REWIND_RATINGS);
    expect(body.data.slice(0, 2)).toEqual([
      {
        movie: { id: 50, title: 'The Great Escape', year: 1963, tmdb_id: 5925, tmdb_rating: 7.9, image: null },
        user_rating: 5,
        review_url: null,
        watched_at: '2025-08-10T20:00:00Z',
        source: 'letterboxd',
      },
      {
        movie: { id: 200, title: 'Interstellar', year: 2014, tmdb_id: 157336, tmdb_rating: 8.4, image: null },
        user_rating: 5,
        review_url: null,
        watched_at: '2024-12-20T20:00:00Z',
        source: 'letterboxd',
      },
    ]);
  });

  it('pages with page and limit; a page past the last is empty', async () => {
    const body = await json<RewindBody>(await rewindGet('?page=2&limit=5'));
    expect(body.pagination).toEqual({ page: 2, limit: 5, total: 18, total_pages: 4 });
    expect(body.data).toEqual(REWIND_RATINGS.slice(5, 10));
    const past = await json<RewindBody>(await rewindGet('?page=9&limit=5'));
    expect(past).toEqual({ data: [], pagination: { page: 9, limit: 5, total: 18, total_pages: 4 } });
    expect((await rewindGet('?limit=100')).status).toBe(200);
  });

  it('sorts by date or title, ascending or descending', async () => {
    const byDate = await json<RewindBody>(await rewindGet('?sort=date&order=asc&limit=100'));
    const dates = byDate.data.map((item) => item.watched_at);
    expect(dates).toEqual([...dates].sort());
    const byRatingAsc = await json<RewindBody>(await rewindGet('?order=asc&limit=100'));
    expect(byRatingAsc.data[0]?.movie.title).toBe('The Unfindable Film of Nowhere');
  });

  it('limit above 100 (or below 1, or not a number) and page below 1 answer 400 in the error envelope', async () => {
    for (const query of ['?limit=101', '?limit=0', '?limit=ten', '?page=0', '?page=-1']) {
      const response = await rewindGet(query);
      expect(response.status, query).toBe(400);
      expect(await json(response)).toEqual({ error: expect.any(String), status: 400 });
    }
  });

  it('401 {"error":"Unauthorized","status":401} without a configured rw_live_ or rw_admin_ key', async () => {
    for (const headers of [
      {},
      { Authorization: 'Bearer rw_live_guess' },
      { Authorization: `Bearer ${SIMKL_DEMO.token}` },
    ] as Array<Record<string, string>>) {
      const response = await rewindGet('', headers);
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ error: 'Unauthorized', status: 401 });
    }
    expect((await rewindGet('', { Authorization: `Bearer ${REWIND_DEMO.adminKey}` })).status).toBe(200);
    await expect(startRewindStandIn({ keys: ['not-a-rewind-key'] })).rejects.toThrow(/rw_live_/);
  });

  it('404 in the envelope for other paths', async () => {
    const response = await fetch(`${rewind.origin}/v1/watching/movies`, { headers: rewindAuth });
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ error: 'Not found', status: 404 });
  });

  it('the error500 fault answers in the envelope', async () => {
    rewind.setFault({ kind: 'error500', times: 1 });
    const response = await rewindGet();
    expect(response.status).toBe(500);
    expect(await json(response)).toEqual({ error: 'Internal server error', status: 500 });
    expect((await rewindGet()).status).toBe(200);
  });

  it('pages through 5,000 synthetic ratings 100 at a time', async () => {
    const big = await startRewindStandIn({ ratings: syntheticSources(5000).rewind });
    try {
      const last = await json<RewindBody>(await rewindGet('?page=50&limit=100', rewindAuth, big.origin));
      expect(last.pagination).toEqual({ page: 50, limit: 100, total: 5000, total_pages: 50 });
      expect(last.data).toHaveLength(100);
    } finally {
      await big.close();
    }
  });
});

// ─── Faults, Host check and control endpoints (shared harness) ────────────────────────────────────

describe('faults', () => {
  it('error500 and rateLimit answer in the service style, count down and then clear', async () => {
    simkl.setFault({ kind: 'error500', times: 1 });
    const failed = await simklGet('/sync/all-items/movies');
    expect(failed.status).toBe(500);
    expect(await json(failed)).toMatchObject({ code: 500 });
    expect((await simklGet('/sync/all-items/movies')).status).toBe(200);

    simkl.setFault({ kind: 'rateLimit', retryAfterSeconds: 7, times: 1 });
    const limited = await simklGet('/sync/all-items/movies');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await json(limited)).toMatchObject({ code: 429 });
    expect(simkl.requests().map((entry) => [entry.status, entry.fault])).toEqual([
      [500, 'error500'],
      [200, null],
      [429, 'rateLimit'],
    ]);
  });

  it('drop closes the connection without an answer and is logged with status 0', async () => {
    rewind.setFault({ kind: 'drop', times: 1 });
    await expect(rewindGet()).rejects.toThrow();
    expect(rewind.requests()).toEqual([expect.objectContaining({ status: 0, fault: 'drop' })]);
    expect((await rewindGet()).status).toBe(200);
  });

  it('garbage answers 200 with a body that is not JSON', async () => {
    tmdb.setFault({ kind: 'garbage', times: 1 });
    const response = await tmdbGet('/api/account');
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('slow holds the answer back for delayMs', async () => {
    rewind.setFault({ kind: 'slow', delayMs: 150, times: 1 });
    const started = Date.now();
    const response = await rewindGet();
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(rewind.requests()).toEqual([expect.objectContaining({ status: 200, fault: 'slow' })]);
  });

  it('paths limits a fault to requests under those prefixes, and only those count down', async () => {
    simkl.setFault({ kind: 'error500', times: 1, paths: ['/sync/ratings'] });
    expect((await simklGet('/sync/all-items/movies')).status).toBe(200);
    expect((await simklGet('/sync/ratings/movies/9')).status).toBe(500);
    expect((await simklGet('/sync/ratings/movies/9')).status).toBe(200);
  });

  it('rejects a fault it does not know', () => {
    expect(() => simkl.setFault({ kind: 'meltdown' } as never)).toThrow();
  });
});

describe('who may talk to the stand-ins', () => {
  it('on loopback, answers only loopback names (421 otherwise)', async () => {
    const each: Array<SourceStandIn<object>> = [simkl, tmdb, rewind];
    for (const standIn of each) {
      expect(await getWithHost(`${standIn.origin}/__control/requests`, `evil.example:${standIn.port}`)).toBe(421);
      expect(await getWithHost(`${standIn.origin}/api/account`, 'evil.example')).toBe(421);
      for (const name of [`127.0.0.1:${standIn.port}`, `localhost:${standIn.port}`, 'localhost']) {
        expect(await getWithHost(`${standIn.origin}/__control/requests`, name)).toBe(200);
      }
    }
  });

  it('off loopback, the control endpoints need the secret', async () => {
    const open = await startRewindStandIn({ host: '0.0.0.0' });
    try {
      expect(open.controlSecret).toMatch(/^[\w-]{20,}$/);
      const url = `http://127.0.0.1:${open.port}/__control/requests`;
      expect(await getWithHost(url, `192.168.1.5:${open.port}`)).toBe(403);
      expect(await getWithHost(url, `192.168.1.5:${open.port}`, { 'X-Control-Secret': 'guess' })).toBe(403);
      expect(await getWithHost(url, `192.168.1.5:${open.port}`, { 'X-Control-Secret': open.controlSecret ?? '' })).toBe(200);
      expect(await getWithHost(`http://127.0.0.1:${open.port}/v1/watching/ratings`, `192.168.1.5:${open.port}`)).toBe(401);
    } finally {
      await open.close();
    }
  });
});

describe('control endpoints', () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${tmdb.origin}/__control${path}`, init);
  const post = (path: string, body?: unknown) =>
    control(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('POST /__control/fault sets and clears a fault; a bad one is refused', async () => {
    expect((await post('/fault', { kind: 'error500', paths: ['/api/account'] })).status).toBe(204);
    const failed = await tmdbGet('/api/account');
    expect(failed.status).toBe(500);
    expect(await json(failed)).toEqual({ message: 'Internal Server Error' });
    expect((await post('/fault', null)).status).toBe(204);
    expect((await tmdbGet('/api/account')).status).toBe(200);
    expect((await post('/fault', { kind: 'meltdown' })).status).toBe(400);
    expect((await post('/fault', { kind: 'drop', extra: true })).status).toBe(400);
  });

  it('GET /__control/requests lists API requests; POST /__control/reset clears them and the fault', async () => {
    await tmdbGet('/api/account');
    await tmdbGet('/api/account', {});
    const log = await json<Array<Record<string, unknown>>>(await control('/requests'));
    expect(log).toEqual([
      {
        at: expect.any(String),
        method: 'GET',
        path: '/api/account',
        url: '/api/account',
        status: 200,
        authorization: true,
        fault: null,
        list: false,
        hostile: null,
      },
      {
        at: expect.any(String),
        method: 'GET',
        path: '/api/account',
        url: '/api/account',
        status: 401,
        authorization: false,
        fault: null,
        list: false,
        hostile: null,
      },
    ]);
    expect(JSON.stringify(log)).not.toContain(TMDB_DEMO.accessToken);
    tmdb.setFault({ kind: 'error500' });
    expect((await post('/reset')).status).toBe(204);
    expect(await json(await control('/requests'))).toEqual([]);
    expect((await tmdbGet('/api/account')).status).toBe(200);
  });

  it('refuses requests that carry an Origin header, and unknown paths or methods', async () => {
    const fromPage = await control('/requests', { headers: { Origin: 'https://evil.example' } });
    expect(fromPage.status).toBe(403);
    expect((await post('/fault', null)).status).toBe(204);
    const withOrigin = await control('/reset', { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(withOrigin.status).toBe(403);
    expect((await control('/nothing')).status).toBe(404);
    expect((await control('/reset')).status).toBe(405);
  });
});

// ─── Demo data ────────────────────────────────────────────────────────────────────────────────────

/** Accents, a trailing article, punctuation and a leading article folded away. */
function folded(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/^(.*), (the|a|an)$/, '$2 $1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(the|a|an) /, '');
}

describe('demo data', () => {
  const simklTitles = [
    ...SIMKL_LIBRARY.movies.map((item) => ({ ...item.movie, mediaType: 'MOVIE' as const })),
    ...SIMKL_LIBRARY.shows.map((item) => ({ ...item.show, mediaType: 'TV' as const })),
    ...SIMKL_LIBRARY.anime.map((item) => ({ ...item.show, mediaType: 'TV' as const })),
  ];
  const tmdbItems = Object.values(TMDB_LISTS).flatMap((lists) => [
    ...lists.movies.map((item) => ({ id: item.id, title: item.title, year: Number(item.release_date.slice(0, 4)) })),
    ...lists.tv.map((item) => ({ id: item.id, title: item.name, year: Number(item.first_air_date.slice(0, 4)) })),
  ]);

  it('has 15 to 25 items per source', () => {
    expect(simklTitles.length).toBeGreaterThanOrEqual(15);
    expect(simklTitles.length).toBeLessThanOrEqual(25);
    expect(tmdbItems.length).toBeGreaterThanOrEqual(15);
    expect(tmdbItems.length).toBeLessThanOrEqual(25);
    expect(REWIND_RATINGS.length).toBeGreaterThanOrEqual(15);
    expect(REWIND_RATINGS.length).toBeLessThanOrEqual(25);
  });

  it('uses the catalogue’s TMDB ids for catalogue titles', () => {
    const ids = [
      ...tmdbItems.map((item) => ({ id: item.id, title: item.title })),
      ...REWIND_RATINGS.flatMap((item) =>
        item.movie.tmdb_id === null ? [] : [{ id: item.movie.tmdb_id, title: item.movie.title }],
      ),
      ...simklTitles.flatMap((item) => (item.ids.tmdb === undefined ? [] : [{ id: Number(item.ids.tmdb), title: item.title }])),
    ];
    for (const { id, title } of ids) {
      const entry = findByTmdbId(id);
      if (DEMO_CASES.unmatched.includes(title as never)) expect(entry, title).toBeUndefined();
      else expect(normaliseTitle(entry?.title ?? ''), title).toBe(normaliseTitle(title));
    }
  });

  it('has titles the catalogue does not match, and matches the rest', () => {
    for (const item of [...simklTitles, ...REWIND_RATINGS.map((rating) => rating.movie)]) {
      const unmatched = DEMO_CASES.unmatched.includes(item.title as never);
      const normalisedOnly = DEMO_CASES.normalised.some((entry) => entry.title === item.title);
      if (unmatched) expect(matchTitle({ title: item.title, year: item.year ?? undefined }), item.title).toBeNull();
      else if (!normalisedOnly)
        expect(matchTitle({ title: item.title, year: item.year ?? undefined }), item.title).not.toBeNull();
    }
  });

  it('has titles that meet the catalogue’s only after folding accents, articles and punctuation', () => {
    for (const { title, catalogue } of DEMO_CASES.normalised) {
      expect(title).not.toBe(catalogue);
      expect(CATALOGUE.some((entry) => entry.title === catalogue)).toBe(true);
      expect(folded(title)).toBe(folded(catalogue));
    }
  });

  it('has years one off, overlaps between sources, nothing-watched shows, anime and plan-to-watch items', () => {
    for (const { title, year, catalogueYear } of DEMO_CASES.yearOff) {
      expect(matchTitle({ title, year })?.entry.year).toBe(catalogueYear);
    }
    const simklNames = new Set(simklTitles.map((item) => item.title));
    const rewindNames = new Set(REWIND_RATINGS.map((item) => item.movie.title));
    const tmdbNames = new Set(tmdbItems.map((item) => item.title));
    for (const title of DEMO_CASES.overlaps.simklAndRewind) expect(simklNames.has(title) && rewindNames.has(title)).toBe(true);
    for (const title of DEMO_CASES.overlaps.tmdbAndRewind) expect(tmdbNames.has(title) && rewindNames.has(title)).toBe(true);
    const shows = SIMKL_LIBRARY.shows.filter((item) => item.last_watched === null).map((item) => item.show.title);
    expect(shows).toEqual([...DEMO_CASES.nothingWatched]);
    expect(SIMKL_LIBRARY.anime.every((item) => item.last_watched === null || /^E\d+$/.test(item.last_watched))).toBe(true);
    const planned = [...SIMKL_LIBRARY.movies, ...SIMKL_LIBRARY.shows].filter((item) => item.status === 'plantowatch');
    expect(planned).toHaveLength(DEMO_CASES.planToWatch.length);
    expect(TMDB_LISTS.rated.tv.length).toBeGreaterThanOrEqual(5);
  });

  it('generates synthetic sources deterministically', () => {
    const first = syntheticSources(5000);
    expect(syntheticSources(5000)).toEqual(first);
    expect(syntheticSources(5000, 2)).not.toEqual(first);
    const simklCount = first.simkl.movies.length + first.simkl.shows.length + first.simkl.anime.length;
    const tmdbCount = Object.values(first.tmdb).reduce((sum, lists) => sum + lists.movies.length + lists.tv.length, 0);
    expect([simklCount, tmdbCount, first.rewind.length]).toEqual([5000, 5000, 5000]);
    expect(new Set(first.rewind.map((item) => item.movie.id)).size).toBe(5000);
    expect(syntheticSources(0).rewind).toEqual([]);
  });
});
