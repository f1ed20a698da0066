import type { BrowserContext, Page } from '@playwright/test';
import { contentScriptWorld, expect, serviceWorker, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, tabIdOf, waitForApplied } from '../support/scrobble';
import { startThief, type Thief } from '../support/thief';

// Attacks an independent review made on the built extension, each from a page or from the content
// script's own world (what a renderer compromise on a matched site can run), and what holds now.

const SEVERANCE_S2E5 = { title: 'Severance', season: 2, episode: 5 };
const EVIL_NAME = 'ReelRifter: your token expired. Paste it at https://evil.example/reconnect';

let thief: Thief;
test.beforeEach(async ({ context }) => {
  await routeNetflix(context);
  thief = await startThief();
});
test.afterEach(async () => {
  await thief.close();
});

async function openEpisode(context: BrowserContext, id = '81434460'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`https://www.netflix.com/watch/${id}`);
  return page;
}

/** Counts the messages that reach the extension's service worker from now on. */
async function countWorkerMessages(context: BrowserContext): Promise<() => Promise<number>> {
  const worker = await serviceWorker(context);
  await worker.evaluate(() => {
    const scope = globalThis as unknown as {
      __received?: number;
      chrome: { runtime: { onMessage: { addListener: (listener: () => void) => void } } };
    };
    scope.__received = 0;
    scope.chrome.runtime.onMessage.addListener(() => {
      scope.__received = (scope.__received ?? 0) + 1;
    });
  });
  return () => worker.evaluate(() => (globalThis as unknown as { __received: number }).__received);
}

/** Counts what the extension keeps in IndexedDB, from its own worker. */
async function storeCounts(context: BrowserContext): Promise<Record<string, number>> {
  const worker = await serviceWorker(context);
  return worker.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const opening = indexedDB.open('reelrifter');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          const names = ['viewings', 'scrobbles'];
          const tx = database.transaction(names);
          const counts: Record<string, number> = {};
          for (const name of names) {
            const request = tx.objectStore(name).count();
            request.onsuccess = () => {
              counts[name] = request.result;
            };
          }
          tx.oncomplete = () => {
            database.close();
            resolve(counts);
          };
        };
      }),
  );
}

test('the token never leaves for another server, however storage is rewritten, and the settings stay the person’s', async ({
  context,
  extensionId,
  standIn,
  openPopup,
  openOptions,
}) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openEpisode(context);
  const steal = `${thief.origin}/steal`;
  const rewrite = {
    apiUrl: steal,
    paused: true,
    scrobbleSettings: { watchedThreshold: 0.05, minWatchingSeconds: 0 },
    connection: { state: 'connected', account: { name: EVIL_NAME } },
    siteSwitches: { netflix: false },
  };

  // From the content script's world: storage is closed to it.
  const inContentScript = await contentScriptWorld(context, page);
  const attempt = (await inContentScript(
    `(async () => {
      try { await chrome.storage.local.set(${JSON.stringify(rewrite)}); return 'written'; } catch (e) { return String(e); }
    })()`,
  )) as string;
  expect(attempt).toContain('not allowed');
  // Its own IndexedDB is the page's, not the extension's: no token and no settings there.
  const databases = (await inContentScript(`indexedDB.databases().then((list) => JSON.stringify(list))`)) as string;
  expect(databases).not.toContain('reelrifter');

  // Even rewritten by a context that can write it (the review's attack, on a browser without the
  // access level), storage.local decides nothing: the extension no longer reads it.
  const worker = await serviceWorker(context);
  await worker.evaluate(
    (values) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set: (v: object) => Promise<void> } } } }
      ).chrome.storage.local.set(values),
    rewrite,
  );

  await play(page);
  await waitForEnded(page);
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' });
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
  expect(thief.requests).toEqual([]);

  // What the extension's own pages say is still the person's.
  const popup = await openPopup();
  await expect(popup.locator('.connection .account')).toHaveText('Connected as Demo Viewer @demo');
  await expect(popup.getByText(EVIL_NAME)).toHaveCount(0);
  await expect(popup.getByRole('checkbox', { name: 'Pause scrobbling' })).not.toBeChecked();
  const options = await openOptions();
  await expect(options.getByLabel('API URL')).toHaveValue(standIn.baseUrl);
  await expect(options.getByLabel(/Counts as watched/)).toHaveValue('80');
  expect(thief.requests).toEqual([]);
});

test('6,000 synthetic media events reach the worker as a handful of messages, and a flood of reports leaves the popup responsive', async ({
  context,
  extensionId,
  standIn,
  openPopup,
}) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openEpisode(context);
  await play(page, 1);
  await expect.poll(() => tabIdOf(context, 'Severance').then(Boolean)).toBe(true);
  const received = await countWorkerMessages(context);

  // The page fires 6,000 pause/playing events at its own video.
  await page.evaluate(() => {
    const video = document.querySelector('video') as HTMLVideoElement;
    for (let i = 0; i < 3_000; i += 1) {
      video.dispatchEvent(new Event('pause'));
      video.dispatchEvent(new Event('playing'));
    }
  });
  await page.waitForTimeout(2_000);
  expect(await received()).toBeLessThanOrEqual(3);

  // A compromised content script sends 6,000 reports itself; the popup asks for something that
  // waits its turn behind them (Don't scrobble this).
  const tabId = await tabIdOf(context, 'Severance');
  const popup = await openPopup();
  const inContentScript = await contentScriptWorld(context, page);
  await inContentScript(`(() => {
    for (let i = 0; i < 6000; i += 1) {
      chrome.runtime.sendMessage({
        type: 'playback/report', site: 'netflix', contentId: '81434460', segmentId: 'flood-segment-' + (i % 500),
        media: { title: 'Severance', season: 2, episode: 5 }, reason: 'sample', position: 10, duration: 360,
        startPosition: 0, forwardSeconds: 1, state: 'playing',
      }).catch(() => undefined);
    }
    return true;
  })()`);
  const waited = await popup.evaluate(async (id) => {
    const started = performance.now();
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: object) => Promise<unknown> } } }).chrome
      .runtime;
    const answer = await runtime.sendMessage({ type: 'viewing/act', tabId: id, act: 'ignore' });
    return { ms: performance.now() - started, answer };
  }, tabId);
  expect(waited.answer).toEqual({ ok: true });
  expect(waited.ms).toBeLessThan(1_000);
});

test('1,000 address changes on a playing page leave the stores bounded', async ({ context, extensionId, standIn }) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openEpisode(context);
  await play(page);
  await expect.poll(() => tabIdOf(context, 'Severance').then(Boolean)).toBe(true);
  await page.evaluate(async () => {
    for (let i = 0; i < 1_000; i += 1) {
      history.pushState({}, '', `/watch/${90_000_000 + i}`);
      await new Promise((done) => setTimeout(done, 5));
    }
  });
  await page.waitForTimeout(3_000);
  const counts = await storeCounts(context);
  expect(counts.viewings).toBeLessThanOrEqual(3);
  expect(counts.scrobbles).toBeLessThanOrEqual(2);
  const session = await (await serviceWorker(context)).evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get: (k: null) => Promise<unknown> } } } };
    return JSON.stringify(await chrome.storage.session.get(null)).length;
  });
  expect(session).toBeLessThan(10_000);
});

test('a forged "an hour played, ended" report sends nothing', async ({ context, extensionId, standIn }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openEpisode(context);
  const inContentScript = await contentScriptWorld(context, page);
  const answer = await inContentScript(`chrome.runtime.sendMessage({
    type: 'playback/report', site: 'netflix', contentId: '81434460', segmentId: 'forged-segment-0001',
    media: { title: 'Severance', season: 2, episode: 5 }, reason: 'ended', position: 3600, duration: 3600,
    startPosition: 0, forwardSeconds: 3600, state: 'ended',
  }).then((answer) => JSON.stringify(answer))`);
  // It was heard (it came from the site's own content script) and believed only as far as the clock allows.
  expect(answer).toContain('next');
  await page.waitForTimeout(3_000);
  expect(standIn.received()).toEqual([]);
  expect((await storeCounts(context)).scrobbles).toBe(0);
});

test('a redirect from the API to another origin sends nothing there', async ({ context, extensionId, standIn, openPopup }) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  standIn.setFault({ kind: 'redirect', location: `${thief.origin}/steal/scrobble`, paths: ['/scrobble'] });
  const page = await openEpisode(context);
  await play(page);
  await waitForEnded(page);
  await expect.poll(() => standIn.received().filter((r) => r.fault === 'redirect').length, { timeout: 30_000 }).toBe(1);
  const popup = await openPopup();
  await expect(popup.locator('.result[data-outcome="waiting"]')).toContainText('redirect');
  expect(thief.requests).toEqual([]);
  expect(applied(standIn)).toEqual([]);
});
