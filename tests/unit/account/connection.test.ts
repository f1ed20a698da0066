import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountStatus, connect, disconnect, markNeedsReconnect, setApiUrl } from '@/utils/account/connection';
import { DEFAULT_API_URL } from '@/utils/origins';
import { db, readCredential } from '@/utils/store/db';

const readToken = async () => (await readCredential())?.token;

const TOKEN = 'rr_pat_accountTestToken0001';

function serveMe(status: number, body: unknown) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify(body), { status }));
}

beforeEach(async () => {
  fakeBrowser.reset();
  await (await db()).clear('settings');
  await disconnect();
});

describe('connect', () => {
  it('stores the token only after GET /me accepts it, and shows the account', async () => {
    const fetch = serveMe(200, { id: 'usr_1', username: 'demo', name: 'Demo Viewer' });
    const outcome = await connect(`  ${TOKEN}\n`);
    expect(outcome).toEqual({
      ok: true,
      status: {
        apiUrl: DEFAULT_API_URL,
        connection: { state: 'connected', account: { id: 'usr_1', username: 'demo', name: 'Demo Viewer' } },
      },
    });
    expect(String(fetch.mock.calls[0]?.[0])).toBe(`${DEFAULT_API_URL}/me`);
    expect(await readToken()).toBe(TOKEN);
  });

  it('refuses a malformed token without a request', async () => {
    const fetch = serveMe(200, {});
    const outcome = await connect('hello');
    expect(outcome.ok).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
    expect(await readToken()).toBeUndefined();
  });

  it('keeps nothing when the server refuses the token', async () => {
    serveMe(401, { error: { message: 'revoked' } });
    const outcome = await connect(TOKEN);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(await readToken()).toBeUndefined();
    expect((await accountStatus()).connection.state).toBe('disconnected');
  });

  it('keeps the token in IndexedDB, never in storage.local', async () => {
    serveMe(200, { username: 'demo' });
    await connect(TOKEN);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });
});

describe('reconnect and disconnect', () => {
  it('a 401 later keeps the account shown and asks for a new token', async () => {
    serveMe(200, { username: 'demo' });
    await connect(TOKEN);
    await markNeedsReconnect();
    expect((await accountStatus()).connection).toEqual({
      state: 'reconnect',
      account: { id: null, username: 'demo', name: null },
    });
    expect(await readToken()).toBe(TOKEN);
  });

  it('disconnect forgets the token', async () => {
    serveMe(200, { username: 'demo' });
    await connect(TOKEN);
    await disconnect();
    expect(await readToken()).toBeUndefined();
    expect((await accountStatus()).connection).toEqual({ state: 'disconnected' });
  });
});

describe('API URL', () => {
  it('refuses plain http to a remote host', async () => {
    expect(await setApiUrl('http://example.com/api')).toMatchObject({ ok: false, error: { kind: 'insecure-url' } });
    expect(await setApiUrl('not a url')).toMatchObject({ ok: false, error: { kind: 'invalid-url' } });
  });

  it('needs the origin permission, then switches server and forgets the token', async () => {
    serveMe(200, { username: 'demo' });
    await connect(TOKEN);
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    expect(await setApiUrl('https://rr.example.org/api/public/v1')).toMatchObject({ ok: false, error: { kind: 'permission' } });
    expect(await readToken()).toBe(TOKEN);

    contains.mockResolvedValue(true);
    const outcome = await setApiUrl('https://rr.example.org/api/public/v1/');
    expect(outcome).toMatchObject({
      ok: true,
      status: { apiUrl: 'https://rr.example.org/api/public/v1', connection: { state: 'disconnected' } },
    });
    expect(contains).toHaveBeenLastCalledWith({ origins: ['https://rr.example.org/*'] });
    expect(await readToken()).toBeUndefined();

    expect(await setApiUrl(null)).toMatchObject({ ok: true, status: { apiUrl: DEFAULT_API_URL } });
  });
});
