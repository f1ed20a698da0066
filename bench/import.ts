/**
 * The import, in real Chromium with the built extension against the Rewind, Netflix and ReelRifter
 * stand-ins:
 *  1. a preview of 5,000 source items against a ReelRifter watchlist of 3,000: its time in the
 *     browser, and the cross-reference computed on its own (time and heap);
 *  2. the report page's first render with 5,000 rows read against 50 (budget ≤ 1.5×);
 *  3. a Netflix account export's ViewingActivity.csv of 50,000 rows (one profile, ~300 shows, ~2,000
 *     films, trailers and autoplayed previews) read in the import page and previewed against the
 *     same watchlist: from Preview to the summary (budget 3 s), and the page's JS heap (CDP) once it
 *     shows, the budget on what it holds after a garbage collection (≤ 50 MB);
 *  4. Netflix's viewing activity of 5,000 viewings (40 shows, their metadata, films) read from the
 *     site with the browser's sign-in, one 429 put in on the way: viewings read, requests made, the
 *     shortest gap between two requests (budget ≥ 950 ms: one a second, less timing noise), the 429
 *     waited out, how long the site's own open page takes to answer meanwhile, and the total time;
 *  5. 2,000 items importing with a live episode played in the middle: how long the live scrobble
 *     waited (budget: one request slot of the import's pace, 1.2 s) and the import's pace.
 * Prints the figures and exits non-zero when a budget is missed. `npm run bench:import` (~7 min, of
 * which the Netflix read takes ~1.5 min and the long import ~3 min)
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { REWIND_DEMO, syntheticSources } from '../server/sources/demo';
import {
  NETFLIX_DEMO,
  type NetflixStandIn,
  type NetflixVideo,
  type NetflixViewedItem,
  startNetflixStandIn,
} from '../server/sources/netflix';
import { type RewindStandIn, startRewindStandIn } from '../server/sources/rewind';
import { DEMO_USER_ID, type StandIn, startStandIn } from '../server/standin';
import { play, routeNetflix } from '../tests/support/netflix';
import { KnownIndex, knownFrom } from '../utils/import/crossref';
import { dedupe, planOf } from '../utils/import/plan';
import type { SourceItem } from '../utils/model/import';
import { broken, withinBudget } from './budget';
import { benchBrowser, buildForBench, connect, extensionIdOf, maxInWindow, median, shortestSpan, sleep } from './support';

const PORT = 47_820;
const REWIND_PORT = PORT + 12;
const NETFLIX_PORT = PORT + 13;
const SOURCE_ITEMS = 5_000;
const WATCHLIST = 3_000;
const IMPORT_ITEMS = 2_000;
const ROUNDS = 7;
const RENDER_BUDGET = 1.5;
/** One request slot of the import's share: 60 s / 50. */
const SLOT_MS = 1_200;
/** The account export's ViewingActivity.csv: its rows, and the shows and films they name. */
const FILE_ROWS = 50_000;
const FILE_SHOWS = 300;
const FILE_FILMS = 2_000;
const FILE_BUDGET_MS = 3_000;
const FILE_HEAP_BUDGET = 50 * 1024 * 1024;
/** Netflix's viewing activity: its viewings, and the shows among them (the rest are films). */
const NETFLIX_VIEWINGS = 5_000;
const NETFLIX_SHOWS = 40;
/** A request a second (NETFLIX_PACE_MS), less what the clocks and the loopback add. */
const NETFLIX_GAP_BUDGET_MS = 950;
/** The 429 is put in once the read has made this many requests. */
const RATE_LIMIT_AFTER = 10;
/** ReelRifter requests a preview makes against the watchlist of 3,000 (15 pages and the history), with room to spare. */
const PREVIEW_REQUESTS = 20;
/** The extension's own ceiling, and the window it counts in (utils/account/limiter.ts). */
const REQUESTS_PER_MINUTE = 60;
const LIMITER_WINDOW_MS = 61_000;

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** As withinBudget, for a figure that must reach its budget. */
function atLeast(label: string, figure: number, budget: number, format: (value: number) => string): boolean {
  const within = figure >= budget;
  console.log(`  ${label}: ${format(figure)}   (budget ≥ ${format(budget)})${within ? '' : '   UNDER BUDGET'}`);
  if (!within) {
    process.exitCode = 1;
    console.error(`under budget: ${label} ${format(figure)} < ${format(budget)}`);
  }
  return within;
}

/** What must hold for the figures beside it to mean anything; the run fails when it does not. */
function holds(label: string, held: boolean): boolean {
  console.log(`  ${label}: ${held ? 'yes' : 'NO'}`);
  if (!held) {
    process.exitCode = 1;
    console.error(`did not hold: ${label}`);
  }
  return held;
}

/** The same numbers every run: a linear congruential generator, in [0, 1). */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

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
  await newSummary(page, 300_000);
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

/**
 * The summary line last seen on the import page. The page shows the last job's report until a new
 * preview replaces it, so a preview is done when the line says something else (every preview here
 * reads a different number of titles).
 */
let shownSummary: string | null = null;

/** Waits for a summary line other than the last one seen, and returns it. */
async function newSummary(page: Page, timeout: number): Promise<string> {
  const line = await page.waitForFunction(
    (old) => {
      const text = document.querySelector('[data-testid="import-summary"] p')?.textContent ?? null;
      return text?.includes('already in ReelRifter') && text !== old ? text : false;
    },
    shownSummary,
    { polling: 50, timeout },
  );
  shownSummary = (await line.jsonValue()) as string;
  return shownSummary;
}

/** The extension worker's request slots taken in the last minute (utils/account/limiter.ts keeps them in IndexedDB). */
async function sendTimes(context: BrowserContext): Promise<number[]> {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('the extension has no service worker');
  return worker.evaluate(async () => {
    const opened = indexedDB.open('reelrifter');
    const database = await new Promise<IDBDatabase>((done, fail) => {
      opened.onsuccess = () => done(opened.result);
      opened.onerror = () => fail(opened.error);
    });
    const request = database.transaction('meta').objectStore('meta').get('sendTimes');
    const times = await new Promise<number[]>((done) => {
      request.onsuccess = () => done((request.result as number[] | undefined) ?? []);
    });
    database.close();
    return times;
  });
}

/**
 * Waits until the extension's limiter has `count` of its 60 slots a minute free, so a preview's
 * reads of ReelRifter are not held back by what the parts before it sent; returns how long it waited.
 */
async function untilSlotsFree(context: BrowserContext, count: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const now = Date.now();
    const recent = (await sendTimes(context)).filter((t) => t > now - LIMITER_WINDOW_MS).sort((a, b) => a - b);
    const over = recent.length - (REQUESTS_PER_MINUTE - count);
    if (over <= 0) return Date.now() - started;
    // The oldest slots leave the window first.
    await sleep(Math.max(250, (recent[over - 1] as number) + LIMITER_WINDOW_MS - now + 250));
  }
}

const two = (value: number) => String(value).padStart(2, '0');
/** `H:MM:SS`, as the file writes durations and bookmarks. */
const clock = (seconds: number) => `${Math.floor(seconds / 3600)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const EPISODE_NAMES = ['Homecoming', 'The Long Night', 'Crossroads', 'Aftermath', 'First Light', 'Reckoning', 'Undertow'];
const DEVICES = [
  'Chrome PC (Cadmium)',
  'Samsung 2020 UHD TV',
  'Apple iPad',
  'Android Phone',
  'Netflix Windows App - Cadmium Windows Mobile',
];

/**
 * An account export's ViewingActivity.csv of `rows` rows for one profile, newest first, a row every
 * 100 minutes back from mid-2025: episodes of FILE_SHOWS shows (1 to 6 seasons of 8 to 20 episodes,
 * several rows each, as sessions are), FILE_FILMS films, trailers and hooks, and autoplayed
 * previews. Half the shows and a quarter of the films are titles of the ReelRifter watchlist
 * (`Benchmark Title i`: odd i shows, even i films), so the cross-reference finds some; a few films
 * have a subtitle after ": ", which reads two ways.
 */
function viewingActivityCsv(rows: number): string {
  const next = numbers(23);
  const pick = (count: number) => Math.floor(next() * count);
  const show = (s: number) => (s % 2 === 0 ? `Benchmark Title ${2 * s + 1}` : `Bench Show ${s}`);
  const film = (f: number) =>
    f % 4 === 0 ? `Benchmark Title ${(2 * f) % WATCHLIST}` : f % 17 === 5 ? `Bench Film ${f}: The Return` : `Bench Film ${f}`;
  const episode = () => {
    const s = pick(FILE_SHOWS);
    const season = 1 + pick(1 + (s % 6));
    const number = 1 + pick(8 + (s % 13));
    return `${show(s)}: Season ${season}: ${EPISODE_NAMES[(season + number) % EPISODE_NAMES.length]} (Episode ${number})`;
  };
  const newest = Date.UTC(2025, 5, 15, 21, 0, 0);
  const lines = [
    'Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country',
  ];
  for (let r = 0; r < rows; r++) {
    const kind = r % 25;
    let title: string;
    let attributes = '';
    let supplemental = '';
    let watched: number;
    if (kind === 0) {
      title = `Season ${1 + pick(3)} Trailer: ${show(pick(FILE_SHOWS))}`;
      supplemental = 'TRAILER';
      watched = 60 + pick(90);
    } else if (kind === 1) {
      title = `${show(pick(FILE_SHOWS)).replace(/ /g, '_')}_hook_primary_16x9`;
      supplemental = 'HOOK';
      watched = 10 + pick(20);
    } else if (kind === 2 || kind === 3) {
      title = episode();
      attributes = 'Autoplayed: user action: None; ';
      watched = 5 + pick(40);
    } else if (kind <= 6) {
      title = film(pick(FILE_FILMS));
      watched = 600 + pick(7_200);
    } else {
      title = episode();
      if (kind === 7) attributes = 'Autoplayed: user action: User_Interaction; ';
      watched = 120 + pick(3_300);
    }
    const bookmark = clock(watched + pick(120));
    const cells = [
      'Benchmark',
      new Date(newest - r * 6_000_000).toISOString().slice(0, 19).replace('T', ' '),
      clock(watched),
      attributes,
      title,
      supplemental,
      DEVICES[pick(DEVICES.length)] as string,
      bookmark,
      pick(4) === 0 ? 'Not latest view' : bookmark,
      'GB (United Kingdom)',
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The page's JS heap in use, as DevTools' Performance panel reads it. */
async function jsHeap(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
}

/**
 * Gives the export file on a fresh import page and previews it: the time from the Preview click to
 * the summary, and the page's JS heap: after a collection before the click, the most seen while it
 * previewed (asked every 100 ms), when the summary shows, and after a collection then (what it holds).
 */
async function previewExportFile(
  context: BrowserContext,
  id: string,
  csv: Buffer,
): Promise<{ ms: number; summary: string; heap: { before: number; peak: number; shown: number; held: number } }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/import.html`);
  await page.getByRole('radio', { name: 'Netflix export file', exact: true }).check();
  await page
    .getByLabel('Export file', { exact: true })
    .setInputFiles([{ name: 'ViewingActivity.csv', mimeType: 'text/csv', buffer: csv }]);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await jsHeap(cdp);
  let peak = before;
  let previewing = true;
  const watching = (async () => {
    while (previewing) {
      peak = Math.max(peak, await jsHeap(cdp));
      await sleep(100);
    }
  })();
  const started = Date.now();
  try {
    await page.getByRole('button', { name: 'Preview' }).click();
    const summary = await newSummary(page, 120_000);
    const elapsed = Date.now() - started;
    previewing = false;
    await watching;
    const shown = await jsHeap(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const held = await jsHeap(cdp);
    return { ms: elapsed, summary, heap: { before, peak: Math.max(peak, shown), shown, held } };
  } finally {
    previewing = false;
    await watching.catch(() => undefined);
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/**
 * Netflix's viewing activity for the signed-in profile: NETFLIX_SHOWS shows (3 to 7 seasons of 16
 * to 24 episodes, each episode once) and films making up NETFLIX_VIEWINGS viewings, shuffled and
 * dated an hour apart, newest first; and each show's metadata, which numbers its episodes. Half the
 * shows and half the films are titles of the ReelRifter watchlist.
 */
function netflixActivity(): { viewings: NetflixViewedItem[]; metadata: NetflixVideo[] } {
  const next = numbers(41);
  const pick = (count: number) => Math.floor(next() * count);
  const viewings: NetflixViewedItem[] = [];
  const metadata: NetflixVideo[] = [];
  for (let k = 0; k < NETFLIX_SHOWS; k++) {
    const series = 80_000_000 + k * 1_000;
    const seriesTitle = k % 2 === 0 ? `Benchmark Title ${2 * k + 1}` : `Netflix Show ${k}`;
    const seasons: NonNullable<NetflixVideo['seasons']> = [];
    for (let season = 1; season <= 3 + (k % 5); season++) {
      const episodes: Array<{ id: number; seq: number; title: string }> = [];
      for (let number = 1; number <= 16 + (k % 9); number++) {
        const movieID = series + season * 100 + number;
        const episodeTitle = `${EPISODE_NAMES[(season + number) % EPISODE_NAMES.length]} ${season}.${number}`;
        episodes.push({ id: movieID, seq: number, title: episodeTitle });
        const duration = 2_400 + pick(1_200);
        viewings.push({
          title: `${seriesTitle}: Season ${season}: ${episodeTitle}`,
          videoTitle: episodeTitle,
          movieID,
          date: 0,
          bookmark: pick(10) === 0 ? pick(duration) : duration - pick(90),
          duration,
          series,
          seriesTitle,
          seasonDescriptor: `Season ${season}`,
          episodeTitle,
        });
      }
      seasons.push({ seq: season, episodes });
    }
    metadata.push({ type: 'show', id: series, title: seriesTitle, seasons });
  }
  const films = NETFLIX_VIEWINGS - viewings.length;
  if (films <= 0) throw new Error('the shows alone have more episodes than the viewings asked for');
  for (let f = 0; f < films; f++) {
    const title = f % 2 === 0 ? `Benchmark Title ${(2 * f) % WATCHLIST}` : `Netflix Film ${f}`;
    const duration = 5_400 + pick(3_600);
    viewings.push({
      title,
      videoTitle: title,
      movieID: 70_000_000 + f,
      date: 0,
      bookmark: pick(8) === 0 ? pick(duration) : duration,
      duration,
    });
  }
  for (let i = viewings.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [viewings[i], viewings[j]] = [viewings[j] as NetflixViewedItem, viewings[i] as NetflixViewedItem];
  }
  const newest = Date.UTC(2025, 5, 15, 21, 0, 0);
  return { viewings: viewings.map((viewing, i) => ({ ...viewing, date: newest - i * 3_600_000 })), metadata };
}

/** Signs in on the site's own page in a tab of the browser, which stays open (the site's page, for its responsiveness). */
async function signInToNetflix(context: BrowserContext, netflix: NetflixStandIn): Promise<Page> {
  const site = await context.newPage();
  await site.goto(`${netflix.origin}/login`);
  await site.getByRole('button', { name: 'Sign In' }).click();
  await site.waitForURL(/\/viewingactivity$/);
  return site;
}

/**
 * Reads Netflix's viewing activity in the import page, with the site's page open beside it: one 429
 * put in once the read has made RATE_LIMIT_AFTER requests, and the site's page asked for its title
 * every second (a round trip to its main thread). Resolves once the summary shows.
 */
async function readNetflixActivity(
  context: BrowserContext,
  id: string,
  netflix: NetflixStandIn,
  site: Page,
): Promise<{ ms: number; summary: string; before: number; probes: number[]; rateLimited: boolean }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/import.html`);
  await page.getByRole('radio', { name: 'Netflix viewing activity', exact: true }).check();
  // The profiles are listed from the site (two requests), the signed-in one chosen.
  const profile = page.getByRole('combobox', { name: 'Profile' });
  await profile.waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while ((await profile.inputValue()) !== NETFLIX_DEMO.profiles.alex) {
    if (Date.now() > deadline) throw new Error('the signed-in Netflix profile was not chosen');
    await sleep(100);
  }
  const before = netflix.requests().length;
  const probes: number[] = [];
  let rateLimited = false;
  let reading = true;
  const probing = (async () => {
    while (reading) {
      if (!rateLimited && netflix.requests().length - before >= RATE_LIMIT_AFTER) {
        netflix.rateLimit(1, 1);
        rateLimited = true;
      }
      const asked = performance.now();
      await site.evaluate('document.title');
      probes.push(performance.now() - asked);
      await sleep(1_000);
    }
  })();
  const clickedAt = Date.now();
  try {
    await page.getByRole('button', { name: 'Preview' }).click();
    const summary = await newSummary(page, 600_000);
    return { ms: Date.now() - clickedAt, summary, before, probes, rateLimited };
  } finally {
    reading = false;
    await probing.catch(() => undefined);
    await page.close();
  }
}

const extensionDir = buildForBench('import', PORT, {
  WXT_REWIND_API_URL: `http://127.0.0.1:${REWIND_PORT}`,
  WXT_NETFLIX_URL: `http://127.0.0.1:${NETFLIX_PORT}`,
});
const standIn = await startStandIn({ port: PORT });
seedWatchlist(standIn, WATCHLIST);
const { context, close } = await benchBrowser(extensionDir);
let rewind = await startRewind(SOURCE_ITEMS);
const activity = netflixActivity();
const netflix = await startNetflixStandIn({
  port: NETFLIX_PORT,
  viewings: { [NETFLIX_DEMO.profiles.alex]: activity.viewings },
  metadata: activity.metadata,
});
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

  // 3. A 50,000-row ViewingActivity.csv read in the page and previewed.
  const csv = Buffer.from(viewingActivityCsv(FILE_ROWS));
  const heldBack = await untilSlotsFree(context, PREVIEW_REQUESTS);
  const file = await previewExportFile(context, id, csv);
  console.log(
    `A Netflix ViewingActivity.csv of ${FILE_ROWS} rows (${mb(csv.length)}; ${FILE_SHOWS} shows, ${FILE_FILMS} films) read in the import page and previewed against a ReelRifter watchlist of ${WATCHLIST}:`,
  );
  console.log(`  the summary: ${file.summary}`);
  if (heldBack > 0) console.log(`  (waited ${ms(heldBack)} before it for the request limiter's minute)`);
  withinBudget('from Preview to the summary', file.ms, FILE_BUDGET_MS, ms);
  console.log(
    `  the page's JS heap: ${mb(file.heap.before)} before Preview (after a collection), the most seen while previewing ${mb(file.heap.peak)}, ${mb(file.heap.shown)} when the summary showed`,
  );
  withinBudget('the heap the page holds after the preview (after a collection)', file.heap.held, FILE_HEAP_BUDGET, mb);

  // 4. Netflix's viewing activity read from the site, a request a second, a 429 on the way.
  const site = await signInToNetflix(context, netflix);
  const read = await readNetflixActivity(context, id, netflix, site);
  await site.close();
  const all = netflix.requests();
  const asked = all.slice(read.before);
  const times = asked.map((r) => r.atMs).sort((a, b) => a - b);
  const pageOf = (call: string | undefined): number | undefined => {
    try {
      const path: unknown = JSON.parse(call ?? '');
      return Array.isArray(path) && path[1] === 'viewingActivity' && typeof path[2] === 'number' ? path[2] : undefined;
    } catch {
      return undefined;
    }
  };
  const activityCalls = asked.filter((r) => pageOf(r.call) !== undefined);
  const pagesRead = new Set(activityCalls.filter((r) => r.status === 200).map((r) => pageOf(r.call) as number));
  const viewingsRead = [...pagesRead].reduce((sum, page) => sum + Math.max(0, Math.min(100, NETFLIX_VIEWINGS - page * 100)), 0);
  const limited = asked.findIndex((r) => r.status === 429);
  const afterLimit = limited >= 0 ? asked[limited + 1] : undefined;
  const lastBefore = all[read.before - 1];
  const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  console.log(
    `Netflix's viewing activity of ${NETFLIX_VIEWINGS} viewings (${NETFLIX_SHOWS} shows) read from the site in the import page:`,
  );
  console.log(`  the summary: ${read.summary}`);
  console.log(`  viewings read: ${viewingsRead} of ${NETFLIX_VIEWINGS}, from ${pagesRead.size} pages`);
  console.log(
    `  requests made: ${asked.length} (${activityCalls.length} for the activity, ${asked.filter((r) => r.movieid).length} for shows' metadata, ${asked.filter((r) => r.path === '/viewingactivity').length} for the session; ${asked.filter((r) => r.status === 429).length} answered 429)`,
  );
  console.log(
    `  requests a second overall: ${(span > 0 ? (times.length - 1) / span : Number.NaN).toFixed(2)}; the most in any second: ${maxInWindow(times, 1_000).count}`,
  );
  atLeast('the shortest gap between two requests', shortestSpan(times, 2).span, NETFLIX_GAP_BUDGET_MS, ms);
  if (lastBefore && times[0] !== undefined) {
    console.log(`  (from the profiles' listing to the read's first request: ${ms(times[0] - lastBefore.atMs)})`);
  }
  holds(`all ${NETFLIX_VIEWINGS} viewings read`, viewingsRead === NETFLIX_VIEWINGS);
  holds(
    `a 429 answered and waited out (asked again ${afterLimit && limited >= 0 ? ms(afterLimit.atMs - (asked[limited]?.atMs ?? 0)) : '–'} after it, the read finished)`,
    read.rateLimited && limited >= 0 && afterLimit !== undefined,
  );
  console.log(
    `  the site's open page answering meanwhile (a round trip to its main thread, ${read.probes.length} times): median ${ms(median(read.probes))}, slowest ${ms(Math.max(...read.probes))}`,
  );
  console.log(`  total time, from Preview to the summary: ${(read.ms / 1000).toFixed(1)} s`);

  // 5. A long import with a live episode in the middle.
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
  await netflix.close();
  await standIn.close();
}
