/**
 * The popup's time to its log, with an empty log and with 5,000 entries, in real Chromium with the
 * built extension, against a blank extension page opened the same way in the same run (the floor any
 * extension page stands on: the browser's own work to open one), and a blank page that runs one
 * script (the floor of any page with code). Two moments per open: when the log is first on screen
 * (the popup's last view, components/shared/lastView.ts, or the live log when there is none) and when
 * the live log is. Prints the medians and the ratios; exits non-zero when the full live log costs more
 * than 1.5× the empty one, or the log first on screen more than 1.3× the blank page. `npm run bench:popup`
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { LOG_RENDERED_MARK, LOG_SHOWN_MARK } from '../components/shared/lastView';
import { startStandIn } from '../server/standin';
import { serviceWorker } from '../tests/support/browser';
import { withinBudget } from './budget';
import { benchBrowser, buildForBench, connect, extensionIdOf, median } from './support';

const PORT = 47_799;
const ROUNDS = 9;
const ENTRIES = 5_000;
const BUDGET = 1.5;
const BLANK_BUDGET = 1.3;
const extensionDir = buildForBench('popup', PORT);
/** Written into this bench's own build only (the shipped extension has no such page): nothing but the document. */
const BLANK_PAGE = 'bench-blank.html';
writeFileSync(
  resolve(extensionDir, BLANK_PAGE),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ReelRifter Scrobbler</title></head><body></body></html>\n',
);
/** The floor of any page that runs code: a blank page whose one classic script sets a mark. */
const SCRIPT_PAGE = 'bench-script.html';
writeFileSync(
  resolve(extensionDir, SCRIPT_PAGE),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ReelRifter Scrobbler</title></head><body><script src="/bench-script.js"></script></body></html>\n',
);
writeFileSync(resolve(extensionDir, 'bench-script.js'), "performance.mark('bench:script-ran');\n");
const standIn = await startStandIn({ port: PORT });
const { context, close } = await benchBrowser(extensionDir);

/** When the log is first on screen (the last view, or the live log when there is none) and when the live log is. */
async function firstRender(context: BrowserContext, id: string): Promise<{ shown: number; live: number }> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  const marks = (await page.evaluate(`new Promise((done) => {
    const look = () => {
      const shown = performance.getEntriesByName('${LOG_SHOWN_MARK}')[0];
      const live = performance.getEntriesByName('${LOG_RENDERED_MARK}')[0];
      if (shown && live) done({ shown: shown.startTime, live: live.startTime });
      else setTimeout(look, 5);
    };
    look();
  })`)) as { shown: number; live: number };
  await page.close();
  return marks;
}

/** When a blank extension page is done: its load event's end, from the same origin as the popup's mark. */
async function blankRender(context: BrowserContext, id: string, file = BLANK_PAGE): Promise<number> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/${file}`);
  const ms = (await page.evaluate(`new Promise((done) => {
    const look = () => {
      const navigation = performance.getEntriesByType('navigation')[0];
      if (navigation && navigation.loadEventEnd > 0) done(navigation.loadEventEnd);
      else setTimeout(look, 5);
    };
    look();
  })`)) as number;
  await page.close();
  return ms;
}

try {
  const id = await extensionIdOf(context);
  await connect(context, id, standIn.mintToken());
  const worker = await serviceWorker(context);

  await firstRender(context, id); // warm-up: the first open compiles the page
  const empty: number[] = [];
  for (let i = 0; i < ROUNDS; i++) empty.push((await firstRender(context, id)).live);

  await worker.evaluate(async (count) => {
    const request = indexedDB.open('reelrifter');
    const db = await new Promise<IDBDatabase>((done, fail) => {
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const tx = db.transaction('scrobbles', 'readwrite');
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      tx.objectStore('scrobbles').put({
        key: `bench-${i}:watched`,
        viewingKey: `netflix|${i}||`,
        site: 'netflix',
        action: 'watched',
        media: { title: `Film number ${i}`, year: 2000 + (i % 25), mediaType: 'MOVIE' },
        state: i % 10 === 0 ? 'unmatched' : 'matched',
        attempts: 1,
        nextAttemptAt: 0,
        createdAt: now - i * 60_000,
        updatedAt: now - i * 60_000,
      });
    }
    await new Promise((done) => {
      tx.oncomplete = done;
    });
    db.close();
  }, ENTRIES);

  await firstRender(context, id);
  await blankRender(context, id);
  // Alternating, so what else the machine does falls on both alike.
  const full: number[] = [];
  const shown: number[] = [];
  const blank: number[] = [];
  const scripted: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const marks = await firstRender(context, id);
    full.push(marks.live);
    shown.push(marks.shown);
    blank.push(await blankRender(context, id));
    scripted.push(await blankRender(context, id, SCRIPT_PAGE));
  }

  const ratio = median(full) / median(empty);
  const line = (label: string, values: number[]) =>
    console.log(`  ${label.padEnd(38)}${median(values).toFixed(1)} ms   (all: ${values.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`popup, median of ${ROUNDS} opens:`);
  line('live log, empty:', empty);
  line(`live log, ${ENTRIES} entries:`, full);
  line(`log first on screen, ${ENTRIES} entries:`, shown);
  line('blank page, loaded:', blank);
  line('blank page with one script, loaded:', scripted);
  console.log(`  live log against a blank page: ${(median(full) / median(blank)).toFixed(2)}× (the last view covers it)`);
  console.log(
    `  a blank page with one script against a blank page: ${(median(scripted) / median(blank)).toFixed(2)}× (the floor of any page that runs code)`,
  );
  withinBudget('5,000 entries against the empty log', ratio, BUDGET, (value) => `${value.toFixed(2)}×`);
  withinBudget(
    'log first on screen with 5,000 entries against a blank page',
    median(shown) / median(blank),
    BLANK_BUDGET,
    (value) => `${value.toFixed(2)}×`,
  );
} finally {
  await close();
  await standIn.close();
}
