import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CASES, REWIND_RATINGS, syntheticSources } from '../../server/sources/demo';
import { expect, launchChromium, serviceWorker, test, waitForSiteScripts } from '../support/chromium';
import { importedFrom, openImport, preview, type Sources, startSources, summaryOf } from '../support/import';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, stopServiceWorker, waitForApplied } from '../support/scrobble';

// The import in real Chromium against the three source stand-ins and the ReelRifter one, at the
// addresses the e2e build was given (tests/support/build.ts).

let sources: Sources | undefined;
test.afterEach(async () => {
  await sources?.close();
  sources = undefined;
});

test('Rewind: previewed against what ReelRifter has, imported once each, oldest watched first; a second run sends nothing new', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  sources = await startSources();
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await preview(page, 'Rewind', sources);
  // Oppenheimer is finished in the demo account: the one film ReelRifter already has.
  expect(await summaryOf(page)).toEqual({
    read: REWIND_RATINGS.length,
    already: 1,
    toImport: REWIND_RATINGS.length - 1,
    notImportable: 0,
  });
  await page.getByRole('combobox', { name: 'Show' }).selectOption('already');
  await expect(page.getByRole('list', { name: 'What was read' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'What was read' })).toContainText('Oppenheimer (2023)');
  await expect(page.getByRole('list', { name: 'What was read' })).toContainText('same TMDB id');

  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('The import is done.')).toBeVisible({ timeout: 60_000 });
  const sent = importedFrom(standIn, 'rewind');
  expect(sent).toHaveLength(REWIND_RATINGS.length - 1);
  expect(new Set(sent.map((b) => b.title)).size).toBe(sent.length);
  expect(sent.every((b) => b.action === 'watched' && b.mediaType === 'MOVIE')).toBe(true);
  // Oldest watched first: Roma (January 2020) goes first, The Great Escape (August 2025) last.
  expect(sent[0]?.title).toBe('Roma');
  expect(sent.at(-1)?.title).toBe('The Great Escape');
  await expect(page.getByTestId('import-sent')).toContainText('matched');
  await expect(page.getByTestId('import-sent')).toContainText('not matched');
  await expect(page.getByTestId('import-sent')).toContainText(/match rate \d+%/);

  // Again: everything is there now, or was sent before.
  await page.reload();
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect.poll(async () => (await summaryOf(page)).toImport, { timeout: 30_000 }).toBe(0);
  expect((await summaryOf(page)).already).toBe(REWIND_RATINGS.length);
  await expect(page.getByRole('button', { name: 'Import' })).toHaveCount(0);
  expect(importedFrom(standIn, 'rewind')).toHaveLength(REWIND_RATINGS.length - 1);
});

test('Simkl, rated items only: shows by their last episode, anime without a season, what cannot be written listed', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  sources = await startSources();
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await preview(page, 'Simkl', sources, true);
  const summary = await summaryOf(page);
  expect(summary.read).toBeGreaterThan(0);
  const requests = sources.simkl.requests();
  expect(requests.map((r) => r.path)).toEqual(
    ['movies', 'shows', 'anime'].map((type) => `/sync/ratings/${type}/1,2,3,4,5,6,7,8,9,10`),
  );
  for (const request of requests) {
    const url = new URL(request.url, sources.simkl.origin);
    expect(url.searchParams.get('app-name')).toBe('reelrifter-scrobbler');
    expect(url.searchParams.get('app-version')).toMatch(/^\d+\.\d+\.\d+$/);
  }
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('The import is done.')).toBeVisible({ timeout: 60_000 });
  const sent = importedFrom(standIn, 'simkl');
  expect(sent).toHaveLength(summary.toImport);
  const anime = sent.filter((b) => b.title === 'Hunter x Hunter');
  expect(anime).toEqual([expect.objectContaining({ mediaType: 'TV', episode: 148 })]);
  expect(anime[0]?.season).toBeUndefined();
  const animeTitles: readonly string[] = DEMO_CASES.anime;
  const episodes = sent.filter((b) => b.mediaType === 'TV');
  expect(episodes.filter((b) => !animeTitles.includes(b.title ?? '')).every((b) => b.season !== undefined)).toBe(true);
  expect(episodes.filter((b) => animeTitles.includes(b.title ?? '')).every((b) => b.season === undefined)).toBe(true);
});

test('a TMDB-style account at its own address: a rated show with no episode known goes only when ticked, as started', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  sources = await startSources();
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await preview(page, 'TMDB-style account', sources);
  const before = await summaryOf(page);
  await page.getByRole('combobox', { name: 'Show' }).selectOption('not-importable');
  const list = page.getByRole('list', { name: 'What was read' });
  await expect(list).toContainText('No episode known');
  await expect(list).toContainText("Cannot be imported: ReelRifter's public API cannot add to a watchlist");
  const tick = list.getByRole('checkbox').first();
  const label = (await tick.getAttribute('aria-label')) ?? (await tick.locator('xpath=..').textContent()) ?? '';
  // Ticked, the show counts as one to import (the report reloads with it, and the row may move
  // out of this filter, so the summary says it rather than the box).
  await tick.click();
  await expect.poll(async () => (await summaryOf(page)).toImport).toBe(before.toImport + 1);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('The import is done.')).toBeVisible({ timeout: 60_000 });
  const sent = importedFrom(standIn, 'tmdb');
  expect(sent).toHaveLength(before.toImport + 1);
  const started = sent.filter((b) => b.action === 'watching');
  expect(started).toHaveLength(1);
  expect(label).toContain(started[0]?.title ?? '∅');
  expect(started[0]?.season).toBeUndefined();
  expect(started[0]?.episode).toBeUndefined();
});

for (const [source, path] of [
  ['Rewind', '/v1/watching/ratings'],
  ['Simkl', '/sync/all-items/shows'],
  ['TMDB-style account', '/api/account/12345/favorites'],
] as const) {
  test(`${source}: 429s mid-read are waited out; a dropped connection stops the read with a clear message, and Try again finishes it`, async ({
    context,
    extensionId,
    standIn,
  }) => {
    test.setTimeout(120_000);
    sources = await startSources({ rewindRatings: syntheticSources(250).rewind });
    const service = source === 'Rewind' ? sources.rewind : source === 'Simkl' ? sources.simkl : sources.tmdb;
    await connectInPopup(context, extensionId, standIn.mintToken());
    const page = await openImport(context, extensionId);
    // Two 429s (waited out), then dropped connections past the read's retries.
    service.setFault({ kind: 'rateLimit', times: 2, retryAfterSeconds: 1, paths: [path] });
    const dropAfterRateLimits = setInterval(() => {
      if (service.requests().filter((r) => r.fault === 'rateLimit').length >= 2) {
        service.setFault({ kind: 'drop', times: 8, paths: [path] });
        clearInterval(dropAfterRateLimits);
      }
    }, 50);
    await preview(page, source, sources);
    await expect(page.getByRole('alert')).toContainText('Reading stopped: Could not reach', { timeout: 60_000 });
    clearInterval(dropAfterRateLimits);
    const readBefore = service.requests().filter((r) => r.status === 200).length;
    service.setFault(null);
    await page.getByRole('button', { name: 'Try again' }).click();
    const summary = await summaryOf(page);
    expect(summary.read).toBeGreaterThan(0);
    // It went on from the page it stopped at: what was read before was not asked for again.
    const okPaths = service
      .requests()
      .filter((r) => r.status === 200)
      .map((r) => r.url);
    expect(new Set(okPaths).size).toBe(okPaths.length);
    expect(okPaths.length).toBeGreaterThan(readBefore);
  });
}

test('a live episode watched during a long import reaches ReelRifter before the import ends; cancel leaves live scrobbles alone', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(180_000);
  await routeNetflix(context);
  sources = await startSources({ rewindRatings: syntheticSources(120).rewind });
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await preview(page, 'Rewind', sources);
  const summary = await summaryOf(page);
  await page.getByRole('button', { name: 'Import' }).click();
  // The import's share is 50 a minute: the rest of it waits for the next minute.
  await expect.poll(() => importedFrom(standIn, 'rewind').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(45);
  const episode = await context.newPage();
  await episode.goto('https://www.netflix.com/watch/81434460');
  await play(episode);
  await waitForApplied(standIn, { title: 'Severance', action: 'watching' }, 30_000);
  expect(importedFrom(standIn, 'rewind').length).toBeLessThan(summary.toImport);
  await waitForEnded(episode);
  await waitForApplied(standIn, { title: 'Severance', action: 'watched' }, 30_000);
  expect(importedFrom(standIn, 'rewind').length).toBeLessThan(summary.toImport);

  // The server refuses scrobbles for a while: a live one waits in the outbox beside the import's.
  standIn.setFault({ kind: 'error500', paths: ['/scrobble'] });
  await episode.goto('https://www.netflix.com/watch/81169145');
  await play(episode);
  await expect
    .poll(() => standIn.received().filter((r) => r.fault === 'error500').length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(page.getByText('The import was cancelled')).toBeVisible();
  const importedAtCancel = importedFrom(standIn, 'rewind').length;
  standIn.setFault(null);
  // The live film still goes, the cancelled import does not.
  await waitForApplied(standIn, { title: 'Glass Onion: A Knives Out Mystery', action: 'watching' }, 120_000);
  expect(importedFrom(standIn, 'rewind').length).toBe(importedAtCancel);
});

test('the worker stopped mid-read loses nothing: the read goes on to the last of its two pages', async ({
  context,
  extensionId,
  standIn,
}) => {
  const ratings = syntheticSources(130).rewind;
  sources = await startSources({ rewindRatings: ratings });
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  // Slow pages, so the worker is stopped while the read is under way.
  sources.rewind.setFault({ kind: 'slow', delayMs: 1_500, times: 2 });
  await preview(page, 'Rewind', sources);
  await expect.poll(() => sources?.rewind.requests().length ?? 0).toBeGreaterThan(0);
  await stopServiceWorker(context, page);
  // A new worker, woken by the page's question, carries the read on.
  await page.reload();
  const summary = await summaryOf(page);
  expect(summary.read).toBe(ratings.length);
});

test('the worker stopped mid-import, and the browser restarted mid-import, lose and double nothing', async ({ standIn }) => {
  // 60 films: the first minute's share of 50, then the rest in the next minute, across a restart.
  test.setTimeout(200_000);
  const ratings = syntheticSources(60).rewind;
  sources = await startSources({ rewindRatings: ratings });
  const profile = await mkdtemp(join(tmpdir(), 'rr-import-'));
  let context = await launchChromium(profile);
  try {
    await waitForSiteScripts(context);
    const id = new URL((await serviceWorker(context)).url()).host;
    await connectInPopup(context, id, standIn.mintToken());
    const page = await openImport(context, id);
    await preview(page, 'Rewind', sources);
    const summary = await summaryOf(page);
    expect(summary.toImport).toBeGreaterThan(50);

    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => importedFrom(standIn, 'rewind').length, { timeout: 30_000 }).toBeGreaterThan(10);
    await stopServiceWorker(context, page);
    // The browser closes mid-import and opens again on the same profile.
    await expect.poll(() => importedFrom(standIn, 'rewind').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(45);
    expect(importedFrom(standIn, 'rewind').length).toBeLessThan(summary.toImport);
    await context.close();
    context = await launchChromium(profile);
    await waitForSiteScripts(context);
    await expect
      .poll(() => importedFrom(standIn, 'rewind').length, { timeout: 120_000, intervals: [1_000] })
      .toBe(summary.toImport);
    const titles = importedFrom(standIn, 'rewind').map((b) => `${b.title} ${b.year}`);
    expect(new Set(titles).size).toBe(titles.length);
    expect(applied(standIn).filter((b) => b.source?.startsWith('ReelRifter Scrobbler import')).length).toBe(summary.toImport);
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a film the import sent and ReelRifter did not match is fixed from the report, once', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  sources = await startSources();
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await openImport(context, extensionId);
  await preview(page, 'Rewind', sources);
  await summaryOf(page);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('The import is done.')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Show' }).selectOption('to-import');
  const row = page.getByRole('listitem').filter({ hasText: 'The Unfindable Film of Nowhere' });
  await expect(row).toContainText('Not matched');
  await row.getByRole('button', { name: /^Fix/ }).click();
  await row.getByLabel('Title').fill('Knives Out');
  await row.getByLabel('Year').fill('2019');
  await row.getByRole('button', { name: 'Resend with these' }).click();
  await waitForApplied(standIn, { title: 'Knives Out', year: 2019 }, 30_000);
  await expect(page.getByRole('listitem').filter({ hasText: 'Matched: Knives Out' }).first()).toBeVisible({ timeout: 30_000 });
  expect(applied(standIn, { title: 'The Unfindable Film of Nowhere' })).toHaveLength(1);
});
