/**
 * The TMDB-style stand-in playing a hostile account, over HTTP with fetch: `endless` (a million
 * pages of 20 results with 2,000-character titles full of control and format characters) and
 * `repeating` (every page answered as page 1 of 2), chosen by option, setHostile or
 * /__control/hostile; and the request log a test counts list requests in.
 */
// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TMDB_DEMO, TMDB_LISTS } from '../../../server/sources/demo';
import {
  startTmdbStandIn,
  TMDB_HOSTILE_TITLE_LENGTH,
  TMDB_HOSTILE_TOTAL_PAGES,
  TMDB_PAGE_SIZE,
  type TmdbStandIn,
} from '../../../server/sources/tmdb';

let tmdb: TmdbStandIn;

beforeAll(async () => {
  tmdb = await startTmdbStandIn();
});
afterAll(() => tmdb.close());
afterEach(() => tmdb.reset());

interface TmdbPageBody {
  page: number;
  results: Array<{ id: number; title?: string; name?: string; rating?: number; release_date?: string }>;
  total_pages: number;
  total_results: number;
}

const auth = { Authorization: `Bearer ${TMDB_DEMO.accessToken}` };
const get = (path: string, headers: Record<string, string> = auth, base = tmdb.origin) => fetch(`${base}${path}`, { headers });
async function page(path: string, base = tmdb.origin): Promise<TmdbPageBody> {
  const response = await get(path, auth, base);
  expect(response.status, path).toBe(200);
  return (await response.json()) as TmdbPageBody;
}
const setMode = (mode: unknown) =>
  fetch(`${tmdb.origin}/__control/hostile`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(mode),
  });

describe('TMDB stand-in, hostile: endless', () => {
  it('answers any page asked with 20 results and total_pages 1000000', async () => {
    expect((await setMode({ mode: 'endless' })).status).toBe(204);
    const ids = new Set<number>();
    for (const asked of [1, 2, 999_999, 1_000_000, 5_000_000]) {
      const body = await page(`/api/account/12345/rated/movies?page=${asked}`);
      expect(body).toMatchObject({
        page: asked,
        total_pages: TMDB_HOSTILE_TOTAL_PAGES,
        total_results: TMDB_HOSTILE_TOTAL_PAGES * TMDB_PAGE_SIZE,
      });
      expect(body.results).toHaveLength(TMDB_PAGE_SIZE);
      for (const result of body.results) {
        ids.add(result.id);
        expect(result.rating).toEqual(expect.any(Number));
        expect(result.release_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    // Every page brings new items, so a client cannot stop on "nothing new".
    expect(ids.size).toBe(5 * TMDB_PAGE_SIZE);
  });

  it('gives every result a 2,000-character title with control and format characters inside', async () => {
    tmdb.setHostile('endless');
    const films = await page('/api/account/12345/watchlist/movies');
    const shows = await page('/api/account/12345/favorites/tv?page=3');
    expect(shows.results[0]).not.toHaveProperty('title');
    expect(films.results[0]).not.toHaveProperty('rating');
    const titles = [...films.results.map((result) => result.title), ...shows.results.map((result) => result.name)];
    expect(titles).toHaveLength(2 * TMDB_PAGE_SIZE);
    for (const title of titles) {
      expect(title).toHaveLength(TMDB_HOSTILE_TITLE_LENGTH);
      for (const char of ['\u0000', '\u0007', '\u001b', '\n', '\u007f', '\u0085', '\u202e', '\u200b', '\u2066', '\ufeff']) {
        expect(title).toContain(char);
      }
      expect(title).toMatch(/^Endless \d+ /);
    }
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('still checks the token, the account, the list and the page first', async () => {
    tmdb.setHostile('endless');
    expect((await get('/api/account/12345/rated/movies', {})).status).toBe(401);
    expect((await get('/api/account/99999/rated/movies')).status).toBe(404);
    expect((await get('/api/account/12345/rated/shows')).status).toBe(404);
    expect((await get('/api/account/12345/rated/movies?page=0')).status).toBe(400);
    expect(await (await get('/api/account')).json()).toMatchObject({ id: 12345 });
  });
});

describe('TMDB stand-in, hostile: repeating', () => {
  it('answers every page as page 1 of 2, with page 1’s results', async () => {
    expect((await setMode({ mode: 'repeating' })).status).toBe(204);
    const rated = [...TMDB_LISTS.rated.movies].reverse();
    for (const asked of [1, 2, 3, 40]) {
      const body = await page(`/api/account/12345/rated/movies?page=${asked}`);
      expect(body).toEqual({ page: 1, results: rated, total_pages: 2, total_results: 2 * TMDB_PAGE_SIZE });
    }
    const ascending = await page('/api/account/12345/rated/movies?page=2&sort_by=created_at.asc');
    expect(ascending.results).toEqual(TMDB_LISTS.rated.movies);
  });
});

describe('choosing a hostile mode', () => {
  it('by option at start; reset() and POST /__control/reset put back the start option', async () => {
    const hostile = await startTmdbStandIn({ hostile: 'repeating' });
    try {
      expect((await page('/api/account/12345/rated/tv?page=2', hostile.origin)).page).toBe(1);
      hostile.setHostile(null);
      expect((await page('/api/account/12345/rated/tv?page=2', hostile.origin)).page).toBe(2);
      hostile.reset();
      expect((await page('/api/account/12345/rated/tv?page=2', hostile.origin)).page).toBe(1);
    } finally {
      await hostile.close();
    }
    await expect(startTmdbStandIn({ hostile: 'meltdown' as never })).rejects.toThrow();
  });

  it('by POST /__control/hostile: { "mode": null } ends it, anything else is refused', async () => {
    expect((await setMode({ mode: 'endless' })).status).toBe(204);
    expect((await page('/api/account/12345/rated/movies?page=7')).total_pages).toBe(TMDB_HOSTILE_TOTAL_PAGES);
    expect((await setMode({ mode: null })).status).toBe(204);
    expect((await page('/api/account/12345/rated/movies?page=7')).total_pages).toBe(1);
    for (const bad of [null, 'endless', { mode: 'meltdown' }, { mode: 'endless', extra: 1 }]) {
      expect((await setMode(bad)).status).toBe(400);
    }
    expect((await setMode({ mode: 'endless' })).status).toBe(204);
    expect((await fetch(`${tmdb.origin}/__control/reset`, { method: 'POST' })).status).toBe(204);
    expect((await page('/api/account/12345/rated/movies')).total_pages).toBe(1);
  });
});

describe('the request log under a hostile mode', () => {
  it('lets a test count the list requests and see when each came and which mode answered it', async () => {
    tmdb.setHostile('endless');
    await get('/api/account');
    for (let asked = 1; asked <= 3; asked += 1) await get(`/api/account/12345/rated/movies?page=${asked}`);
    tmdb.setHostile(null);
    await get('/api/account/12345/rated/tv');
    const log = tmdb.requests();
    expect(log.map((entry) => [entry.path, entry.list, entry.hostile])).toEqual([
      ['/api/account', false, 'endless'],
      ['/api/account/12345/rated/movies', true, 'endless'],
      ['/api/account/12345/rated/movies', true, 'endless'],
      ['/api/account/12345/rated/movies', true, 'endless'],
      ['/api/account/12345/rated/tv', true, null],
    ]);
    const endlessLists = log.filter((entry) => entry.list && entry.hostile === 'endless');
    expect(endlessLists.map((entry) => new URL(entry.url, tmdb.origin).searchParams.get('page'))).toEqual(['1', '2', '3']);
    const times = endlessLists.map((entry) => Date.parse(entry.at));
    expect(times.every((time, index) => Number.isFinite(time) && time >= (times[index - 1] ?? 0))).toBe(true);
  });
});
