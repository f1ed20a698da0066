import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { actOnTabViewing, handleReport } from '@/utils/background/playback';
import { db, writeCredential } from '@/utils/db';
import { DEFAULT_API_URL } from '@/utils/reelrifter/origins';
import { DEFAULT_SCROBBLE_SETTINGS } from '@/utils/scrobble/decisions';
import type { ScrobbleEntry } from '@/utils/scrobble/entry';
import {
  clearResults,
  nextDue,
  pruneResults,
  pruneViewings,
  QUEUED_LIMIT,
  queuedEntries,
  RESULTS_LIMIT,
  readViewing,
  recentEntries,
  releaseReconnectWaits,
  resendEntry,
  resultsSummary,
  saveViewingAndQueue,
  takeRequestSlot,
  updateEntry,
} from '@/utils/scrobble/outbox';
import { backoffMs, flushOutbox, RETRY_ALARM } from '@/utils/scrobble/sender';
import { readTabViewing } from '@/utils/scrobble/tabs';
import { VIEWING_GAP_MS, type ViewingRecord } from '@/utils/scrobble/viewing';
import { connectionItem } from '@/utils/settings';
import { playbackReport, SEVERANCE_S2E4 } from '../support/reports';

const TOKEN = 'rr_pat_outboxUnitTest000001';
const EPISODE = SEVERANCE_S2E4;
const settings = Promise.resolve(DEFAULT_SCROBBLE_SETTINGS);

/** The worker's clock, a day back: each report comes ten minutes after the one before (up to 9,600 s of play at 16×). */
let clock = 0;
const seen = new Set<string>();

/**
 * Folds a report as the background does, ten minutes after the previous one. A page's tracker always
 * says `start` first, so a segment's first report here is preceded by its start.
 */
async function fold(r: Parameters<typeof handleReport>[0], tabId: number) {
  if (!seen.has(`${tabId}|${r.segmentId}`)) {
    seen.add(`${tabId}|${r.segmentId}`);
    if (r.forwardSeconds > 0) {
      const start = { ...r, reason: 'start' as const, position: r.startPosition, forwardSeconds: 0, state: 'playing' as const };
      clock += 1_000;
      await handleReport(start, tabId, settings, clock);
    }
  }
  clock += 600_000;
  return handleReport(r, tabId, settings, clock);
}

const report = playbackReport;

/** A log entry made by hand, created at `i`. */
const entry = (i: number, state: ScrobbleEntry['state'], viewingKey = `k${i}`): ScrobbleEntry => ({
  key: `v${i}:watched`,
  viewingKey,
  site: 'netflix',
  action: 'watched',
  media: { title: `T${i}` },
  state,
  attempts: 1,
  nextAttemptAt: 0,
  createdAt: i,
  updatedAt: i,
});

async function clear() {
  const database = await db();
  await Promise.all((['scrobbles', 'viewings', 'meta', 'secrets', 'settings'] as const).map((s) => database.clear(s)));
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
}

beforeEach(async () => {
  fakeBrowser.reset();
  await clear();
  clock = Date.now() - 24 * 60 * 60 * 1000;
  seen.clear();
});

describe('viewings to the outbox', () => {
  it('queues watching once and watched once, with a stable dedupe key per viewing', async () => {
    await fold(report({ reason: 'start' }), 1);
    expect(await queuedEntries()).toHaveLength(0);
    await fold(report({ position: 40, forwardSeconds: 40 }), 1);
    await fold(report({ position: 70, forwardSeconds: 70 }), 1);
    const afterWatching = await queuedEntries();
    expect(afterWatching.map((e) => e.action)).toEqual(['watching']);

    await fold(report({ position: 2500, forwardSeconds: 2500 }), 1);
    await fold(report({ reason: 'ended', state: 'ended', position: 3000, forwardSeconds: 3000 }), 1);
    const all = await queuedEntries();
    expect(all.map((e) => e.action).sort()).toEqual(['watched', 'watching']);
    const viewingId = afterWatching[0]?.key.split(':')[0];
    expect(all.map((e) => e.key).sort()).toEqual([`${viewingId}:watched`, `${viewingId}:watching`]);
    expect(await readTabViewing(1)).toMatchObject({ scrobbled: 'watched', progress: 1, media: EPISODE });
  });

  it('a reload (a new page, same episode) continues the viewing and never doubles watched', async () => {
    await fold(report({ position: 2600, forwardSeconds: 2600 }), 1);
    await fold(
      report({ segmentId: 'segment-bbbb-2', startPosition: 2600, position: 3000, forwardSeconds: 400, state: 'ended' }),
      1,
    );
    const entries = await queuedEntries();
    expect(entries.filter((e) => e.action === 'watched')).toHaveLength(1);
  });

  it('forward time adds up across pages of the same viewing', async () => {
    await fold(report({ position: 1200, forwardSeconds: 1200 }), 1);
    await fold(report({ segmentId: 'segment-bbbb-2', startPosition: 1200, position: 2500, forwardSeconds: 1300 }), 1);
    expect((await queuedEntries()).map((e) => e.action).sort()).toEqual(['watched', 'watching']);
  });

  it('concurrent reports still queue watched once', async () => {
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        fold(report({ segmentId: `segment-cccc-${i}`, position: 2900, forwardSeconds: 2900 }), i),
      ),
    );
    expect((await queuedEntries()).filter((e) => e.action === 'watched')).toHaveLength(1);
  });

  it("answers each report with when the page should report next, in that page's own counts", async () => {
    const first = await fold(report({ reason: 'start' }), 1);
    expect(first.next).toEqual({ forward: 30, position: 0 });
    // Watching goes; watched is due at 80 % of 3000 s, played and reached.
    const second = await fold(report({ position: 31, forwardSeconds: 31 }), 1);
    expect(second.next).toEqual({ forward: 2400, position: 2400 });
    // A reload: this page has counted 100 s, the viewing 1100 s, so 1300 s more are needed here.
    const reloaded = await fold(report({ position: 1000, forwardSeconds: 1000 }), 1).then(() =>
      fold(report({ segmentId: 'segment-bbbb-2', startPosition: 1000, position: 1100, forwardSeconds: 100 }), 1),
    );
    expect(reloaded.next).toEqual({ forward: 1400, position: 2400 });
    const done = await fold(
      report({ segmentId: 'segment-bbbb-2', startPosition: 1000, position: 2500, forwardSeconds: 1500 }),
      1,
    );
    expect(done.next).toBeNull();
  });

  it('an unidentified video is still told when a decision would be due, for a name given later', async () => {
    const answer = await fold(report({ media: null, position: 40, forwardSeconds: 40 }), 3);
    expect(answer.next).toEqual({ forward: 2400, position: 2400 });
  });

  it('an unidentified video queues nothing and tells the popup', async () => {
    await fold(report({ media: null, position: 2900, forwardSeconds: 2900 }), 3);
    expect(await queuedEntries()).toHaveLength(0);
    expect(await readTabViewing(3)).toMatchObject({ media: null, siteLabel: 'Netflix' });
  });
});

describe('sending', () => {
  async function connectedWithOneQueued(): Promise<ScrobbleEntry> {
    await writeCredential({ token: TOKEN, apiUrl: DEFAULT_API_URL });
    await connectionItem.write({ state: 'connected', account: { username: 'demo' } });
    await fold(report({ position: 2900, forwardSeconds: 2900, state: 'ended' }), 1);
    const watched = (await queuedEntries()).find((e) => e.action === 'watched');
    if (!watched) throw new Error('nothing queued');
    return watched;
  }

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

  it('a fix replaces a not-matched entry with one queued under a new key, and renames the viewing', async () => {
    await connectedWithOneQueued();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(200, { matched: false }));
    await flushOutbox();
    const [unmatched] = await recentEntries(1);
    if (!unmatched) throw new Error('no entry');
    const fixed = { title: 'Severance', year: 2022, mediaType: 'TV' as const, season: 2, episode: 5 };
    const next = await resendEntry(unmatched.key, fixed, 5_000);
    expect(next).toMatchObject({ state: 'queued', media: fixed, attempts: 0, createdAt: unmatched.createdAt });
    expect(next?.key).not.toBe(unmatched.key);
    const all = await recentEntries(10);
    expect(all).toHaveLength(2);
    expect(all.map((e) => e.key)).not.toContain(unmatched.key);
    expect((await readViewing(unmatched.viewingKey))?.media).toEqual(fixed);
    // A second fix of the same old entry finds nothing: never a duplicate.
    expect(await resendEntry(unmatched.key, fixed, 6_000)).toBeUndefined();
    // A fix of the fix gets yet another key, not a longer one.
    await updateEntry(next?.key ?? '', { state: 'unmatched' }, 7_000);
    const again = await resendEntry(next?.key ?? '', undefined, 8_000);
    expect(again?.key).toBe(`${unmatched.key}#r8000`);
  });

  it('a matched or queued entry cannot be resent', async () => {
    const watched = await connectedWithOneQueued();
    expect(await resendEntry(watched.key, undefined, 1)).toBeUndefined();
    expect(await queuedEntries()).toHaveLength(2);
  });

  it('summarises the log: sent, matched, not matched, failed, queued', async () => {
    await connectedWithOneQueued();
    let calls = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      calls++ === 0 ? answer(200, { matched: true, item: EPISODE }) : answer(200, { matched: false }),
    );
    await flushOutbox();
    expect(await resultsSummary()).toEqual({ sent: 2, matched: 1, unmatched: 1, failed: 0, queued: 0 });
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

describe('bounds', () => {
  it('never takes more than 60 request slots a minute, with a second to spare for the network', async () => {
    const start = 5_000_000;
    for (let i = 0; i < 60; i++) expect(await takeRequestSlot(start + i * 100)).toBe(0);
    const wait = await takeRequestSlot(start + 6_100);
    expect(wait).toBe(61_000 - 6_100);
    expect(await takeRequestSlot(start + 60_500)).toBeGreaterThan(0);
    expect(await takeRequestSlot(start + 61_001)).toBe(0);
  });

  it('backoff grows, has jitter and a ceiling', () => {
    expect(backoffMs(1, () => 0.5)).toBe(30_000);
    expect(backoffMs(3, () => 0.5)).toBe(120_000);
    expect(backoffMs(30, () => 0.5)).toBe(30 * 60_000);
    expect(backoffMs(1, () => 0)).toBe(24_000);
    expect(backoffMs(1, () => 1)).toBe(36_000);
  });

  it('prunes the oldest answered entries, never queued or failed ones', async () => {
    const database = await db();
    await database.put('scrobbles', entry(0, 'queued'));
    await database.put('scrobbles', entry(1, 'failed'));
    for (let i = 2; i < 10; i++) await database.put('scrobbles', entry(i, i % 2 ? 'matched' : 'unmatched'));
    expect(await pruneResults(5)).toBe(3);
    const keys = (await database.getAll('scrobbles')).map((e) => e.createdAt).sort((a, b) => a - b);
    expect(keys).toEqual([0, 1, 5, 6, 7, 8, 9]);
  });
});

describe('the stores stay bounded', () => {
  const viewing = (key: string, lastSeenAt: number): ViewingRecord => ({
    key,
    id: `id-${key}`,
    site: 'netflix',
    media: { title: key },
    segments: {},
    duration: 3000,
    position: 0,
    ended: false,
    watchingSent: false,
    watchedSent: false,
    firstSeenAt: lastSeenAt,
    lastSeenAt,
  });

  it('keeps the newest failed entries up to their cap', async () => {
    const database = await db();
    for (let i = 0; i < 12; i++) await database.put('scrobbles', entry(i, 'failed'));
    expect(await pruneResults(RESULTS_LIMIT, 10)).toBe(2);
    expect((await database.getAll('scrobbles')).map((e) => e.createdAt).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it('queues nothing new past the outbox cap', async () => {
    const database = await db();
    for (let i = 0; i < QUEUED_LIMIT; i++) await database.put('scrobbles', entry(i, 'queued'));
    const added = await saveViewingAndQueue(viewing('k-new', 1), [entry(QUEUED_LIMIT + 1, 'queued', 'k-new')]);
    expect(added).toEqual([]);
    expect(await database.count('scrobbles')).toBe(QUEUED_LIMIT);
  });

  it('forgets viewings past the gap and the least recently seen past the cap, never one with a scrobble queued', async () => {
    const database = await db();
    const now = 100 * VIEWING_GAP_MS;
    await database.put('viewings', viewing('old', now - VIEWING_GAP_MS - 1));
    await database.put('viewings', viewing('old-queued', now - VIEWING_GAP_MS - 1));
    await database.put('scrobbles', entry(1, 'queued', 'old-queued'));
    for (let i = 0; i < 8; i++) await database.put('viewings', viewing(`recent-${i}`, now - 1000 + i));
    expect(await pruneViewings(now, 5)).toBe(5);
    expect((await database.getAllKeys('viewings')).sort()).toEqual([
      'old-queued',
      'recent-4',
      'recent-5',
      'recent-6',
      'recent-7',
    ]);
  });

  it('a viewing is written only once it has played a little, and Scrobble now still works before that', async () => {
    await fold(report({ reason: 'start' }), 4);
    await fold(report({ position: 5, forwardSeconds: 5 }), 4);
    expect(await (await db()).count('viewings')).toBe(0);
    expect(await actOnTabViewing(4, 'scrobble-now')).toMatchObject({ ok: true });
    expect((await queuedEntries()).map((e) => e.action).sort()).toEqual(['watched', 'watching']);
    expect(await (await db()).count('viewings')).toBe(1);
  });

  it('clearing the log forgets past viewings, keeping what plays now and what is still queued', async () => {
    const database = await db();
    const now = Date.now();
    for (const key of ['past', 'playing', 'queued']) await database.put('viewings', viewing(key, now));
    await database.put('scrobbles', entry(1, 'queued', 'queued'));
    await database.put('scrobbles', entry(2, 'matched', 'past'));
    expect(await clearResults(new Set(['playing']))).toBe(1);
    expect((await database.getAllKeys('viewings')).sort()).toEqual(['playing', 'queued']);
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
