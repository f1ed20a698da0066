import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/chromium';
import { csvFile, previewFiles, startNetflixSite } from '../support/history';
import { preview, startSources, summaryOf } from '../support/import';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { connectInPopup } from '../support/scrobble';

/**
 * Every WCAG 2.1 A/AA rule axe knows, on the page as it is now, in the light and in the dark scheme
 * (the pages follow the system's): each violation names its scheme.
 */
async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    found.push(
      ...violations.map((v) => `${colorScheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    );
  }
  return found;
}

test('popup, options and the import page have no accessibility violations, light or dark', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await routeNetflix(context);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByLabel('Access token')).toBeVisible();
  expect(await violations(popup), 'popup, not connected').toEqual([]);

  // A wrong token: the error state.
  await popup.getByLabel('Access token').fill('not-a-token');
  await popup.getByRole('button', { name: 'Connect' }).click();
  await expect(popup.getByRole('alert')).toBeVisible();
  expect(await violations(popup), 'popup, token error').toEqual([]);

  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/80100172');
  await play(page);
  await waitForEnded(page);
  await expect.poll(() => standIn.received().length, { timeout: 30_000 }).toBe(2);

  await popup.reload();
  await expect(popup.locator('.result[data-outcome="unmatched"]').first()).toBeVisible();
  await popup.getByRole('button', { name: /^Fix Watched/ }).click();
  expect(await violations(popup), 'popup, results with the fix form open').toEqual([]);
  await popup.getByRole('tab', { name: 'History' }).click();
  await expect(popup.getByRole('list', { name: 'History' })).toBeVisible();
  expect(await violations(popup), 'popup, history').toEqual([]);
  await popup.getByRole('tab', { name: 'Watchlist' }).click();
  await expect(popup.getByRole('list', { name: 'Watchlist' })).toBeVisible();
  expect(await violations(popup), 'popup, watchlist').toEqual([]);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('checkbox', { name: 'Netflix', exact: true })).toBeVisible();
  await options.getByRole('button', { name: 'Clear the log' }).click();
  expect(await violations(options), 'options').toEqual([]);

  // The import page: its form, then the cross-reference report.
  const sources = await startSources();
  try {
    const importPage = await context.newPage();
    await importPage.goto(`chrome-extension://${extensionId}/import.html`);
    await expect(importPage.getByRole('heading', { name: 'Import your viewing history' })).toBeVisible();
    expect(await violations(importPage), 'import, its form').toEqual([]);
    await preview(importPage, 'Rewind', sources);
    await summaryOf(importPage);
    expect(await violations(importPage), 'import, the report').toEqual([]);
  } finally {
    await sources.close();
  }
});

test('the import of export files has no accessibility violations: the file field, the date-order question and a report to decide on', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(90_000);
  const netflix = await startNetflixSite();
  try {
    await connectInPopup(context, extensionId, standIn.mintToken());
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/import.html`);
    await page.getByRole('radio', { name: 'Netflix export file' }).check();
    expect(await violations(page), 'import, export files chosen').toEqual([]);
    await previewFiles(page, 'Netflix export file', [
      csvFile(
        'NetflixViewingHistory.csv',
        'Title,Date\nGlass Onion: A Knives Out Mystery,02/03/23\nLupin: Part 1: Chapter 1,06/01/21\nRoma,01/01/21\n',
      ),
    ]);
    await expect(page.getByRole('radiogroup', { name: 'Date order' })).toBeVisible();
    expect(await violations(page), 'import, the date order asked').toEqual([]);
    await page.getByRole('radio', { name: 'Day before month' }).check();
    await page.getByRole('button', { name: 'Preview' }).click();
    await summaryOf(page);
    await expect(page.getByRole('radiogroup', { name: 'Read “Glass Onion” as' })).toBeVisible();
    expect(await violations(page), 'import, a report with choices').toEqual([]);
    await page.getByRole('radio', { name: 'Netflix viewing activity' }).check();
    await expect(page.getByRole('alert').getByRole('link', { name: 'Sign in to Netflix' })).toBeVisible();
    expect(await violations(page), 'import, Netflix signed out').toEqual([]);
  } finally {
    await netflix.close();
  }
});
