import type { BrowserContext, Page } from '@playwright/test';
import { contentScriptWorld, expect, serviceWorker, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, countWorkerMessages, settled, tabIdOf, waitForApplied } from '../support/scrobble';
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
  test.setTimeout(90_000);
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

  // Played to 15 %, then paused: past the rewrite's 5 % "watched", short of the person's 80 %.
  await play(page);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 0.15 * 310);
  await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watching' });
  await settled(context, standIn);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching']);
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

test('6,000 synthetic media events reach the worker as a handful of messages, and a flood of reports is refused past its budget while the popup is answered', async ({
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
  const video = (act: 'pause' | 'play') =>
    page.evaluate((act) => (document.querySelector('video') as HTMLVideoElement)[act](), act);

  // The counter sees what a person's pause sends.
  await video('pause');
  await expect.poll(received).toBeGreaterThan(0);
  await video('play');
  await expect.poll(received).toBeGreaterThan(1);
  const before = await received();

  // The page fires 6,000 pause/playing events at its own video; then a real pause, whose report
  // comes after anything the flood made the content script send.
  await page.evaluate(() => {
    const video = document.querySelector('video') as HTMLVideoElement;
    for (let i = 0; i < 3_000; i += 1) {
      video.dispatchEvent(new Event('pause'));
      video.dispatchEvent(new Event('playing'));
    }
  });
  await video('pause');
  await expect.poll(received).toBeGreaterThan(before);
  // The flood and the pause together: a handful of messages, not thousands.
  expect((await received()) - before).toBeLessThanOrEqual(3);

  // A compromised content script sends 6,000 reports itself, while the popup asks for something
  // that waits its turn behind them (Don't scrobble this).
  const tabId = await tabIdOf(context, 'Severance');
  const popup = await openPopup();
  const inContentScript = await contentScriptWorld(context, page);
  await inContentScript(`(() => {
    const started = performance.now();
    globalThis.__flood = Promise.all(Array.from({ length: 6000 }, (_, i) =>
      chrome.runtime.sendMessage({
        type: 'playback/report', site: 'netflix', contentId: '81434460', segmentId: 'flood-segment-' + (i % 500),
        media: { title: 'Severance', season: 2, episode: 5 }, reason: 'sample', position: 10, duration: 310,
        startPosition: 0, forwardSeconds: 1, state: 'playing',
      }).then((answer) => answer !== undefined, () => false),
    )).then((answered) => ({ answered: answered.filter(Boolean).length, seconds: (performance.now() - started) / 1000 }));
    return true;
  })()`);
  const answer = await popup.evaluate(async (id) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: object) => Promise<unknown> } } }).chrome
      .runtime;
    return runtime.sendMessage({ type: 'viewing/act', tabId: id, act: 'ignore' });
  }, tabId);
  expect(answer).toEqual({ ok: true });
  // The worker took up only what the tab's budget allows (a burst of 30, then 2 a second) and
  // answered the rest with silence, before parsing them: some were taken, the counter works.
  const flood = (await inContentScript('globalThis.__flood')) as { answered: number; seconds: number };
  expect(flood.answered).toBeGreaterThan(0);
  expect(flood.answered).toBeLessThanOrEqual(30 + Math.ceil(2 * flood.seconds) + 1);
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
  await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
  await settled(context, standIn);
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
  await settled(context, standIn);
  expect(standIn.received()).toEqual([]);
  expect((await storeCounts(context)).scrobbles).toBe(0);
});

test('a forged burst from the content script across 200 viewings gets no more watched than real play at 16×', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(90_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openEpisode(context);
  const inContentScript = await contentScriptWorld(context, page);
  // 200 five-minute "films", each started, then 20 s later each claimed to have been played to its end.
  // One after another, each answered before the next: under the bound on reports waiting their turn.
  const burst = (reason: 'start' | 'ended') => `(async () => {
    for (let i = 0; i < 200; i += 1) {
      await chrome.runtime.sendMessage({
        type: 'playback/report', site: 'netflix', contentId: String(90100000 + i),
        segmentId: 'forged-burst-' + String(i).padStart(4, '0'), media: { title: 'Forged ' + i, mediaType: 'MOVIE' },
        reason: '${reason}', position: ${reason === 'start' ? 0 : 300}, duration: 300, startPosition: 0,
        forwardSeconds: ${reason === 'start' ? 0 : 300}, state: '${reason === 'start' ? 'playing' : 'ended'}',
      });
    }
    return 'sent';
  })()`;
  await inContentScript(burst('start'));
  await page.waitForTimeout(20_000);
  await inContentScript(burst('ended'));
  await settled(context, standIn);
  // 20 s at 16× is 320 s of play: the 80 % of one 300-s film, not two, let alone 200.
  expect(applied(standIn, { action: 'watched' }).length).toBeLessThanOrEqual(1);
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
