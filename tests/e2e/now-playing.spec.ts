import type { Page } from '@playwright/test';
import { expect, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, settled, tabIdOf, waitForApplied } from '../support/scrobble';

const GLASS_ONION = 'Glass Onion: A Knives Out Mystery';

test.beforeEach(async ({ context }) => {
  await routeNetflix(context);
});

/** Starts the film at normal speed, so the buttons are pressed while it plays. */
async function playSlowly(page: Page): Promise<void> {
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page, 1);
}

test('the popup shows how far the film has come as it opens, though the page last reported minutes of film ago', async ({
  context,
  extensionId,
  standIn,
}) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page, 8);
  const tabId = await tabIdOf(context, GLASS_ONION);
  // After watching (30 s of film) nothing is due until 80 %, so the page stays quiet meanwhile.
  await waitForApplied(standIn, { action: 'watching', title: GLASS_ONION }, 20_000);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 150);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.locator('.now-playing')).toHaveAttribute('data-state', 'playing');
  // 150 s of the 288 s that make it watched: over half way, not the 10 % of the last report.
  const shown = await popup.locator('.now-playing progress').evaluate((bar) => (bar as HTMLProgressElement).value);
  expect(shown).toBeGreaterThanOrEqual(50);
  expect(shown).toBeLessThan(100);
});

test('while the popup stays open, its progress moves, the state follows the page and the log shows each scrobble as it goes', async ({
  context,
  extensionId,
  standIn,
}) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page, 4);
  const tabId = await tabIdOf(context, GLASS_ONION);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  const bar = popup.locator('.now-playing progress');
  const progress = () => bar.evaluate((element) => (element as HTMLProgressElement).value);
  await expect(popup.locator('.now-playing')).toHaveAttribute('data-state', 'playing');
  const first = await progress();
  // Never reloaded: the bar moves as the film plays.
  await expect.poll(progress, { timeout: 15_000 }).toBeGreaterThan(first);
  const second = await progress();
  await expect.poll(progress, { timeout: 15_000 }).toBeGreaterThan(second);
  // The watching scrobble appears in the log as it is sent, matched.
  await expect(popup.locator('.result[data-outcome="matched"]')).toContainText(`Started ${GLASS_ONION}`, { timeout: 20_000 });
  // Paused in the page, the popup says so.
  await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
  await expect(popup.locator('.now-playing')).toHaveAttribute('data-state', 'paused');
  await expect(popup.getByText('Paused')).toBeVisible();
});

test('"Scrobble now" sends watched at once, after watching, each once', async ({ context, extensionId, standIn }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await playSlowly(page);
  const tabId = await tabIdOf(context, GLASS_ONION);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.locator('.now-playing')).toHaveAttribute('data-state', 'playing');
  await popup.getByRole('button', { name: 'Scrobble now' }).click();
  await waitForApplied(standIn, { action: 'watched', title: GLASS_ONION }, 20_000);
  expect(applied(standIn).map((b) => b.action)).toEqual(['watching', 'watched']);
  await expect(popup.locator('.now-playing')).toHaveAttribute('data-state', 'scrobbled');
  // Playing on to the end sends nothing more.
  await page.evaluate(() => {
    const video = document.querySelector('video') as HTMLVideoElement;
    video.playbackRate = 16;
  });
  await waitForEnded(page);
  await settled(context, standIn);
  expect(applied(standIn).map((b) => b.action)).toEqual(['watching', 'watched']);
});

test('"Don\'t scrobble this" sends nothing for that viewing, even when it ends', async ({ context, extensionId, standIn }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await playSlowly(page);
  const tabId = await tabIdOf(context, GLASS_ONION);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.locator('.now-playing')).toHaveAttribute('data-state', 'playing');
  await popup.getByRole('button', { name: "Don't scrobble this" }).click();
  await expect(popup.getByText('Not scrobbling this one')).toBeVisible();
  // Paused shows as paused.
  await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
  await expect
    .poll(async () => {
      await popup.reload();
      return popup.locator('.now-playing').getAttribute('data-state');
    })
    .toBe('paused');
  await expect(popup.getByText('Paused')).toBeVisible();
  await page.evaluate(() => {
    const video = document.querySelector('video') as HTMLVideoElement;
    video.playbackRate = 16;
    void video.play();
  });
  await waitForEnded(page);
  await settled(context, standIn);
  expect(standIn.received()).toEqual([]);
});
