import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '../support/chromium';
import { netflixViewing, play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, settled, waitForApplied } from '../support/scrobble';

/**
 * The options page's site list says how each site has been identifying what plays, and "Report a
 * problem" gives a diagnostic to paste into a bug report that names no title, no token, no account.
 * (Each site's "working" and "through a fallback" are checked after its end-to-end cases, sites.spec.ts.)
 */
test('a film gives one watching and one watched; a site used once says it works; its problem report has the version, browser, page shape and sources, and nothing personal', async ({
  context,
  extensionId,
  standIn,
  openOptions,
}) => {
  test.setTimeout(120_000);
  await routeNetflix(context);
  const token = standIn.mintToken();
  await connectInPopup(context, extensionId, token);

  let options = await openOptions();
  await expect(options.locator('li[data-site="netflix"]')).toHaveAttribute('data-state', 'unused');
  await expect(options.locator('li[data-site="netflix"]')).toContainText('Not used yet');
  await expect(options.getByRole('button', { name: 'Report a problem with Netflix' })).toHaveCount(0);
  await options.close();

  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145?trackId=14170286');
  await play(page);
  await waitForApplied(standIn, { title: 'Glass Onion: A Knives Out Mystery', action: 'watched' });
  await waitForEnded(page);
  await settled(context, standIn);
  // A film: one watching and one watched, nothing else.
  expect(applied(standIn)).toEqual(
    netflixViewing({ title: 'Glass Onion: A Knives Out Mystery', year: 2022, mediaType: 'MOVIE' }),
  );

  options = await openOptions();
  const row = options.locator('li[data-site="netflix"]');
  await expect(row).toHaveAttribute('data-state', 'working');
  await expect(row).toContainText('Working');
  await row.getByRole('button', { name: 'Report a problem with Netflix' }).click();
  const report = options.getByLabel('Problem report for Netflix');
  await expect(report).toBeVisible();
  const text = await report.inputValue();
  const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
  expect(text).toContain(`ReelRifter Scrobbler ${version} on Chrome `);
  expect(text).toContain('Site: Netflix (netflix), sources best first: page, dom, title');
  expect(text).toContain('State: working, last named by page');
  // The address's shape: its id and query values replaced.
  expect(text).toContain('Page: https://www.netflix.com/watch/…?trackId=…');
  // Dates to the day only: not the time the person watched.
  expect(text).toMatch(/^ {2}\d{4}-\d{2}-\d{2}: page named$/m);
  // Nothing that names what was watched, the person or their token.
  for (const secret of ['Glass Onion', '81169145', '14170286', token, 'Demo Viewer']) expect(text).not.toContain(secret);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await options.getByRole('button', { name: 'Copy report' }).click();
  await expect(row.getByRole('status')).toHaveText('Copied.');
  expect(await options.evaluate(() => navigator.clipboard.readText())).toBe(text);
});
