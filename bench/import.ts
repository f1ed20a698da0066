/**
 * The import, in real Chromium with the built extension against the Rewind and ReelRifter stand-ins:
 *  1. a preview of 5,000 source items against a ReelRifter watchlist of 3,000: its time in the
 *     browser, and the cross-reference computed on its own (time and heap);
 *  2. the report page's first render with 5,000 rows read against 50 (budget ≤ 1.5×);
 *  3. 2,000 items importing with a live episode played in the middle: how long the live scrobble
 *     waited (budget: one request slot of the import's pace, 1.2 s) and the import's pace.
 * Prints the figures and exits non-zero when a budget is missed. `npm run bench:import` (~5 min)
 */
import type { BrowserContext, Page } from '@playwright/test';
import { REWIND_DEMO, syntheticSources } from '../server/sources/demo';
import { type RewindStandIn, startRewindStandIn } from '../server/sources/rewind';
import { DEMO_USER_ID, type StandIn, startStandIn } from '../server/standin';
import { play, routeNetflix } from '../tests/support/netflix';
import { KnownIndex, knownFrom } from '../utils/import/crossref';
import { dedupe, planOf } from '../utils/import/plan';
import type { SourceItem } from '../utils/model/import';
import { broken, withinBudget } from './budget';
import { benchBrowser, buildForBench, connect, extensionIdOf, median, sleep } from './support';

const PORT = 47_820;
const REWIND_PORT = PORT + 12;
const SOURCE_ITEMS = 5_000;
const WATCHLIST = 3_000;
const IMPORT_ITEMS = 2_000;
const ROUNDS = 7;
const RENDER_BUDGET = 1.5;
/** One request slot of the import's share: 60 s / 50. */
const SLOT_MS = 1_200;

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A watchlist of `count` titles for the demo account: catalogue-like names, a third of them finished. */
function seedWatchlist(standIn: StandIn, count: number): void {
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `wl_bench_${i}`,
    tmdbId: 9_000_000 + i,
    title: `Benchmark Title ${i}`,
    mediaType: (i % 2 ? 'TV' : 'MOVIE') as 'TV' | 'MOVIE',
    year: 1980 + (i % 45),
    status: (i % 3 === 0 ? 'FINISHED' : 'WATCHING') as 'FINISHED' | 'WATCHING',
    currentSeason: i % 2 ? 1 : null,
    currentEpisode: i % 2 ? 3 : null,
    updatedAt: new Date(now - i * 60_000).toISOString(),
  }));
  standIn.state.watchlists.set(DEMO_USER_ID, [...(standIn.state.watchlists.get(DEMO_USER_ID) ?? []), ...rows]);
}

async function startRewind(count: number): Promise<RewindStandIn> {
  return startRewindStandIn({ port: REWIND_PORT, ratings: syntheticSources(count, 7).rewind });
}

/** Opens the import page, gives the Rewind key where none is kept yet, previews; resolves once the report shows. */
async function previewRewind(context: BrowserContext, id: string): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/import.html`);
  await page.getByRole('radio', { name: 'Rewind' }).check();
  const key = page.getByLabel('Rewind API key');
  if (await key.isVisible()) await key.fill(REWIND_DEMO.liveKey);
  const started = Date.now();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByText('already in ReelRifter').first().waitFor({ timeout: 300_000 });
  return { page, ms: Date.now() - started };
}

/** The report page's first render, from navigation to the report on screen. */
async function firstRender(context: BrowserContext, id: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/import.html`);
  const at = (await page.evaluate(`new Promise((done) => {
    const look = () => {
      const mark = performance.getEntriesByName('reelrifter:report-rendered')[0];
      if (mark) done(mark.startTime);
      else setTimeout(look, 5);
    };
    look();
  })`)) as number;
  await page.close();
  return at;
}

/** The cross-reference of step 1 on its own, in this process: its time and the heap it holds. */
function crossReferenceAlone(): { ms: number; heap: number } {
  const items: SourceItem[] = syntheticSources(SOURCE_ITEMS, 7).rewind.map((rating) => ({
    source: 'rewind',
    list: 'rated',
    mediaType: 'MOVIE',
    title: rating.movie.title,
    ...(rating.movie.year ? { year: rating.movie.year } : {}),
    ids: rating.movie.tmdb_id ? { tmdb: rating.movie.tmdb_id } : {},
    watched: true,
  }));
  const watchlist = Array.from({ length: WATCHLIST }, (_, i) => ({
    title: `Benchmark Title ${i}`,
    mediaType: (i % 2 ? 'TV' : 'MOVIE') as 'TV' | 'MOVIE',
    year: 1980 + (i % 45),
    tmdbId: 9_000_000 + i,
    status: i % 3 === 0 ? 'FINISHED' : 'WATCHING',
  }));
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new KnownIndex(knownFrom(watchlist, []));
  const rows = dedupe(items).map(({ item }) => ({ item, plan: planOf(item), match: index.match(item) }));
  const elapsed = performance.now() - started;
  const heap = process.memoryUsage().heapUsed - before;
  if (rows.length === 0) throw new Error('no rows');
  return { ms: elapsed, heap };
}

const extensionDir = buildForBench('import', PORT, { WXT_REWIND_API_URL: `http://127.0.0.1:${REWIND_PORT}` });
const standIn = await startStandIn({ port: PORT });
seedWatchlist(standIn, WATCHLIST);
const { context, close } = await benchBrowser(extensionDir);
let rewind = await startRewind(SOURCE_ITEMS);
const started = Date.now();

try {
  const id = await extensionIdOf(context);
  await connect(context, id, standIn.mintToken());

  // 1. The preview.
  const preview = await previewRewind(context, id);
  const alone = crossReferenceAlone();
  console.log(`Preview of ${SOURCE_ITEMS} Rewind items against a ReelRifter watchlist of ${WATCHLIST}:`);
  console.log(`  in the browser, from Preview to the report: ${ms(preview.ms)} (50 pages from Rewind, 15 from ReelRifter)`);
  console.log(`  the cross-reference on its own: ${ms(alone.ms)}, heap held ${mb(alone.heap)}`);
  await preview.page.close();

  // 2. The report's first render: 5,000 rows read, then 50.
  await firstRender(context, id);
  const full: number[] = [];
  for (let i = 0; i < ROUNDS; i++) full.push(await firstRender(context, id));
  await rewind.close();
  rewind = await startRewind(50);
  (await previewRewind(context, id)).page.close();
  const small: number[] = [];
  await firstRender(context, id);
  for (let i = 0; i < ROUNDS; i++) small.push(await firstRender(context, id));
  console.log(`The report page's first render, median of ${ROUNDS} opens:`);
  console.log(`  50 rows read:     ${ms(median(small))}   (all: ${small.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`  ${SOURCE_ITEMS} rows read:   ${ms(median(full))}   (all: ${full.map((v) => v.toFixed(0)).join(', ')})`);
  withinBudget('ratio', median(full) / median(small), RENDER_BUDGET, (value) => `${value.toFixed(2)}×`);

  // 3. A long import with a live episode in the middle.
  await rewind.close();
  rewind = await startRewind(IMPORT_ITEMS);
  await sleep(62_000); // a fresh minute for the request limiter
  standIn.reset();
  const { page } = await previewRewind(context, id);
  const importFrom = () => standIn.received().filter((r) => (r.body as { source?: string }).source?.includes('import'));
  await page.getByRole('button', { name: 'Import' }).click();
  const importStarted = Date.now();
  while (importFrom().length < 20) await sleep(100);
  await routeNetflix(context);
  const episode = await context.newPage();
  await episode.goto('https://www.netflix.com/watch/81434460');
  await play(episode);
  const isLive = (r: { body: unknown }) => (r.body as { title?: string; action?: string }).title === 'Severance';
  while (!standIn.received().some(isLive)) await sleep(50);
  const live = standIn.received().find(isLive);
  // When the worker decided it: the live scrobble's own record in the outbox.
  const decidedAt = (await context.serviceWorkers()[0]?.evaluate(async (key) => {
    const opened = indexedDB.open('reelrifter');
    const database = await new Promise<IDBDatabase>((done) => {
      opened.onsuccess = () => done(opened.result);
    });
    const request = database
      .transaction('scrobbles')
      .objectStore('scrobbles')
      .get(key as string);
    return new Promise<number>((done) => {
      request.onsuccess = () => done((request.result as { createdAt: number }).createdAt);
    });
  }, live?.idempotencyKey)) as number;
  const waited = Date.parse(live?.at ?? '') - decidedAt;
  await sleep(65_000);
  const sentInMinute = importFrom().filter((r) => Date.parse(r.at) - importStarted < 61_000).length;
  const sentNextMinute = importFrom().filter((r) => {
    const t = Date.parse(r.at) - importStarted;
    return t >= 61_000 && t < 122_000;
  }).length;
  console.log(`${IMPORT_ITEMS} items importing from Rewind, a live episode played after the first 20:`);
  console.log(
    `  the import's pace: ${sentInMinute} in its first 61 s, ${sentNextMinute} so far in the next (its share is 50 a minute)`,
  );
  withinBudget('the live scrobble waited', waited, SLOT_MS, ms);
  withinBudget("the import's busiest minute", Math.max(sentInMinute, sentNextMinute), 50, String);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  console.log(`Run time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  broken(error);
  throw error;
} finally {
  await close();
  await rewind.close();
  await standIn.close();
}
