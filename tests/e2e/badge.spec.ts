import type { BrowserContext } from '@playwright/test';
import { expect, serviceWorker, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { connectInPopup } from '../support/scrobble';

/** The toolbar button as the browser shows it: badge text and title. */
async function toolbar(context: BrowserContext): Promise<{ text: string; title: string }> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    type Action = { getBadgeText: (d: object) => Promise<string>; getTitle: (d: object) => Promise<string> };
    const { chrome } = globalThis as unknown as { chrome: { action: Action } };
    return { text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
  });
}

test('the toolbar badge and title follow the state: idle, watching, scrobbled, needs attention', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await routeNetflix(context);
  await connectInPopup(context, extensionId, standIn.mintToken());
  await expect.poll(() => toolbar(context)).toEqual({ text: '', title: 'ReelRifter Scrobbler: nothing playing' });

  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page);
  await expect.poll(() => toolbar(context)).toEqual({ text: '▶', title: 'ReelRifter Scrobbler: watching' });
  await waitForEnded(page);
  await expect.poll(() => toolbar(context), { timeout: 20_000 }).toEqual({ text: '✓', title: 'ReelRifter Scrobbler: scrobbled' });

  // A title ReelRifter cannot match needs the person's attention until they open the popup.
  await page.goto('https://www.netflix.com/watch/80100172');
  await play(page);
  await waitForEnded(page);
  await expect
    .poll(() => toolbar(context), { timeout: 20_000 })
    .toEqual({ text: '!', title: 'ReelRifter Scrobbler: needs your attention' });
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator('.result[data-outcome="unmatched"]').first()).toBeVisible();
  await expect.poll(() => toolbar(context)).toEqual({ text: '✓', title: 'ReelRifter Scrobbler: scrobbled' });
});
