/** The stand-in's read API: authentication, GET /me, /watchlist and /history, routing and CORS. */
import { describe, expect, it } from 'vitest';
import { call, demoToken, expectError, historyOf, json, standIn, useStandIn, type WatchlistItem, watchlistOf } from './support';

useStandIn();

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
