import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, matchTitle, normaliseTitle } from '../../server/catalogue';
import { createState, describeScrobble, type StandIn, startStandIn } from '../../server/standin';

let standIn: StandIn;
let demoToken: string;
let userCount = 0;

beforeAll(async () => {
  standIn = await startStandIn({});
  demoToken = standIn.mintToken();
});
afterAll(() => standIn.close());
afterEach(() => standIn.setFault(null));

/** A token for a user of its own, so tests that write do not see each other's effects. */
const freshToken = () => standIn.mintToken(`usr_test${++userCount}`);

interface CallOptions {
  token?: string | null;
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? demoToken : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  return fetch(`${standIn.baseUrl}${path}`, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    signal: options.signal,
    redirect: 'manual',
  });
}

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

interface WatchlistItem {
  id: string;
  tmdbId: number;
  title: string;
  mediaType: string;
  status: string;
  currentSeason: number | null;
  currentEpisode: number | null;
  updatedAt: string;
}
interface HistoryItem {
  id: string;
  kind: string;
  tmdbId: number;
  season: number | null;
  episode: number | null;
  watchedAt: string;
  source: string | null;
}

const scrobble = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  call('/scrobble', { token, body, headers });

async function watchlistOf(token: string, query = ''): Promise<WatchlistItem[]> {
  const response = await call(`/watchlist${query}`, { token });
  expect(response.status).toBe(200);
  return (await json<{ items: WatchlistItem[] }>(response)).items;
}

async function historyOf(token: string, query = ''): Promise<HistoryItem[]> {
  const response = await call(`/history${query}`, { token });
  expect(response.status).toBe(200);
  return (await json<{ items: HistoryItem[] }>(response)).items;
}

async function expectError(response: Response, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = await json<{ error: { code: string; message: string }; status: number }>(response);
  expect(body.status).toBe(status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  if (message) expect(body.error.message).toMatch(message);
  return body;
}

describe('catalogue', () => {
  it('holds at least 60 titles with unique ids and real season structure for series', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CATALOGUE.map((entry) => entry.tmdbId)).size).toBe(CATALOGUE.length);
    for (const entry of CATALOGUE) {
      if (entry.mediaType === 'TV') {
        expect(entry.seasons?.length, entry.title).toBeGreaterThan(0);
        for (const episodes of entry.seasons ?? []) expect(Number.isInteger(episodes) && episodes > 0, entry.title).toBe(true);
      } else {
        expect(entry.seasons, entry.title).toBeUndefined();
      }
    }
  });

  it('normalises case, diacritics, punctuation, "&" and a leading "The"', () => {
    expect(normaliseTitle("The Queen's Gambit")).toBe(normaliseTitle('queens gambit'));
    expect(normaliseTitle('Shōgun')).toBe('shogun');
    expect(normaliseTitle('Deadpool & Wolverine')).toBe(normaliseTitle('Deadpool and Wolverine'));
    expect(normaliseTitle('WALL·E')).toBe(normaliseTitle('Wall-E'));
    expect(normaliseTitle('Theodore')).toBe('theodore');
    expect(matchTitle({ title: 'La Casa de Papel' })?.entry.title).toBe('Money Heist');
  });
});

describe('authentication', () => {
  it('answers 401 with the error envelope when the Authorization header is missing', async () => {
    await expectError(await call('/me', { token: null }), 401, 'UNAUTHORIZED', /Authorization/);
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer not_a_reelrifter_token'], ['rr_pat_missingTheBearerScheme0000']])(
    'answers 401 for the malformed header %j',
    async (header) => {
      await expectError(await call('/me', { token: null, headers: { Authorization: header } }), 401, 'UNAUTHORIZED');
    },
  );

  it('answers 401 for a token it never issued, without echoing the token', async () => {
    const token = 'rr_pat_neverIssuedNeverIssued00000000';
    const response = await call('/me', { token });
    const text = await response.clone().text();
    await expectError(response, 401, 'UNAUTHORIZED', /not valid or has been revoked/);
    expect(text).not.toContain(token);
  });

  it('stops accepting a token the moment it is revoked', async () => {
    const token = standIn.mintToken();
    expect((await call('/me', { token })).status).toBe(200);
    standIn.revokeToken(token);
    const response = await call('/me', { token });
    const text = await response.clone().text();
    await expectError(response, 401, 'UNAUTHORIZED');
    expect(text).not.toContain(token);
  });

  it('mints rr_pat_ tokens of 32 base62 characters and keeps only their SHA-256 hashes', async () => {
    const token = standIn.mintToken(undefined, 'hash check');
    expect(token).toMatch(/^rr_pat_[A-Za-z0-9]{32}$/);
    const stored = JSON.stringify([...standIn.state.tokens.entries()]);
    expect(stored).not.toContain(token);
    expect([...standIn.state.tokens.keys()].every((key) => /^[0-9a-f]{64}$/.test(key))).toBe(true);
    const { createHash } = await import('node:crypto');
    const record = standIn.state.tokens.get(createHash('sha256').update(token).digest('hex'));
    expect(record).toMatchObject({ userId: 'usr_demo', label: 'hash check', lastUsedAt: null, revokedAt: null });
    await call('/me', { token });
    expect(record?.lastUsedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('refuses a 21st active token for one user, and allows one again after a revoke', () => {
    const tokens = Array.from({ length: 20 }, () => standIn.mintToken('usr_capped'));
    expect(() => standIn.mintToken('usr_capped')).toThrow(/already has 20 active tokens/);
    expect(() => standIn.mintToken('usr_other_user')).not.toThrow();
    standIn.revokeToken(tokens[0] ?? '');
    expect(standIn.mintToken('usr_capped')).toMatch(/^rr_pat_/);
    expect(() => standIn.mintToken('usr_capped')).toThrow(/20 active tokens/);
  });
});

describe('GET /me', () => {
  it("returns the token owner's identity", async () => {
    const response = await call('/me');
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toEqual({ id: 'usr_demo', username: 'demo', name: 'Demo Viewer', createdAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(String(body.createdAt)))).toBe(false);
  });

  it('creates users on demand when minting for a new id', async () => {
    const body = await json(await call('/me', { token: standIn.mintToken('usr_alice') }));
    expect(body).toMatchObject({ id: 'usr_alice', username: 'alice' });
  });
});

describe('GET /watchlist', () => {
  it('lists the seeded items, most recently updated first', async () => {
    const response = await call('/watchlist');
    const body = await json<{ items: WatchlistItem[]; nextCursor: string | null }>(response);
    expect(body.items).toHaveLength(9);
    expect(body.nextCursor).toBeNull();
    const times = body.items.map((item) => item.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(body.items[0]).toMatchObject({
      title: 'Severance',
      mediaType: 'TV',
      status: 'WATCHING',
      currentSeason: 2,
      currentEpisode: 3,
    });
    expect(new Set(body.items.map((item) => item.status))).toEqual(
      new Set(['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD']),
    );
  });

  it('filters by status and by media type', async () => {
    const watching = await watchlistOf(demoToken, '?status=WATCHING');
    expect(watching.map((item) => item.title).sort()).toEqual(['Andor', 'Severance']);
    const movies = await watchlistOf(demoToken, '?mediaType=MOVIE');
    expect(movies.map((item) => item.title).sort()).toEqual(['Dune: Part Two', 'Oppenheimer', 'Parasite']);
    const both = await watchlistOf(demoToken, '?status=WANT_TO_WATCH&mediaType=TV');
    expect(both.map((item) => item.title)).toEqual(['Stranger Things']);
  });

  it.each(['0', '201', 'abc', '1.5', '-1', ''])('refuses limit=%j with 400', async (limit) => {
    await expectError(await call(`/watchlist?limit=${limit}`), 400, 'BAD_REQUEST', /^limit must be an integer from 1 to 200$/);
  });

  it('accepts the limit bounds 1 and 200', async () => {
    expect(await watchlistOf(demoToken, '?limit=1')).toHaveLength(1);
    expect(await watchlistOf(demoToken, '?limit=200')).toHaveLength(9);
  });

  it.each([
    ['?status=watching', /status must be one of/],
    ['?mediaType=SHOW', /mediaType must be TV or MOVIE/],
    ['?cursor=not*base64', /cursor is not valid/],
    [`?cursor=${Buffer.from('{"x":1}').toString('base64url')}`, /cursor is not valid/],
    [`?cursor=${Buffer.from('plain text').toString('base64url')}`, /cursor is not valid/],
  ])('refuses %s with 400', async (query, message) => {
    await expectError(await call(`/watchlist${query}`), 400, 'BAD_REQUEST', message);
  });

  it('walks every item exactly once through the cursor', async () => {
    const all = await watchlistOf(demoToken);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await json<{ items: WatchlistItem[]; nextCursor: string | null }>(await call(`/watchlist${query}`));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(5);
    expect(seen).toEqual(all.map((item) => item.id));
  });

  it('pages within a filter', async () => {
    const first = await json<{ items: WatchlistItem[]; nextCursor: string }>(
      await call('/watchlist?status=WANT_TO_WATCH&limit=2'),
    );
    expect(first.items).toHaveLength(2);
    const second = await json<{ items: WatchlistItem[]; nextCursor: string | null }>(
      await call(`/watchlist?status=WANT_TO_WATCH&limit=2&cursor=${first.nextCursor}`),
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].every((item) => item.status === 'WANT_TO_WATCH')).toBe(true);
  });
});

describe('GET /history', () => {
  it('returns the timeline newest first', async () => {
    const items = await historyOf(demoToken);
    expect(items).toHaveLength(6);
    const times = items.map((item) => item.watchedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(items[0]).toMatchObject({ kind: 'episode', title: 'Severance', season: 2, episode: 3 });
    expect(items.find((item) => item.kind === 'movie')).toMatchObject({ mediaType: 'MOVIE', season: null, episode: null });
  });

  it('honours limit and refuses one out of range', async () => {
    const all = await historyOf(demoToken);
    expect(await historyOf(demoToken, '?limit=2')).toEqual(all.slice(0, 2));
    await expectError(await call('/history?limit=0'), 400, 'BAD_REQUEST', /limit/);
    await expectError(await call('/history?limit=201'), 400, 'BAD_REQUEST', /limit/);
  });
});

describe('POST /scrobble', () => {
  it('marks a watched movie FINISHED and adds a history row', async () => {
    const token = freshToken();
    const response = await scrobble(token, { title: 'Oppenheimer', year: 2023, source: 'netflix' });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      matched: true,
      action: 'watched',
      item: { tmdbId: 872585, title: 'Oppenheimer', mediaType: 'MOVIE', year: 2023 },
      status: 'FINISHED',
    });
    expect(await watchlistOf(token)).toMatchObject([{ tmdbId: 872585, status: 'FINISHED', currentSeason: null }]);
    expect(await historyOf(token)).toMatchObject([{ kind: 'movie', tmdbId: 872585, source: 'netflix' }]);
  });

  it('advances a show to a watched episode and never moves it back', async () => {
    const token = freshToken();
    const first = await json(await scrobble(token, { title: 'Severance', season: 1, episode: 5 }));
    expect(first).toMatchObject({
      matched: true,
      item: { title: 'Severance', mediaType: 'TV', season: 1, episode: 5 },
      status: 'WATCHING',
    });
    await scrobble(token, { title: 'Severance', season: 2, episode: 2 });
    expect(await watchlistOf(token)).toMatchObject([{ status: 'WATCHING', currentSeason: 2, currentEpisode: 2 }]);
    const older = await json(await scrobble(token, { title: 'Severance', season: 1, episode: 9 }));
    expect(older).toMatchObject({ matched: true, status: 'WATCHING' });
    expect(await watchlistOf(token)).toMatchObject([{ currentSeason: 2, currentEpisode: 2 }]);
    expect((await historyOf(token)).map((row) => [row.season, row.episode])).toEqual([
      [1, 9],
      [2, 2],
      [1, 5],
    ]);
  });

  it('finishes a show on the last episode of its last season, and keeps it finished', async () => {
    const token = freshToken();
    expect(await json(await scrobble(token, { title: 'Chernobyl', season: 1, episode: 5 }))).toMatchObject({
      status: 'FINISHED',
    });
    expect(await json(await scrobble(token, { title: 'Chernobyl', season: 1, episode: 1, action: 'watching' }))).toMatchObject({
      status: 'FINISHED',
    });
    expect(await json(await scrobble(token, { title: 'Chernobyl', season: 1, episode: 2 }))).toMatchObject({
      status: 'FINISHED',
    });
    expect(await watchlistOf(token)).toMatchObject([{ currentSeason: 1, currentEpisode: 5 }]);
  });

  it('sets WATCHING for a play-start without adding history or moving progress', async () => {
    const token = freshToken();
    const answer = await json(await scrobble(token, { title: 'Andor', season: 1, episode: 1, action: 'watching' }));
    expect(answer).toMatchObject({ matched: true, action: 'watching', status: 'WATCHING' });
    expect(await watchlistOf(token)).toMatchObject([
      { title: 'Andor', status: 'WATCHING', currentSeason: null, currentEpisode: null },
    ]);
    expect(await json(await scrobble(token, { title: 'Barbie', action: 'watching' }))).toMatchObject({ status: 'WATCHING' });
    expect(await json(await scrobble(token, { title: 'Barbie' }))).toMatchObject({ status: 'FINISHED' });
    expect(await json(await scrobble(token, { title: 'Barbie', action: 'watching' }))).toMatchObject({ status: 'FINISHED' });
    expect(await historyOf(token)).toMatchObject([{ kind: 'movie', title: 'Barbie' }]);
  });

  it.each([
    [2001, 2996, 2001],
    [2002, 2996, 2001],
    [2005, 2316, 2005],
    [2006, 2316, 2005],
    [undefined, 2316, 2005],
  ])('tells the two Offices apart: year %s → TMDB %s', async (year, tmdbId, matchedYear) => {
    const answer = await json(await scrobble(freshToken(), { title: 'The Office', year, season: 1, episode: 2 }));
    expect(answer).toMatchObject({ matched: true, item: { tmdbId, year: matchedYear } });
  });

  it('tells Dune (1984) from Dune (2021) and Dune: Part Two', async () => {
    const token = freshToken();
    expect(await json(await scrobble(token, { title: 'Dune', year: 1984 }))).toMatchObject({ item: { tmdbId: 841 } });
    expect(await json(await scrobble(token, { title: 'dune' }))).toMatchObject({ item: { tmdbId: 438631 } });
    expect(await json(await scrobble(token, { title: 'Dune: Part Two' }))).toMatchObject({ item: { tmdbId: 693134 } });
  });

  it.each([
    [{ title: 'The Office', year: 2003, season: 1, episode: 1 }, 'a year that fits neither Office'],
    [{ title: 'Severance', year: 1999 }, 'a year that fits the only Severance'],
    [{ title: 'Severance', season: 1, episode: 10 }, 'an episode beyond the season'],
    [{ title: 'Severance', season: 3, episode: 1 }, 'a season that does not exist'],
    [{ title: 'Severance', season: 1, episode: 0 }, 'episode 0 of a regular season'],
    [{ title: 'Dune', mediaType: 'TV' }, 'a media type no Dune has'],
    [{ title: 'Severance', mediaType: 'MOVIE' }, 'a film called Severance'],
    [{ title: 'A Film Nobody Ever Made' }, 'an unknown title'],
  ])('answers 200 {matched:false} for %j (%s) and changes nothing', async (body, _reason) => {
    const token = freshToken();
    const response = await scrobble(token, body);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ matched: false });
    expect(await watchlistOf(token)).toEqual([]);
    expect(await historyOf(token)).toEqual([]);
  });

  it('matches despite case, diacritics, punctuation, "&" and a missing "The"', async () => {
    const token = freshToken();
    for (const [title, tmdbId] of [
      ['queens gambit', 87739],
      ['SHOGUN', 126308],
      ['Amelie', 194],
      ['Deadpool and Wolverine', 533535],
      ['Office', 2316],
    ] as const) {
      expect(await json(await scrobble(token, { title })), title).toMatchObject({ matched: true, item: { tmdbId } });
    }
  });

  it('matches specials (season 0) without moving progress', async () => {
    const token = freshToken();
    await scrobble(token, { title: 'Sherlock', season: 2, episode: 1 });
    const answer = await json(await scrobble(token, { title: 'Sherlock', season: 0, episode: 1 }));
    expect(answer).toMatchObject({ matched: true, item: { season: 0, episode: 1 }, status: 'WATCHING' });
    expect(await watchlistOf(token)).toMatchObject([{ currentSeason: 2, currentEpisode: 1 }]);
    expect((await historyOf(token))[0]).toMatchObject({ season: 0, episode: 1 });
  });

  it.each([
    [{}, /^title is required$/],
    [{ title: '   ' }, /title must not be empty/],
    [{ title: 'x'.repeat(501) }, /at most 500 characters/],
    [{ title: 42 }, /title must be a string/],
    [{ title: 'Severance', season: -1 }, /season must be an integer/],
    [{ title: 'Severance', episode: 1.5 }, /episode must be an integer/],
    [{ title: 'Severance', mediaType: 'SHOW' }, /mediaType must be TV or MOVIE/],
    [{ title: 'Severance', action: 'started' }, /action must be watched or watching/],
    [{ title: 'Oppenheimer', mediaType: 'MOVIE', season: 1 }, /only allowed for mediaType TV/],
    [['Severance'], /body must be a JSON object/],
  ])('refuses %j with 400', async (body, message) => {
    const token = freshToken();
    await expectError(await scrobble(token, body), 400, 'BAD_REQUEST', message);
    expect(await historyOf(token)).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await call('/scrobble', {
      token: freshToken(),
      rawBody: '{"title": "Severance"',
      headers: { 'Content-Type': 'application/json' },
    });
    await expectError(response, 400, 'BAD_REQUEST', /valid JSON/);
  });

  it('accepts a title of exactly 500 characters after trimming', async () => {
    const response = await scrobble(freshToken(), { title: `  ${'x'.repeat(500)}  ` });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ matched: false });
  });

  it('replays a repeated Idempotency-Key without applying it twice', async () => {
    const token = freshToken();
    const body = { title: 'Severance', season: 1, episode: 1 };
    const first = await scrobble(token, body, { 'Idempotency-Key': 'viewing-1' });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await json(first);
    const again = await scrobble(token, body, { 'Idempotency-Key': 'viewing-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(firstBody);
    expect(await historyOf(token)).toHaveLength(1);

    await scrobble(token, body, { 'Idempotency-Key': 'viewing-2' });
    expect(await historyOf(token)).toHaveLength(2);

    const otherUser = freshToken();
    const elsewhere = await scrobble(otherUser, body, { 'Idempotency-Key': 'viewing-1' });
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
    expect(await historyOf(otherUser)).toHaveLength(1);

    const log = standIn.received().filter((r) => r.idempotencyKey === 'viewing-1');
    expect(log.map((r) => r.replayed)).toEqual([false, true, false]);
  });

  it('refuses an unusable Idempotency-Key', async () => {
    const response = await scrobble(freshToken(), { title: 'Severance' }, { 'Idempotency-Key': 'x'.repeat(256) });
    await expectError(response, 400, 'BAD_REQUEST', /Idempotency-Key/);
  });

  it('forgets an Idempotency-Key after 24 hours', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const server = await startStandIn({ now: () => clock });
    try {
      const token = server.mintToken();
      const send = () =>
        fetch(`${server.baseUrl}/scrobble`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': 'k', 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: 'Loki', season: 1, episode: 1 }),
        });
      await send();
      clock += 23 * 60 * 60 * 1000;
      expect((await send()).headers.get('idempotent-replayed')).toBe('true');
      clock += 2 * 60 * 60 * 1000;
      expect((await send()).headers.get('idempotent-replayed')).toBeNull();
      expect(server.received().map((r) => r.replayed)).toEqual([false, true, false]);
    } finally {
      await server.close();
    }
  });

  it('logs every scrobble it receives, with its answer, and describes it in one line', async () => {
    const token = freshToken();
    await scrobble(token, { title: 'Severance', season: 2, episode: 4 }, { 'Idempotency-Key': 'log-1' });
    const last = standIn.received().at(-1);
    expect(last).toMatchObject({
      body: { title: 'Severance', season: 2, episode: 4 },
      idempotencyKey: 'log-1',
      status: 200,
      response: { matched: true },
      replayed: false,
      userId: `usr_test${userCount}`,
      fault: null,
    });
    expect(last && describeScrobble(last)).toBe(
      'scrobble watched "Severance" S2E4 → matched Severance (2022) [TV] status=WATCHING',
    );
  });
});

describe('routing and CORS', () => {
  it('answers 404 for an unknown path and 405 for a wrong method', async () => {
    await expectError(await call('/nothing-here'), 404, 'NOT_FOUND');
    const wrong = await call('/me', { method: 'POST', rawBody: '{}' });
    expect(wrong.headers.get('allow')).toContain('GET');
    await expectError(wrong, 405, 'METHOD_NOT_ALLOWED');
  });

  it('answers preflights with 204 and the CORS headers', async () => {
    const response = await fetch(`${standIn.baseUrl}/scrobble`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.netflix.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, Idempotency-Key');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('puts Allow-Origin and Expose-Headers on every answer, errors included', async () => {
    for (const response of [await call('/me'), await call('/me', { token: null }), await call('/nope')]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
    }
  });

  it('records API requests with the URL exactly as sent, but not preflights', async () => {
    standIn.reset();
    await call('/history?limit=3');
    await fetch(`${standIn.baseUrl}/me`, { method: 'OPTIONS' });
    expect(standIn.requests()).toMatchObject([
      { method: 'GET', path: '/history', url: '/api/public/v1/history?limit=3', status: 200 },
    ]);
  });
});

describe('faults', () => {
  it('error500 answers 500 for the next N requests and applies none of them', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'error500', times: 2 });
    const body = { title: 'Loki', season: 1, episode: 1 };
    await expectError(await scrobble(token, body), 500, 'INTERNAL');
    await expectError(await scrobble(token, body), 500, 'INTERNAL');
    expect(await json(await scrobble(token, body))).toMatchObject({ matched: true });
    expect(await historyOf(token)).toHaveLength(1);
    const mine = standIn.received().filter((r) => r.userId === `usr_test${userCount}`);
    expect(mine.map((r) => [r.status, r.fault])).toEqual([
      [500, 'error500'],
      [500, 'error500'],
      [200, null],
    ]);
  });

  it('rateLimit answers 429 with Retry-After and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'rateLimit', retryAfterSeconds: 7 });
    const response = await scrobble(token, { title: 'Barbie' });
    expect(response.headers.get('retry-after')).toBe('7');
    await expectError(response, 429, 'RATE_LIMITED');
    const second = await call('/me', { token });
    expect(second.status).toBe(429);
    standIn.setFault(null);
    expect(await watchlistOf(token)).toEqual([]);

    standIn.setFault({ kind: 'rateLimit', times: 1 });
    expect((await call('/me', { token })).headers.get('retry-after')).toBe('2');
    expect((await call('/me', { token })).status).toBe(200);
  });

  it('only hits the given paths', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'error500', paths: ['/scrobble'] });
    expect((await call('/me', { token })).status).toBe(200);
    expect((await scrobble(token, { title: 'Barbie' })).status).toBe(500);
  });

  it('drop closes the connection without an answer and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'drop', times: 1 });
    await expect(scrobble(token, { title: 'Barbie' })).rejects.toThrow();
    expect(standIn.received().at(-1)).toMatchObject({ status: 0, response: null, fault: 'drop', body: { title: 'Barbie' } });
    expect(await watchlistOf(token)).toEqual([]);
  });

  it('garbage answers 200 with a body that is not JSON and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'garbage', times: 1 });
    const response = await scrobble(token, { title: 'Barbie' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(await watchlistOf(token)).toEqual([]);
  });

  it("wrongJson answers 200 with well-formed JSON in no endpoint's shape and applies nothing", async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'wrongJson', times: 2 });
    const response = await scrobble(token, { title: 'Barbie' });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).not.toHaveProperty('matched');
    expect(await json(await call('/history', { token }))).not.toHaveProperty('items');
    expect(await watchlistOf(token)).toEqual([]);
    expect(standIn.received().at(-1)).toMatchObject({ status: 200, fault: 'wrongJson', body: { title: 'Barbie' } });
  });

  it('huge answers 200 with well-formed JSON of at least sizeBytes, and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'huge', times: 1, paths: ['/scrobble'] });
    const text = await (await scrobble(token, { title: 'Barbie' })).text();
    expect(text.length).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    const body = JSON.parse(text) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(1_000);
    expect(await watchlistOf(token)).toEqual([]);

    standIn.setFault({ kind: 'huge', times: 1, sizeBytes: 5_000 });
    const small = await (await call('/history', { token })).text();
    expect(small.length).toBeGreaterThanOrEqual(5_000);
    expect(small.length).toBeLessThan(5_500);
    expect(() => standIn.setFault({ kind: 'huge', sizeBytes: 0 })).toThrow();
  });

  it('slow holds the answer for delayMs, so a shorter client timeout fires', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'slow', delayMs: 400, times: 1 });
    const started = Date.now();
    await expect(call('/me', { token, signal: AbortSignal.timeout(100) })).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(350);

    standIn.setFault({ kind: 'slow', delayMs: 250, times: 1 });
    const waited = Date.now();
    const response = await call('/me', { token, signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(200);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(240);
  });

  it('slow handles a scrobble after the delay even if the client gave up, like a real server', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'slow', delayMs: 200, times: 1 });
    await expect(scrobble(token, { title: 'Barbie' }, {}).then(() => 'answered')).resolves.toBe('answered');
    standIn.setFault({ kind: 'slow', delayMs: 200, times: 1 });
    const controller = new AbortController();
    const pending = call('/scrobble', { token, body: { title: 'Wicked' }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    expect((await watchlistOf(token)).map((item) => item.title)).toEqual(['Barbie']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await watchlistOf(token)).map((item) => item.title).sort()).toEqual(['Barbie', 'Wicked']);
  });

  it('close() does not wait for a slow answer', async () => {
    const server = await startStandIn({});
    const token = server.mintToken();
    server.setFault({ kind: 'slow' });
    const pending = fetch(`${server.baseUrl}/me`, { headers: { Authorization: `Bearer ${token}` } }).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('never faults a preflight, and the fault stays armed for the next request', async () => {
    standIn.setFault({ kind: 'error500', times: 1 });
    expect((await fetch(`${standIn.baseUrl}/me`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await call('/me')).status).toBe(500);
    expect((await call('/me')).status).toBe(200);
  });

  it('refuses an invalid fault', () => {
    expect(() => standIn.setFault({ kind: 'explode' } as never)).toThrow();
    expect(() => standIn.setFault({ kind: 'error500', times: 0 })).toThrow();
  });
});

/** A GET with the Host header a browser on a rebound name would send (fetch does not let a caller set it). */
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

describe('who may talk to the stand-in', () => {
  it('on loopback, answers only loopback names: a rebound name cannot read what it received', async () => {
    expect(await getWithHost(`${standIn.origin}/__control/received`, `evil.example:${standIn.port}`)).toBe(421);
    expect(await getWithHost(`${standIn.baseUrl}/me`, 'evil.example')).toBe(421);
    for (const name of [`127.0.0.1:${standIn.port}`, `localhost:${standIn.port}`, 'localhost']) {
      expect(await getWithHost(`${standIn.origin}/__control/received`, name)).toBe(200);
    }
  });

  it('off loopback, the control endpoints need the secret it prints', async () => {
    const open = await startStandIn({ host: '0.0.0.0' });
    try {
      expect(open.controlSecret).toMatch(/^[\w-]{20,}$/);
      const url = `http://127.0.0.1:${open.port}/__control/received`;
      expect(await getWithHost(url, `192.168.1.5:${open.port}`)).toBe(403);
      expect(await getWithHost(url, `192.168.1.5:${open.port}`, { 'X-Control-Secret': 'guess' })).toBe(403);
      expect(await getWithHost(url, `192.168.1.5:${open.port}`, { 'X-Control-Secret': open.controlSecret ?? '' })).toBe(200);
      // The API itself answers any name there: clients reach it by the machine's address.
      expect(await getWithHost(`http://127.0.0.1:${open.port}/api/public/v1/me`, `192.168.1.5:${open.port}`)).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('a redirect fault answers 307 to the address it names', async () => {
    standIn.setFault({ kind: 'redirect', location: 'http://127.0.0.1:9/steal', paths: ['/me'] });
    const response = await call('/me');
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://127.0.0.1:9/steal');
  });
});

describe('control endpoints', () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${standIn.origin}/__control${path}`, init);
  const post = (path: string, body?: unknown) =>
    control(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('sets and clears faults over HTTP', async () => {
    expect((await post('/fault', { kind: 'error500', times: 1, paths: ['/me'] })).status).toBe(204);
    expect((await call('/me')).status).toBe(500);
    expect((await post('/fault', { kind: 'error500' })).status).toBe(204);
    expect((await post('/fault', null)).status).toBe(204);
    expect((await call('/me')).status).toBe(200);
    await expectError(await post('/fault', { kind: 'meltdown' }), 400, 'BAD_REQUEST');
  });

  it('mints and revokes tokens over HTTP', async () => {
    const minted = await post('/tokens', { userId: 'usr_control', label: 'from a script' });
    expect(minted.status).toBe(200);
    const { token } = await json<{ token: string }>(minted);
    expect(token).toMatch(/^rr_pat_[A-Za-z0-9]{32}$/);
    expect(await json(await call('/me', { token }))).toMatchObject({ id: 'usr_control' });
    expect((await post('/revoke', { token })).status).toBe(204);
    expect((await call('/me', { token })).status).toBe(401);
    await expectError(await post('/tokens', { userId: 'bad id!' }), 400, 'BAD_REQUEST', /userId/);
  });

  it('lists received scrobbles, and reset clears them and the fault but keeps tokens', async () => {
    const token = freshToken();
    await scrobble(token, { title: 'Roma' });
    const received = await json<Array<{ body: unknown; status: number }>>(await control('/received'));
    expect(received.at(-1)).toMatchObject({ body: { title: 'Roma' }, status: 200 });
    standIn.setFault({ kind: 'error500' });
    expect((await post('/reset')).status).toBe(204);
    expect(await json(await control('/received'))).toEqual([]);
    expect((await call('/me', { token })).status).toBe(200);
    expect(await watchlistOf(token)).toHaveLength(1);
  });

  it('reset with data restores the seeded lists', async () => {
    const server = await startStandIn({});
    try {
      const token = server.mintToken();
      await fetch(`${server.baseUrl}/scrobble`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'Roma' }),
      });
      server.reset({ data: true });
      const response = await fetch(`${server.baseUrl}/watchlist`, { headers: { Authorization: `Bearer ${token}` } });
      const { items } = await json<{ items: WatchlistItem[] }>(response);
      expect(items.map((item) => item.title)).not.toContain('Roma');
      expect(items).toHaveLength(9);
    } finally {
      await server.close();
    }
  });

  it('refuses requests from web pages (with an Origin header)', async () => {
    const response = await control('/tokens', { method: 'POST', headers: { Origin: 'https://evil.example' }, body: '{}' });
    await expectError(response, 403, 'FORBIDDEN');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 404 and 405 on the control plane too', async () => {
    await expectError(await control('/nothing'), 404, 'NOT_FOUND');
    await expectError(await control('/received', { method: 'POST' }), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('restart', () => {
  it('keeps tokens, lists and history across close() and a restart on the same port with the same state', async () => {
    const state = createState();
    const first = await startStandIn({ state });
    const token = first.mintToken('usr_restart');
    const auth = { Authorization: `Bearer ${token}` };
    await fetch(`${first.baseUrl}/scrobble`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Arcane', season: 1, episode: 3 }),
    });
    const { port } = first;
    await first.close();
    await expect(fetch(`${first.baseUrl}/me`, { headers: auth })).rejects.toThrow();

    const second = await startStandIn({ port, state });
    try {
      expect(second.port).toBe(port);
      const me = await fetch(`${second.baseUrl}/me`, { headers: auth });
      expect(await json(me)).toMatchObject({ id: 'usr_restart' });
      const history = await json<{ items: HistoryItem[] }>(await fetch(`${second.baseUrl}/history`, { headers: auth }));
      expect(history.items).toMatchObject([{ season: 1, episode: 3 }]);
    } finally {
      await second.close();
    }

    const fresh = await startStandIn({ port });
    try {
      expect((await fetch(`${fresh.baseUrl}/me`, { headers: auth })).status).toBe(401);
    } finally {
      await fresh.close();
    }
  });

  it('reports a port that is already taken', async () => {
    await expect(startStandIn({ port: standIn.port })).rejects.toThrow(/already in use/);
  });
});
