/**
 * The popup's time to first render of the results log, with an empty log and with 5,000 entries,
 * in real Chromium with the built extension, against a blank extension page opened the same way in
 * the same run (the floor any extension page stands on: the browser's own work to open one). Prints
 * the medians and the ratios; exits non-zero when the full log costs more than 1.5× the empty one,
 * or more than 1.3× the blank page. `npm run bench:popup`
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
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
const standIn = await startStandIn({ port: PORT });
const { context, close } = await benchBrowser(extensionDir);

async function firstRender(context: BrowserContext, id: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  const ms = (await page.evaluate(`new Promise((done) => {
    const look = () => {
      const mark = performance.getEntriesByName('reelrifter:log-rendered')[0];
      if (mark) done(mark.startTime);
      else setTimeout(look, 5);
    };
    look();
  })`)) as number;
  await page.close();
  return ms;
}

/** When a blank extension page is done: its load event's end, from the same origin as the popup's mark. */
async function blankRender(context: BrowserContext, id: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/${BLANK_PAGE}`);
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
  for (let i = 0; i < ROUNDS; i++) empty.push(await firstRender(context, id));

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
  const blank: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    full.push(await firstRender(context, id));
    blank.push(await blankRender(context, id));
  }

  const ratio = median(full) / median(empty);
  console.log(`popup first render of the log, median of ${ROUNDS} opens:`);
  console.log(`  empty log:        ${median(empty).toFixed(1)} ms   (all: ${empty.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`  ${ENTRIES} entries:    ${median(full).toFixed(1)} ms   (all: ${full.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`  blank page:       ${median(blank).toFixed(1)} ms   (all: ${blank.map((v) => v.toFixed(0)).join(', ')})`);
  withinBudget('5,000 entries against the empty log', ratio, BUDGET, (value) => `${value.toFixed(2)}×`);
  withinBudget(
    '5,000 entries against a blank page',
    median(full) / median(blank),
    BLANK_BUDGET,
    (value) => `${value.toFixed(2)}×`,
  );
} finally {
  await close();
  await standIn.close();
}
