import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_API_URL } from '@/utils/origins';
import { recentEntries } from '@/utils/scrobble/log';
import { nextDue, queuedEntries, releaseReconnectWaits } from '@/utils/scrobble/queue';
import { backoffMs, flushOutbox, RETRY_ALARM } from '@/utils/scrobble/sender';
import { writeCredential } from '@/utils/store/db';
import { connectionItem } from '@/utils/store/items';
import { SEVERANCE_S2E4 } from '../../support/reports';

import { answer, connectedWithOneQueued, fold, freshStart, report, TOKEN } from './support';

const EPISODE = SEVERANCE_S2E4;

beforeEach(freshStart);

/** Sending the outbox: answers, retries, backoff, order (scrobble/sender.ts). */

describe('sending', () => {
  it('sends with the Idempotency-Key and records the match', async () => {
    const watched = await connectedWithOneQueued();
    const matched = {
      matched: true,
      item: { title: 'Severance', year: 2022, mediaType: 'TV', season: 2, episode: 4 },
      status: 'WATCHING',
    };
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(200, matched));
    await flushOutbox();
    expect(fetch).toHaveBeenCalledTimes(2);
    const headers = fetch.mock.calls.map(([, init]) => new Headers(init?.headers).get('Idempotency-Key'));
    expect(headers).toContain(watched.key);
    const bodies = fetch.mock.calls.map(([, init]) => JSON.parse(String(init?.body)));
    expect(bodies).toContainEqual({ ...EPISODE, action: 'watched', source: 'ReelRifter Scrobbler (netflix)' });
    expect(await queuedEntries()).toHaveLength(0);
    const [latest] = await recentEntries(1);
    expect(latest).toMatchObject({ state: 'matched', match: { title: 'Severance', year: 2022, status: 'WATCHING' } });
  });

  it('records not matched as answered', async () => {
    await connectedWithOneQueued();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(200, { matched: false }));
    await flushOutbox();
    expect((await recentEntries(5)).map((e) => e.state)).toEqual(['unmatched', 'unmatched']);
  });

  it('a 500 keeps the entry and arms an alarm with backoff', async () => {
    await connectedWithOneQueued();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(500, 'down'));
    await flushOutbox();
    const queued = await queuedEntries();
    expect(queued).toHaveLength(2);
    const head = queued.find((e) => e.action === 'watching');
    expect(head).toMatchObject({ waitReason: 'server', attempts: 1 });
    expect(head?.nextAttemptAt).toBeGreaterThan(Date.now() + 20_000);
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeDefined();
    expect(await nextDue(Date.now())).toBeUndefined();
  });

  it('a 429 waits for Retry-After', async () => {
    await connectedWithOneQueued();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(429, '', { 'Retry-After': '90' }));
    const before = Date.now();
    await flushOutbox();
    const head = (await queuedEntries()).find((e) => e.action === 'watching');
    expect(head?.waitReason).toBe('rate-limited');
    expect(head?.nextAttemptAt).toBeGreaterThanOrEqual(before + 90_000);
  });

  it('a 401 stops sending, keeps everything and asks to reconnect', async () => {
    await connectedWithOneQueued();
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(401, { error: 'revoked' }));
    await flushOutbox();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await queuedEntries()).toHaveLength(2);
    expect((await connectionItem.read()) as { state: string }).toMatchObject({ state: 'reconnect' });

    await connectionItem.write({ state: 'connected', account: {} });
    await releaseReconnectWaits(Date.now());
    fetch.mockImplementation(async () => answer(200, { matched: false }));
    await flushOutbox();
    expect(await queuedEntries()).toHaveLength(0);
  });

  it("another 4xx fails the entry with the server's message", async () => {
    await connectedWithOneQueued();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(400, { error: { message: 'title is too long' } }));
    await flushOutbox();
    expect((await recentEntries(5)).map((e) => [e.state, e.error])).toEqual([
      ['failed', 'title is too long'],
      ['failed', 'title is too long'],
    ]);
  });

  it('nothing is sent while disconnected', async () => {
    await fold(report({ position: 2900, forwardSeconds: 2900 }), 1);
    const fetch = vi.spyOn(globalThis, 'fetch');
    await flushOutbox();
    expect(fetch).not.toHaveBeenCalled();
    expect(await queuedEntries()).toHaveLength(2);
  });
});

describe('backoff', () => {
  it('backoff grows, has jitter and a ceiling', () => {
    expect(backoffMs(1, () => 0.5)).toBe(30_000);
    expect(backoffMs(3, () => 0.5)).toBe(120_000);
    expect(backoffMs(30, () => 0.5)).toBe(30 * 60_000);
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 1)).toBe(36_000);
  });
});

describe('order and recovery', () => {
  it('first in, first out: the rest wait behind a failing head, then follow it in the same flush', async () => {
    await writeCredential({ token: TOKEN, apiUrl: DEFAULT_API_URL });
    await connectionItem.write({ state: 'connected', account: { username: 'demo' } });
    await fold(report({ position: 2900, forwardSeconds: 2900, state: 'ended' }), 1);
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
      throw new TypeError('connection refused');
    });
    await flushOutbox();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [head] = (await queuedEntries()).filter((e) => e.waitReason === 'network');
    expect(head?.action).toBe('watching');
    const alarm = await fakeBrowser.alarms.get(RETRY_ALARM);
    expect(alarm?.scheduledTime).toBe(head?.nextAttemptAt);

    fetch.mockImplementation(async () => answer(200, { matched: false }));
    await flushOutbox(() => (head?.nextAttemptAt ?? 0) + 1);
    expect(await queuedEntries()).toEqual([]);
    const sent = fetch.mock.calls.slice(1).map(([, init]) => JSON.parse(String(init?.body)).action);
    expect(sent).toEqual(['watching', 'watched']);
  });
});
