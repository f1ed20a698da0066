/**
 * The popup's time to first render of the results log, with an empty log and with 5,000 entries,
 * in real Chromium with the built extension. Prints the medians and their ratio; exits non-zero
 * when the full log costs more than 1.5× the empty one. `npm run bench:popup`
 */
import type { BrowserContext } from '@playwright/test';
import { startStandIn } from '../server/standin';
import { serviceWorker } from '../tests/support/browser';
import { withinBudget } from './budget';
import { benchBrowser, buildForBench, connect, extensionIdOf, median } from './support';

const PORT = 47_799;
const ROUNDS = 9;
const ENTRIES = 5_000;
const BUDGET = 1.5;
const extensionDir = buildForBench('popup', PORT);
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
  const full: number[] = [];
  for (let i = 0; i < ROUNDS; i++) full.push(await firstRender(context, id));

  const ratio = median(full) / median(empty);
  console.log(`popup first render of the log, median of ${ROUNDS} opens:`);
  console.log(`  empty log:        ${median(empty).toFixed(1)} ms   (all: ${empty.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`  ${ENTRIES} entries:    ${median(full).toFixed(1)} ms   (all: ${full.map((v) => v.toFixed(0)).join(', ')})`);
  withinBudget('ratio', ratio, BUDGET, (value) => `${value.toFixed(2)}×`);
} finally {
  await close();
  await standIn.close();
}
