import { describe, expect, it, vi } from 'vitest';
import { HttpError, parseRetryAfter } from '@/utils/http';
import { checkApiUrl } from '@/utils/origins';
import { createClient, isWellFormedToken, MAX_ANSWER_BYTES } from '@/utils/reelrifter/client';

const TOKEN = 'rr_pat_unitTestToken1234567890';
const BASE = 'https://api.example.test/api/public/v1';

function fakeFetch(status: number, body: string, headers: Record<string, string> = {}) {
  return vi.fn<typeof fetch>(async () => new Response(body, { status, headers }));
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(error)}`);
  return error;
}

describe('token format', () => {
  it.each([
    ['rr_pat_abcdefgh', true],
    ['  rr_pat_abcdefgh12345  ', true],
    ['rr_pat_', false],
    ['rr_pat_short', false],
    ['pat_abcdefghijkl', false],
    ['rr_pat_has spaces inside', false],
    ['', false],
  ])('%j well-formed: %s', (token, expected) => {
    expect(isWellFormedToken(token)).toBe(expected);
  });

  it('refuses a malformed token before any request', () => {
    const fetch = fakeFetch(200, '{}');
    expect(() => createClient({ baseUrl: BASE, token: 'nope', fetch })).toThrow(HttpError);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('requests', () => {
  it('sends the bearer token in a header, never in the URL', async () => {
    const fetch = fakeFetch(200, '{"username":"demo"}');
    await createClient({ baseUrl: `${BASE}/`, token: TOKEN, fetch }).me();
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe(`${BASE}/me`);
    expect(String(url)).not.toContain(TOKEN);
    expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('passes watchlist filters and cursor as query parameters', async () => {
    const fetch = fakeFetch(200, '{"items":[],"nextCursor":null}');
    await createClient({ baseUrl: BASE, token: TOKEN, fetch }).watchlist({
      status: 'WATCHING',
      mediaType: 'TV',
      limit: 10,
      cursor: 'abc',
    });
    const url = new URL(String(fetch.mock.calls[0]?.[0]));
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'WATCHING', mediaType: 'TV', limit: '10', cursor: 'abc' });
  });

  it.each([0, 201, 1.5])('refuses limit %s without a request', async (limit) => {
    const fetch = fakeFetch(200, '{"items":[]}');
    const error = await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch }).history({ limit }));
    expect(error.kind).toBe('rejected');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends a trimmed scrobble body with the Idempotency-Key header', async () => {
    const fetch = fakeFetch(200, '{"matched":false}');
    const result = await createClient({ baseUrl: BASE, token: TOKEN, fetch }).scrobble(
      { title: '  Severance ', season: 2, episode: 4, action: 'watching' },
      { idempotencyKey: 'view-1:watching' },
    );
    expect(result).toEqual({ matched: false });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ title: 'Severance', season: 2, episode: 4, action: 'watching' });
    expect(new Headers(init?.headers).get('Idempotency-Key')).toBe('view-1:watching');
  });

  it('refuses an empty title without a request', async () => {
    const fetch = fakeFetch(200, '{"matched":false}');
    const error = await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch }).scrobble({ title: '   ' }));
    expect(error.kind).toBe('rejected');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('answers', () => {
  it('tolerates extra fields and a /me without a name', async () => {
    const me = await createClient({ baseUrl: BASE, token: TOKEN, fetch: fakeFetch(200, '{"id":7,"plan":"pro"}') }).me();
    expect(me).toEqual({ id: '7' });
  });

  it('keeps a matched answer even when optional fields have odd types', async () => {
    const body = '{"matched":true,"item":{"title":"Dune","year":"2021","mediaType":"MOVIE"},"status":"SOMETHING_NEW"}';
    const result = await createClient({ baseUrl: BASE, token: TOKEN, fetch: fakeFetch(200, body) }).scrobble({ title: 'Dune' });
    expect(result).toEqual({ matched: true, item: { title: 'Dune', year: undefined, mediaType: 'MOVIE' }, status: undefined });
  });

  it.each([
    [401, '{"error":{"code":"UNAUTHORIZED","message":"bad token"}}', {}, 'unauthorized'],
    [403, '{}', {}, 'unauthorized'],
    [429, '', { 'Retry-After': '7' }, 'rate-limited'],
    [500, 'oops', {}, 'server'],
    [503, '{"error":"maintenance"}', {}, 'server'],
    [400, '{"error":{"code":"BAD_REQUEST","message":"title is required"}}', {}, 'rejected'],
    [422, '{"error":"Unprocessable","status":422}', {}, 'rejected'],
    [404, '<html>not here</html>', {}, 'rejected'],
    [200, '<html>captive portal</html>', {}, 'unreadable'],
    [200, '{"items":"nope"}', {}, 'unreadable'],
  ])('HTTP %i %s → %s', async (status, body, headers, kind) => {
    const client = createClient({ baseUrl: BASE, token: TOKEN, fetch: fakeFetch(status, body, headers) });
    const error = await failure(client.history());
    expect(error.kind).toBe(kind);
    expect(error.details.status).toBe(status);
  });

  it('reads Retry-After on 429', async () => {
    const client = createClient({ baseUrl: BASE, token: TOKEN, fetch: fakeFetch(429, '', { 'Retry-After': '12' }) });
    expect((await failure(client.me())).details.retryAfterSeconds).toBe(12);
  });

  it("carries the server's message for a rejected request, without the token", async () => {
    const body = JSON.stringify({ error: { message: `token ${TOKEN} may not scrobble this` } });
    const error = await failure(
      createClient({ baseUrl: BASE, token: TOKEN, fetch: fakeFetch(400, body) }).scrobble({ title: 'X' }),
    );
    expect(error.message).toBe('token [hidden] may not scrobble this');
  });

  it('reports a network failure', async () => {
    const failing = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect((await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch: failing }).me())).kind).toBe('network');
  });

  it('follows no redirect: a 307 elsewhere is an unreadable answer, and nothing is sent there', async () => {
    const redirecting = vi.fn<typeof fetch>(
      async () => new Response(null, { status: 307, headers: { Location: 'https://elsewhere.example/steal' } }),
    );
    const client = createClient({ baseUrl: BASE, token: TOKEN, fetch: redirecting });
    const error = await failure(client.scrobble({ title: 'Dune', action: 'watched' }));
    expect(error.kind).toBe('unreadable');
    expect(error.message).toMatch(/redirect/);
    expect(redirecting).toHaveBeenCalledTimes(1);
    expect(redirecting.mock.calls[0]?.[1]?.redirect).toBe('manual');
    // What a browser answers for a redirect it did not follow.
    const opaque = vi.fn<typeof fetch>(async () =>
      Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' }),
    );
    expect((await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch: opaque }).me())).kind).toBe('unreadable');
  });

  it('gives up after the timeout', async () => {
    const hanging = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const error = await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch: hanging, timeoutMs: 50 }).me());
    expect(error.kind).toBe('timeout');
    expect(error.transient).toBe(true);
  });

  it('stops reading an answer past MAX_ANSWER_BYTES and says it is too large', async () => {
    let pulled = 0;
    // Valid JSON if read to the end, sent in 64 KiB pieces with no Content-Length, far past the limit.
    const piece = new TextEncoder().encode(`${JSON.stringify({ title: 'x'.repeat(64 * 1024 - 20) })},`);
    const endless = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"items":[')),
      pull: (controller) => {
        pulled += 1;
        controller.enqueue(piece);
        if (pulled === 1_000) controller.enqueue(new TextEncoder().encode('{"title":"end"}]}'));
        if (pulled === 1_000) controller.close();
      },
    });
    const streaming = vi.fn<typeof fetch>(async () => new Response(endless, { status: 200 }));
    const error = await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch: streaming }).history());
    expect(error.kind).toBe('unreadable');
    expect(error.message).toBe('ReelRifter sent an answer too large to read.');
    expect(pulled).toBeLessThan(MAX_ANSWER_BYTES / piece.byteLength + 4);

    const declared = fakeFetch(200, '{"items":[]}', { 'Content-Length': String(MAX_ANSWER_BYTES + 1) });
    expect((await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch: declared }).history())).kind).toBe('unreadable');
    const refused = fakeFetch(413, 'x'.repeat(MAX_ANSWER_BYTES + 1));
    expect((await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch: refused }).history())).kind).toBe('rejected');
  });

  it('reads an answer up to the limit whole, characters split across pieces included', async () => {
    const title = `Amélie 🎬 ${'é'.repeat(1_000)}`;
    const bytes = new TextEncoder().encode(JSON.stringify({ items: [{ title }] }));
    const pieces = new ReadableStream<Uint8Array>({
      start: (controller) => {
        // One byte at a time: every multi-byte character arrives in parts.
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    const streaming = vi.fn<typeof fetch>(async () => new Response(pieces, { status: 200 }));
    expect(await createClient({ baseUrl: BASE, token: TOKEN, fetch: streaming }).history()).toEqual({ items: [{ title }] });
  });

  it('never puts the token in an error message', async () => {
    const bodies: Array<[number, string]> = [
      [401, TOKEN],
      [500, TOKEN],
      [200, TOKEN],
      [400, JSON.stringify({ error: TOKEN })],
    ];
    for (const [status, body] of bodies) {
      const error = await failure(createClient({ baseUrl: BASE, token: TOKEN, fetch: fakeFetch(status, body) }).me());
      expect(error.message).not.toContain(TOKEN);
    }
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('API URL', () => {
  it.each([
    ['https://reelrifter.com/api/public/v1/', { ok: true, url: 'https://reelrifter.com/api/public/v1' }],
    ['http://localhost:8787/api/public/v1', { ok: true, url: 'http://localhost:8787/api/public/v1' }],
    ['http://127.0.0.1:9/api', { ok: true, url: 'http://127.0.0.1:9/api' }],
    ['http://reelrifter.com/api', { ok: false, reason: 'insecure' }],
    ['ftp://reelrifter.com/api', { ok: false, reason: 'invalid' }],
    ['https://user:pw@reelrifter.com/', { ok: false, reason: 'invalid' }],
    ['not a url', { ok: false, reason: 'invalid' }],
  ])('%s', (input, expected) => {
    expect(checkApiUrl(input)).toEqual(expected);
  });
});
