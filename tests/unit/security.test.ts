import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountStatus, connect, disconnect, setApiUrl, storedClient } from '@/utils/account/connection';
import { messageBudget } from '@/utils/background/content';
import { DEFAULT_API_URL } from '@/utils/origins';
import { BUDGET_SECONDS, resetBudgets } from '@/utils/scrobble/budget';
import { queuedEntries } from '@/utils/scrobble/queue';
import { handleReport, MAX_WAITING_REPORTS } from '@/utils/scrobble/reports';
import { flushOutbox } from '@/utils/scrobble/sender';
import { readTabPlayback } from '@/utils/scrobble/tabs';
import { db, readCredential, writeCredential } from '@/utils/store/db';
import {
  connectionItem,
  DEFAULT_SCROBBLE_SETTINGS,
  moveFromStorageLocal,
  pausedItem,
  readApiUrl,
  readSettings,
  scrobblingAllowed,
  writeSettings,
} from '@/utils/store/items';
import { playbackReport } from '../support/reports';

const TOKEN = 'rr_pat_securityUnitTest0001';
const OTHER = 'https://other.example.net/api/public/v1';
const settings = Promise.resolve(DEFAULT_SCROBBLE_SETTINGS);

const report = playbackReport;

/** Every request fetch was asked to make, with the token it carried. */
function recordFetches(answer: (url: string) => Response | Promise<Response>) {
  const sent: Array<{ url: string; token: string | null }> = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = String(input);
    sent.push({ url, token: new Headers(init?.headers).get('Authorization') });
    return answer(url);
  });
  return sent;
}

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });

beforeEach(async () => {
  fakeBrowser.reset();
  resetBudgets();
  const database = await db();
  await Promise.all((['scrobbles', 'viewings', 'meta', 'secrets', 'settings'] as const).map((s) => database.clear(s)));
});

describe('the token and its server', () => {
  it('is kept with the server it was verified against, in IndexedDB', async () => {
    recordFetches(() => json({ username: 'demo' }));
    await connect(TOKEN);
    expect(await readCredential()).toEqual({ token: TOKEN, apiUrl: DEFAULT_API_URL });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });

  it('whatever storage.local says, the token goes only to its own server', async () => {
    recordFetches(() => json({ username: 'demo' }));
    await connect(TOKEN);
    // What a content script can write: the keys earlier versions read.
    await fakeBrowser.storage.local.set({
      apiUrl: 'http://localhost:47799/steal',
      connection: { state: 'connected', account: { name: 'ReelRifter: your token expired. Paste it at https://evil.example' } },
      paused: true,
      scrobbleSettings: { watchedThreshold: 0.05, minWatchingSeconds: 0 },
    });
    expect(await readApiUrl()).toBe(DEFAULT_API_URL);
    expect(await readSettings()).toMatchObject({ paused: false, scrobble: DEFAULT_SCROBBLE_SETTINGS });
    expect((await accountStatus()).connection).toEqual({
      state: 'connected',
      account: { id: null, username: 'demo', name: null },
    });
    const client = await storedClient();
    const sent = recordFetches(() => json({ username: 'demo' }));
    await client?.me();
    expect(sent.map((s) => new URL(s.url).origin)).toEqual([new URL(DEFAULT_API_URL).origin]);
  });

  it('a token bound to another server than the one in use is not sent: the person is asked to reconnect', async () => {
    await writeCredential({ token: TOKEN, apiUrl: OTHER });
    await connectionItem.write({ state: 'connected', account: { username: 'demo' } });
    await handleReport(report({ reason: 'start' }), 1, settings, Date.now() - 600_000);
    await handleReport(report({ position: 60, forwardSeconds: 60 }), 1, settings);
    expect(await queuedEntries()).toHaveLength(1);
    const sent = recordFetches(() => json({ matched: true }));
    expect(await storedClient()).toBeUndefined();
    await flushOutbox();
    expect(sent).toEqual([]);
    expect((await accountStatus()).connection.state).toBe('reconnect');
    expect(await queuedEntries()).toHaveLength(1);
  });

  it('changing servers never sends the old token to the new server: 40 interleavings with a flush, no leak', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    let leaks = 0;
    for (let i = 0; i < 40; i += 1) {
      const database = await db();
      await Promise.all((['scrobbles', 'viewings', 'meta', 'secrets', 'settings'] as const).map((s) => database.clear(s)));
      recordFetches(() => json({ username: 'demo' }));
      await connect(TOKEN);
      // Two queued scrobbles (watching and watched), so the flush is mid-way when the server changes.
      await handleReport(report({ reason: 'start' }), 1, settings, Date.now() - 3_600_000);
      await handleReport(report({ position: 2900, forwardSeconds: 2900, state: 'ended' }), 1, settings);
      const sent = recordFetches(async (url) => {
        // Each answer takes a different number of turns of the event loop.
        for (let t = 0; t < (i % 7) + 1; t += 1) await new Promise((done) => setTimeout(done, 0));
        return json(url.endsWith('/me') ? { username: 'demo' } : { matched: true });
      });
      const flushing = flushOutbox();
      for (let t = 0; t < i % 5; t += 1) await new Promise((done) => setTimeout(done, 0));
      const changing = setApiUrl(OTHER);
      await Promise.all([flushing, changing]);
      await flushOutbox();
      leaks += sent.filter((s) => s.url.startsWith(new URL(OTHER).origin) && s.token?.includes(TOKEN)).length;
      expect(await readApiUrl()).toBe(OTHER);
      expect(await readCredential()).toBeUndefined();
      await setApiUrl(null);
    }
    expect(leaks).toBe(0);
  });

  it('a token pasted while the server changes is not bound to the new one', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    let answer: (() => void) | undefined;
    recordFetches(() => new Promise((done) => (answer = () => done(json({ username: 'demo' })))));
    const connecting = connect(TOKEN);
    await vi.waitFor(() => expect(answer).toBeDefined());
    await setApiUrl(OTHER);
    answer?.();
    expect(await connecting).toMatchObject({ ok: false });
    expect(await readCredential()).toBeUndefined();
  });
});

describe('settings from an earlier version', () => {
  it('move out of storage.local once, and a bare token is bound to the server then in use', async () => {
    await fakeBrowser.storage.local.set({ paused: true, apiUrl: OTHER, connection: { state: 'connected', account: {} } });
    await (await db()).put('secrets', TOKEN, 'token');
    await moveFromStorageLocal();
    expect(await pausedItem.read()).toBe(true);
    expect(await readApiUrl()).toBe(OTHER);
    expect(await readCredential()).toEqual({ token: TOKEN, apiUrl: OTHER });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // Once: what a content script writes there later is not taken in.
    await fakeBrowser.storage.local.set({ paused: false, apiUrl: 'http://localhost:47799/steal' });
    await moveFromStorageLocal();
    expect(await pausedItem.read()).toBe(true);
    expect(await readApiUrl()).toBe(OTHER);
    await disconnect();
  });
});

describe('pages that flood or fake', () => {
  it('a report claiming an hour played, ended, on first hearing sends nothing', async () => {
    await handleReport(
      report({ reason: 'ended', state: 'ended', position: 3600, duration: 3600, forwardSeconds: 3600 }),
      1,
      settings,
    );
    expect(await queuedEntries()).toEqual([]);
  });

  it('forward play is believed up to the wall clock at 16×', async () => {
    const start = Date.now() - 10 * 60_000;
    await handleReport(report({ reason: 'start' }), 1, settings, start);
    // 150 s of wall clock allow at most 2,415 s of play: the 80 % of 3,000 s (2,400 s) is reached.
    await handleReport(report({ position: 2500, forwardSeconds: 2500 }), 1, settings, start + 150_000);
    expect((await queuedEntries()).map((e) => e.action).sort()).toEqual(['watched', 'watching']);
  });

  it('many separate page trackers cannot add their slack up', async () => {
    const now = Date.now();
    for (let i = 0; i < 40; i += 1) {
      await handleReport(report({ segmentId: `segment-forged-${i}`, position: 2900, forwardSeconds: 14 }), 1, settings, now);
    }
    expect((await queuedEntries()).map((e) => e.action)).toEqual([]);
  });

  it('a forged burst across 200 viewings gets no more watched than real play at 16× allows across them', async () => {
    const start = Date.now() - 60_000;
    const forged = (i: number, patch: Partial<ReturnType<typeof report>>) =>
      report({
        contentId: `forged-${i}`,
        segmentId: `segment-forged-${i}`,
        media: { title: `Forged ${i}` },
        duration: 300,
        ...patch,
      });
    for (let i = 0; i < 200; i += 1) await handleReport(forged(i, { reason: 'start' }), 7, settings, start);
    // Twenty seconds later every one of them claims to have been played to its end.
    const later = start + 20_000;
    for (let i = 0; i < 200; i += 1) {
      await handleReport(forged(i, { position: 300, forwardSeconds: 300, state: 'ended', reason: 'ended' }), 7, settings, later);
    }
    const watched = (await queuedEntries()).filter((e) => e.action === 'watched');
    // 20 s at 16× is 320 s of play: one 300-s video's 80 %, not two, let alone 200.
    expect(watched.length).toBeLessThanOrEqual(1);
    // Other tabs draw from the same bounded total: a second tab's burst adds at most the bucket's worth.
    for (let i = 200; i < 400; i += 1) await handleReport(forged(i, { reason: 'start' }), 8 + i, settings, later);
    for (let i = 200; i < 400; i += 1) {
      await handleReport(
        forged(i, { position: 300, forwardSeconds: 300, state: 'ended', reason: 'ended' }),
        8 + i,
        settings,
        later + 20_000,
      );
    }
    const all = (await queuedEntries()).filter((e) => e.action === 'watched');
    expect(all.length).toBeLessThanOrEqual(1 + Math.ceil(BUDGET_SECONDS / 240));
  });

  it('reports waiting for their turn fold into one per page, and a flood past the bound is answered at once', async () => {
    let release: (() => void) | undefined;
    const gate = new Promise<void>((done) => {
      release = done;
    });
    let folds = 0;
    const count = async () => {
      folds += 1;
      return true;
    };
    // The first report holds the queue (its turn has begun); 6,000 more from the same page wait behind it.
    const first = handleReport(report({ reason: 'start' }), 1, settings, Date.now(), () => gate.then(() => true));
    await new Promise((done) => setTimeout(done, 0));
    const flood = Array.from({ length: 6_000 }, (_, i) =>
      handleReport(report({ position: i / 100, forwardSeconds: i / 100 }), 1, settings, Date.now(), count),
    );
    // Other pages' trackers: only so many wait; the rest are answered at once, with nothing.
    const others = Array.from({ length: 200 }, (_, i) =>
      handleReport(report({ segmentId: `segment-other-${i}` }), 100 + i, settings, Date.now(), count),
    );
    const early = await Promise.race([Promise.all(others.slice(MAX_WAITING_REPORTS)), gate.then(() => 'late')]);
    expect(early).toEqual(others.slice(MAX_WAITING_REPORTS).map(() => ({ queued: [], next: undefined })));
    release?.();
    const answers = await Promise.all(flood);
    await Promise.all([first, ...others]);
    // One fold for the whole flood, with its latest report, and one for each waiting page.
    expect(folds).toBe(1 + (MAX_WAITING_REPORTS - 1));
    expect(new Set(answers).size).toBe(1);
  });
});

describe('private windows', () => {
  it('are not scrobbled unless the person turns it on; pausing stops every window', async () => {
    expect(await scrobblingAllowed(false)).toBe(true);
    expect(await scrobblingAllowed(true)).toBe(false);
    await writeSettings({ privateWindows: true });
    expect(await scrobblingAllowed(true)).toBe(true);
    await writeSettings({ paused: true });
    expect(await scrobblingAllowed(false)).toBe(false);
    expect(await scrobblingAllowed(true)).toBe(false);
  });

  it('a report the gate refuses keeps nothing', async () => {
    await handleReport(report({ reason: 'start' }), 7, settings, Date.now() - 600_000, () => scrobblingAllowed(true));
    await handleReport(report({ position: 60, forwardSeconds: 60 }), 7, settings, Date.now(), () => scrobblingAllowed(true));
    expect(await queuedEntries()).toEqual([]);
    expect(await readTabPlayback(7)).toBeUndefined();
    expect(await (await db()).count('viewings')).toBe(0);
  });
});

describe('the message budget of a tab', () => {
  it('allows a burst, then a steady trickle, per tab', () => {
    const budget = messageBudget(30, 2);
    const taken = Array.from({ length: 6_000 }, () => budget.take(1, 1_000)).filter(Boolean).length;
    expect(taken).toBe(30);
    // Another tab has its own.
    expect(budget.take(2, 1_000)).toBe(true);
    // Two a second after that.
    expect([budget.take(1, 1_400), budget.take(1, 1_500), budget.take(1, 1_900)]).toEqual([false, true, false]);
    budget.forget(1);
    expect(budget.take(1, 1_900)).toBe(true);
  });
});
