/** The stand-in's control endpoints, and restarting it on the same state. */
import { describe, expect, it } from 'vitest';
import { createState, startStandIn } from '../../../server/standin';
import {
  call,
  expectError,
  freshToken,
  type HistoryItem,
  json,
  scrobble,
  standIn,
  useStandIn,
  type WatchlistItem,
  watchlistOf,
} from './support';

useStandIn();

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
