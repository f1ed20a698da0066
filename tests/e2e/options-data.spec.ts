import { readFileSync } from 'node:fs';
import { expect, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, waitForApplied } from '../support/scrobble';

const GLASS_ONION = 'Glass Onion: A Knives Out Mystery';

test.beforeEach(async ({ context }) => {
  await routeNetflix(context);
});

test('export the log as JSON and CSV, then clear it after confirming', async ({ context, extensionId, standIn, openOptions }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page);
  await waitForEnded(page);
  await waitForApplied(standIn, { action: 'watched', title: GLASS_ONION });

  const options = await openOptions();
  const [json] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export as JSON' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^reelrifter-scrobbles-\d{4}-\d{2}-\d{2}\.json$/);
  const rows = JSON.parse(readFileSync(await json.path(), 'utf8'));
  expect(
    rows.map((r: { action: string; outcome: string; media: { title: string } }) => [r.action, r.outcome, r.media.title]),
  ).toEqual([
    ['watching', 'matched', GLASS_ONION],
    ['watched', 'matched', GLASS_ONION],
  ]);

  const [csv] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export as CSV' }).click(),
  ]);
  const lines = readFileSync(await csv.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(/^createdAt,site,action,outcome,title,year,mediaType/);
  expect(lines.slice(1).map((l) => l.split(',').slice(1, 5))).toEqual([
    ['netflix', 'watching', 'matched', GLASS_ONION],
    ['netflix', 'watched', 'matched', GLASS_ONION],
  ]);

  await options.getByRole('button', { name: 'Clear the log' }).click();
  // Nothing happens until it is confirmed; cancelling keeps everything.
  await options.getByRole('button', { name: 'Cancel' }).click();
  await options.getByRole('button', { name: 'Clear the log' }).click();
  await options.getByRole('button', { name: 'Yes, clear it' }).click();
  await expect(options.getByRole('status')).toHaveText('Cleared 2 entries.');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByText('Nothing scrobbled yet.')).toBeVisible();
});

test('a new watched threshold and minimum play take effect on the next viewing', async ({
  context,
  extensionId,
  standIn,
  openOptions,
}) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const options = await openOptions();
  const form = options.locator('form').filter({ has: options.getByLabel('Counts as watched at (%)') });
  await expect(options.getByLabel('Counts as watched at (%)')).toHaveValue('80');
  await options.getByLabel('Counts as watched at (%)').fill('250');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('alert')).toContainText('5 to 100');
  // 10 %: a film stopped a little past a tenth of the way counts as watched.
  await options.getByLabel('Counts as watched at (%)').fill('10');
  await options.getByLabel('Counts as watching after (seconds)').fill('0');
  await options
    .locator('form')
    .filter({ has: options.getByLabel('Counts as watched at (%)') })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(options.getByText('Saved')).toBeVisible();

  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page);
  // 15 % of the 310-s clip is 46.5 s of film, about 3 s of real time at 16×.
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 50);
  await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
  await waitForApplied(standIn, { action: 'watched', title: GLASS_ONION }, 30_000);
  expect(applied(standIn).map((b) => b.action)).toEqual(['watching', 'watched']);
});
