/**
 * The outbox under an outage, in real Chromium with the built extension: 1,000 scrobbles (500
 * episodes, each a watching and a watched) are queued while the stand-in is closed (connection
 * refused); then it comes back on the same port. Prints the enqueue latency (p50/p95), the
 * delivery time and the busiest minute the server saw; exits non-zero when a scrobble is lost or
 * applied twice, or when the server sees more than 60 requests in any 60 s. `npm run bench:outbox`
 * (`OUTBOX_COUNT=60` for a short run; the 60-a-minute ceiling makes 1,000 take about 17 minutes).
 *
 * Enqueue latency is from the content script's `chrome.runtime.sendMessage` of a playback report to
 * the moment the viewing and its scrobbles are committed to IndexedDB, as an extension page polling
 * the `reelrifter` database sees it. The background never answers a report (its listener returns
 * nothing and queues in the background), so the message round trip would not include the enqueue.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { CATALOGUE } from '../server/catalogue';
import { type ReceivedScrobble, type StandIn, startStandIn } from '../server/standin';
import { routeNetflix } from '../tests/support/netflix';
import { applied, bodyOf } from '../tests/support/scrobble';
import { withinBudget } from './budget';
import {
  benchBrowser,
  buildForBench,
  connect,
  contentScriptWorld,
  extensionIdOf,
  maxInWindow,
  percentile,
  shortestSpan,
  sleep,
  waitForSiteScripts,
} from './support';

const PORT = 47_802;
/** Scrobbles to queue: two per viewing (watching and watched). */
const COUNT = Number(process.env.OUTBOX_COUNT ?? 1_000);
const VIEWINGS = Math.ceil(COUNT / 2);
const RATE_BUDGET = 60;
const WINDOW_MS = 60_000;
/** How long the server stays down after the last scrobble is queued. */
const DOWN_AFTER_LAST_MS = 5_000;
/** The ceiling alone takes COUNT / 60 minutes; the rest is slack for the retry backoff. */
const DELIVERY_TIMEOUT_MS = (Math.ceil(COUNT / RATE_BUDGET) + 10) * 60_000;
const ENQUEUE_TIMEOUT_MS = 30_000;

interface Episode {
  title: string;
  year: number;
  mediaType: 'TV';
  season: number;
  episode: number;
}

/** Distinct episodes the stand-in's catalogue matches, so every body names exactly one viewing. */
function episodes(count: number): Episode[] {
  const out: Episode[] = [];
  for (const entry of CATALOGUE) {
    if (entry.mediaType !== 'TV') continue;
    (entry.seasons ?? []).forEach((episodesInSeason, s) => {
      for (let e = 1; e <= episodesInSeason; e++)
        out.push({ title: entry.title, year: entry.year, mediaType: 'TV', season: s + 1, episode: e });
    });
  }
  if (out.length < count) throw new Error(`the catalogue has only ${out.length} episodes; ${count} wanted`);
  return out.slice(0, count);
}

const identity = (b: { title?: string; year?: number; season?: number; episode?: number; action?: string }) =>
  `${b.title}|${b.year}|${b.season}|${b.episode}|${b.action}`;

/** What a content script sends when an episode it followed from the start ends. */
function endedReport(contentId: string, media: Episode, n: number) {
  const duration = 2_700;
  return {
    type: 'playback/report',
    site: 'netflix',
    contentId,
    segmentId: `bench-segment-${String(n).padStart(6, '0')}`,
    media,
    reason: 'ended',
    position: duration,
    duration,
    startPosition: 0,
    forwardSeconds: duration,
    state: 'ended',
  };
}

// In-page code as strings: tsx would wrap named inner functions in a helper the page lacks.
const OBSERVER = `(() => {
  const watches = new Map();
  let opening;
  const open = () => (opening ??= new Promise((ok, fail) => {
    const request = indexedDB.open('reelrifter');
    request.onsuccess = () => ok(request.result);
    request.onerror = () => fail(request.error);
  }));
  const get = (db, store, key) => new Promise((ok, fail) => {
    const request = db.transaction(store).objectStore(store).get(key);
    request.onsuccess = () => ok(request.result);
    request.onerror = () => fail(request.error);
  });
  // Polls back to back (no timers, which clamp to 4 ms) until the viewing is committed with its watched.
  globalThis.rrWatch = async (key) => {
    const db = await open();
    let stop = false;
    const seen = (async () => {
      while (!stop) {
        const viewing = await get(db, 'viewings', key);
        if (viewing?.watchedSent) return { at: Date.now(), id: viewing.id };
      }
      return null;
    })();
    watches.set(key, { seen, cancel: () => { stop = true; } });
  };
  globalThis.rrSeen = async (key, timeout) => {
    const watch = watches.get(key);
    watches.delete(key);
    const timer = setTimeout(watch.cancel, timeout);
    const found = await watch.seen;
    clearTimeout(timer);
    if (!found) return null;
    const db = await open();
    const entries = [await get(db, 'scrobbles', found.id + ':watching'), await get(db, 'scrobbles', found.id + ':watched')];
    return { at: found.at, queued: entries.filter((e) => e).length };
  };
  globalThis.rrSummary = async () => {
    const db = await open();
    const all = await new Promise((ok, fail) => {
      const request = db.transaction('scrobbles').objectStore('scrobbles').getAll();
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    const states = {};
    let attempts = 0;
    let maxAttempts = 0;
    for (const entry of all) {
      states[entry.state] = (states[entry.state] ?? 0) + 1;
      attempts += entry.attempts;
      maxAttempts = Math.max(maxAttempts, entry.attempts);
    }
    return { total: all.length, states, attempts, maxAttempts };
  };
})()`;

interface Summary {
  total: number;
  states: Record<string, number>;
  attempts: number;
  maxAttempts: number;
}

async function observerPage(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.evaluate(OBSERVER);
  return page;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sinceRestart = (ms: number) => `${seconds(Math.abs(ms))} ${ms < 0 ? 'before' : 'after'} the restart`;
const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(1)} s`;

const benchStart = Date.now();
const extensionDir = buildForBench('outbox', PORT);
let standIn: StandIn = await startStandIn({ port: PORT });
const { context, close } = await benchBrowser(extensionDir);
let serverUp = true;
const workerStarts: number[] = [];
const workerErrors: string[] = [];
context.on('serviceworker', (worker) => {
  workerStarts.push(Date.now());
  worker.on('console', (message) => {
    if (message.type() === 'error') workerErrors.push(message.text());
  });
});

try {
  const id = await extensionIdOf(context);
  await waitForSiteScripts(context);
  await routeNetflix(context);
  await connect(context, id, standIn.mintToken());
  const state = standIn.state;
  await standIn.close();
  serverUp = false;
  const downAt = Date.now();

  const watchPage = await context.newPage();
  await watchPage.goto('https://www.netflix.com/watch/81434460');
  const contentScript = await contentScriptWorld(context, watchPage);
  const observer = await observerPage(context, id);

  // ------------------------------------------------------------ queue while the server is down
  const plan = episodes(VIEWINGS);
  const latencies: number[] = [];
  const expected = new Set<string>();
  let lost = 0;
  let short = 0;
  const enqueueStart = Date.now();
  for (const [n, media] of plan.entries()) {
    const contentId = String(90_000_000 + n);
    const key = ['netflix', contentId, media.season, media.episode].join('|');
    expected.add(identity({ ...media, action: 'watching' }));
    expected.add(identity({ ...media, action: 'watched' }));
    await observer.evaluate((k) => (globalThis as unknown as { rrWatch: (k: string) => Promise<void> }).rrWatch(k), key);
    const sentAt = (await contentScript(`(() => {
      const sentAt = Date.now();
      chrome.runtime.sendMessage(${JSON.stringify(endedReport(contentId, media, n))}).catch(() => {});
      return sentAt;
    })()`)) as number;
    const seen = await observer.evaluate(
      ([k, t]) =>
        (globalThis as unknown as { rrSeen: (k: string, t: number) => Promise<{ at: number; queued: number } | null> }).rrSeen(
          k,
          t,
        ),
      [key, ENQUEUE_TIMEOUT_MS] as const,
    );
    if (!seen) {
      lost += 1;
      continue;
    }
    if (seen.queued !== 2) short += 1;
    latencies.push(seen.at - sentAt);
  }
  const enqueueEnd = Date.now();
  const queuedSummary = (await observer.evaluate('rrSummary()')) as Summary;
  await observer.close();
  await watchPage.close();

  console.log(`outbox: ${plan.length} viewings (watching + watched each) reported by a Netflix content script, server down`);
  console.log(
    `  queued:            ${queuedSummary.states.queued ?? 0} scrobbles in ${seconds(enqueueEnd - enqueueStart)}` +
      (lost || short ? `   (${lost} reports never queued, ${short} queued without both scrobbles)` : ''),
  );
  console.log(
    `  enqueue latency:   p50 ${percentile(latencies, 50).toFixed(1)} ms   p95 ${percentile(latencies, 95).toFixed(1)} ms` +
      `   max ${Math.max(...latencies).toFixed(0)} ms   (report sent → committed to IndexedDB, ${latencies.length} reports)`,
  );

  // ------------------------------------------------------------ the server comes back
  await sleep(DOWN_AFTER_LAST_MS);
  standIn = await startStandIn({ port: PORT, state });
  serverUp = true;
  const backAt = Date.now();
  console.log(`  server down:       ${seconds(backAt - downAt)} (back ${seconds(DOWN_AFTER_LAST_MS)} after the last report)`);

  const firstApplied = new Map<string, number>();
  const progress = () => {
    for (const r of standIn.received()) {
      if (r.status !== 200 || r.replayed || r.fault) continue;
      const k = identity(bodyOf(r));
      if (expected.has(k) && !firstApplied.has(k)) firstApplied.set(k, Date.parse(r.at));
    }
    return firstApplied.size;
  };
  let lastReport = backAt;
  while (progress() < expected.size && Date.now() - backAt < DELIVERY_TIMEOUT_MS) {
    if (Date.now() - lastReport >= 60_000) {
      lastReport = Date.now();
      console.log(`    +${minutes(lastReport - backAt)}: ${firstApplied.size}/${expected.size} delivered`);
    }
    await sleep(1_000);
  }
  // Anything still in flight (a resend, a late duplicate) has time to arrive before the counting.
  await sleep(5_000);
  progress();

  // ------------------------------------------------------------ what the server saw
  const received = standIn.received();
  const appliedBodies = applied(standIn);
  const appliedCount = new Map<string, number>();
  for (const body of appliedBodies) appliedCount.set(identity(body), (appliedCount.get(identity(body)) ?? 0) + 1);
  const doubled = [...appliedCount].filter(([, n]) => n > 1);
  const keysPerScrobble = new Map<string, Set<string | null>>();
  for (const r of received) {
    const k = identity(bodyOf(r));
    keysPerScrobble.set(k, (keysPerScrobble.get(k) ?? new Set()).add(r.idempotencyKey));
  }
  const manyKeys = [...keysPerScrobble].filter(([, keys]) => keys.size > 1);
  const appliedPerKey = new Map<string | null, number>();
  for (const r of received.filter((r) => r.status === 200 && !r.replayed && !r.fault))
    appliedPerKey.set(r.idempotencyKey, (appliedPerKey.get(r.idempotencyKey) ?? 0) + 1);
  const keysAppliedTwice = [...appliedPerKey].filter(([, n]) => n > 1);
  const replayed = received.filter((r) => r.replayed).length;
  const notOk = received.filter((r) => r.status !== 200);
  const unexpected = [...appliedCount.keys()].filter((k) => !expected.has(k));
  const missing = [...expected].filter((k) => !firstApplied.has(k));
  const matched = received.filter((r) => !r.replayed && (r.response as { matched?: boolean } | null)?.matched === true).length;

  const times = standIn.requests().map((r) => Date.parse(r.at));
  const busiest = maxInWindow(times, WINDOW_MS);
  const deliveredTimes = [...firstApplied.values()];
  const lastDelivered = deliveredTimes.length ? Math.max(...deliveredTimes) : Number.NaN;
  const firstDelivered = deliveredTimes.length ? Math.min(...deliveredTimes) : Number.NaN;

  const endPage = await observerPage(context, id);
  const finalSummary = (await endPage.evaluate('rrSummary()')) as Summary;
  await endPage.close();

  console.log(
    `  delivered:         ${firstApplied.size}/${expected.size} (${matched} matched)` +
      (missing.length ? `   MISSING ${missing.length}, e.g. ${missing.slice(0, 3).join('; ')}` : ''),
  );
  console.log(
    `  delivery time:     ${minutes(lastDelivered - backAt)} from the restart to the last delivered` +
      `   (first after ${seconds(firstDelivered - backAt)}: the retry backoff)`,
  );
  console.log(
    `  doubled:           ${doubled.length} applied twice, ${keysAppliedTwice.length} keys applied twice, ` +
      `${manyKeys.length} scrobbles sent under more than one key${unexpected.length ? `, ${unexpected.length} unexpected bodies` : ''}`,
  );
  console.log(
    `  server saw:        ${received.length} scrobble requests, ${replayed} replayed (same key resent), ${notOk.length} not 200` +
      (notOk.length ? ` (${[...new Set(notOk.map((r: ReceivedScrobble) => r.status))].join(', ')})` : ''),
  );
  console.log(`  busiest 60 s: ${times.length} API requests in all, the window opens ${sinceRestart(busiest.from - backAt)}`);
  withinBudget('requests in the busiest 60 s', busiest.count, RATE_BUDGET, String);
  const tightest = shortestSpan(times, RATE_BUDGET + 1);
  console.log(
    Number.isFinite(tightest.span)
      ? `  ${RATE_BUDGET + 1} in a row:       took at least ${(tightest.span / 1000).toFixed(3)} s (must be ≥ 60 s; ` +
          `from ${sinceRestart(tightest.from - backAt)}, by the server's timestamps)`
      : `  ${RATE_BUDGET + 1} in a row:       never (${times.length} requests in all)`,
  );
  const perMinute: number[] = [];
  for (const t of times.filter((t) => t >= firstDelivered)) {
    const minute = Math.floor((t - firstDelivered) / 60_000);
    perMinute[minute] = (perMinute[minute] ?? 0) + 1;
  }
  console.log(`  per minute:        ${Array.from(perMinute, (n) => n ?? 0).join(', ')}   (from the first delivery on)`);
  const states = Object.entries(finalSummary.states)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  const failedSends = finalSummary.attempts - finalSummary.total;
  console.log(
    `  extension's log:   ${states}; ${failedSends} failed sends while down (at most ${finalSummary.maxAttempts - 1} for one)`,
  );
  const errors = workerErrors.length ? `; ${workerErrors.length} console errors, first: ${workerErrors[0]}` : '';
  console.log(`  worker:            ${workerStarts.length} restarts seen after its first start${errors}`);
  console.log(`  whole run:         ${minutes(Date.now() - benchStart)}`);

  const problems = [
    lost || short ? `${lost + short} reports not queued as two scrobbles` : '',
    missing.length ? `${missing.length} scrobbles never delivered` : '',
    doubled.length || keysAppliedTwice.length ? `${doubled.length + keysAppliedTwice.length} scrobbles applied twice` : '',
    manyKeys.length ? `${manyKeys.length} scrobbles sent under more than one key` : '',
    (finalSummary.states.queued ?? 0) + (finalSummary.states.failed ?? 0)
      ? `${finalSummary.states.queued ?? 0} still queued, ${finalSummary.states.failed ?? 0} failed in the extension`
      : '',
  ].filter(Boolean);
  // Lost, doubled or left over: each counts against the budget "all delivered, each once".
  withinBudget('scrobbles lost, doubled or left over', problems.length, 0, String);
  for (const problem of problems) console.error(`  ${problem}`);
} finally {
  await close();
  if (serverUp) await standIn.close();
}
