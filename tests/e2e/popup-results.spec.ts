import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, keysFor, settled, toolbar, waitForApplied } from '../support/scrobble';

const UNFINDABLE = 'The Unfindable Film of Nowhere';
const GLASS_ONION = 'Glass Onion: A Knives Out Mystery';

test.beforeEach(async ({ context }) => {
  await routeNetflix(context);
});

async function watch(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`https://www.netflix.com/watch/${id}`);
  await play(page);
  await waitForEnded(page);
  return page;
}

test('a film not matched shows as one row; fixed in the popup it is matched, its started scrobble settled with it, never resent', async ({
  context,
  extensionId,
  standIn,
}) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  await watch(context, '80100172');
  await expect
    .poll(() => standIn.received().filter((r) => (r.response as { matched?: boolean })?.matched === false).length, {
      timeout: 60_000,
    })
    .toBe(2);
  // It needs the person's attention until they open the popup.
  await expect
    .poll(() => toolbar(context), { timeout: 20_000 })
    .toEqual({ text: '!', title: 'ReelRifter Scrobbler: needs your attention' });

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('.result[data-outcome="unmatched"]').first()).toContainText(UNFINDABLE);
  await expect(popup.locator('.result[data-outcome="unmatched"]').first()).toContainText('Not matched');
  await expect.poll(() => toolbar(context)).not.toEqual(expect.objectContaining({ text: '!' }));
  await expect(popup.getByTestId('match-summary')).toHaveText('2 sent · 0 matched (0%) · 2 not matched');
  await popup.getByRole('button', { name: `Fix Watched ${UNFINDABLE}` }).click();
  const form = popup.locator('.result[data-outcome="unmatched"] form').first();
  await form.getByLabel('Title').fill(GLASS_ONION);
  await form.getByLabel('Type').selectOption('MOVIE');
  await form.getByLabel('Year').fill('2022');
  await form.getByRole('button', { name: 'Resend with these' }).click();

  await waitForApplied(standIn, { action: 'watched', title: GLASS_ONION });
  expect(applied(standIn, { title: GLASS_ONION })).toEqual([
    expect.objectContaining({ action: 'watched', title: GLASS_ONION, year: 2022, mediaType: 'MOVIE' }),
  ]);
  // The fix went out under a new key: the server would replay its old answer to the old one.
  expect(keysFor(standIn, { action: 'watched' }).size).toBe(2);

  // The popup follows it while open: one row for the film, matched; its watching is settled, not resent.
  const rows = popup.locator('.result');
  await expect(popup.locator('.result[data-outcome="matched"]')).toHaveCount(1);
  await expect(rows).toHaveCount(1);
  await expect(popup.locator('.result[data-outcome="matched"]')).toContainText(`Watched ${GLASS_ONION} (2022)`);
  await expect(popup.locator('.result[data-outcome="unmatched"]')).toHaveCount(0);
  await expect(popup.getByTestId('match-summary')).toHaveText('1 sent · 1 matched (100%) · 0 not matched');
  expect(applied(standIn, { action: 'watching', title: GLASS_ONION })).toEqual([]);

  // Opened again, the popup shows that log at once, its last view, before the background answers;
  // then the live one takes its place, and that one is the popup the person uses.
  await popup.close();
  const again = await context.newPage();
  await again.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(again.locator('.result[data-outcome="matched"]')).toContainText(`Watched ${GLASS_ONION} (2022)`);
  await expect(again.locator('#last-view')).toHaveCount(0);
  const marks = await again.evaluate(() =>
    ['reelrifter:log-shown', 'reelrifter:log-rendered'].map((name) => {
      const mark = performance.getEntriesByName(name)[0] as PerformanceMark | undefined;
      return { detail: mark?.detail, at: mark?.startTime ?? Number.NaN };
    }),
  );
  expect(marks[0]?.detail).toBe('last view');
  expect(marks[0]?.at).toBeLessThan(marks[1]?.at ?? 0);
  await expect(again.getByRole('button', { name: `Never log this film` })).toBeEnabled();
  // Disconnected, it keeps nothing that names the account or its log.
  await again.getByRole('button', { name: 'Disconnect' }).click();
  await expect(again.getByLabel('Access token')).toBeVisible();
  await again.close();
  const disconnected = await context.newPage();
  await disconnected.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(disconnected.getByLabel('Access token')).toBeVisible();
  expect(await disconnected.evaluate(() => localStorage.length)).toBe(0);
  await expect(disconnected.locator('body')).not.toContainText(GLASS_ONION);
});

test('a failed scrobble can be retried from the popup and is delivered once', async ({ context, extensionId, standIn }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  // Refused twice (422): both scrobbles of the film fail and wait for the user.
  standIn.setFault({ kind: 'refuse', times: 2, paths: ['/scrobble'] });
  await watch(context, '81169145');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // One row for the film, by its watched scrobble; both of its scrobbles failed.
  await expect(popup.locator('.result[data-outcome="failed"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(popup.getByTestId('match-summary')).toContainText('2 failed');
  await popup.getByRole('button', { name: `Retry Watched ${GLASS_ONION}` }).click();
  await waitForApplied(standIn, { action: 'watched', title: GLASS_ONION });
  expect(applied(standIn, { action: 'watched' })).toHaveLength(1);
  await popup.reload();
  // Matched, it settles the failed watching it overtook: one matched row, nothing left failed.
  await expect(popup.locator('.result[data-outcome="matched"]')).toHaveCount(1);
  await expect(popup.locator('.result')).toHaveCount(1);
  await expect(popup.locator('.result[data-outcome="failed"]')).toHaveCount(0);
});

test('the pause switch stops scrobbling until it is switched back', async ({ context, extensionId, standIn }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('checkbox', { name: 'Pause scrobbling' }).check();
  await expect(popup.getByText('Scrobbling is paused')).toBeVisible();

  const page = await watch(context, '81169145');
  await settled(context, standIn);
  expect(standIn.received()).toEqual([]);

  await popup.reload();
  await expect(popup.getByRole('checkbox', { name: 'Pause scrobbling' })).toBeChecked();
  await popup.getByRole('checkbox', { name: 'Pause scrobbling' }).uncheck();
  await page.reload();
  await play(page);
  await waitForApplied(standIn, { action: 'watched', title: GLASS_ONION });
});
