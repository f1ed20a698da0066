import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, launchChromium, serviceWorker, test, waitForSiteScripts } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { applied, connectInPopup, outbox, settled, tabIdOf, toolbar, waitForApplied } from '../support/scrobble';

// "Ask before logging": what a viewing decides waits in the outbox, unsent, until the person says
// Log it or Don't log in the popup; unanswered, it waits across a browser restart.

// Episode 5: the fixture's last, so nothing autoplays after it.
const SEVERANCE_S2E5 = { title: 'Severance', season: 2, episode: 5 };
const GLASS_ONION = { title: 'Glass Onion: A Knives Out Mystery' };

async function switchOn(options: Page, name: string): Promise<void> {
  const box = options.getByRole('checkbox', { name, exact: true });
  await box.check();
  await expect(box).toBeChecked();
}

/** Plays a Netflix episode to its end and waits until the extension has nothing more to send. */
async function watchToEnd(context: BrowserContext, standIn: Parameters<typeof settled>[1], id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`https://www.netflix.com/watch/${id}`);
  await play(page);
  await waitForEnded(page);
  await settled(context, standIn);
  return page;
}

test('asked for every site, then for Netflix alone: nothing is sent until Log it in the popup; Don’t log sends nothing of that episode', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(150_000);
  await routeNetflix(context);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await switchOn(options, 'Ask before logging');
  // Every site asks while it is on: each site's own question shows so, and cannot be turned off alone.
  await expect(options.getByRole('checkbox', { name: 'Ask before logging on Netflix' })).toBeChecked();
  await expect(options.getByRole('checkbox', { name: 'Ask before logging on Netflix' })).toBeDisabled();

  const page = await watchToEnd(context, standIn, '81434460');
  expect(applied(standIn, { title: 'Severance' })).toEqual([]);
  expect((await outbox(context)).map((e) => [e.action, e.waitReason])).toEqual([
    ['watching', 'ask'],
    ['watched', 'ask'],
  ]);
  expect(await toolbar(context)).toMatchObject({ text: '?', title: expect.stringContaining('waiting for your answer') });

  const tabId = await tabIdOf(context, 'Severance');
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  const asks = popup.getByRole('region', { name: 'Waiting for your answer' });
  const row = asks.getByRole('listitem', { name: /^Severance S2E5\b/ });
  await expect(row).toContainText('On Netflix');
  await row.getByRole('button', { name: 'Log it' }).click();
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' });
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
  await expect(asks).toHaveCount(0);
  await expect.poll(async () => (await toolbar(context)).text).not.toBe('?');

  // Only Netflix asks now: the next film waits, and Don't log sends nothing of it.
  await options.getByRole('checkbox', { name: 'Ask before logging', exact: true }).uncheck();
  // Each site's own question is its own again: unticked, and free to tick.
  await expect(options.getByRole('checkbox', { name: 'Ask before logging on Netflix' })).not.toBeChecked();
  await switchOn(options, 'Ask before logging on Netflix');
  await options.reload();
  await expect(options.getByRole('checkbox', { name: 'Ask before logging on Netflix' })).toBeChecked();
  await expect(options.getByRole('checkbox', { name: 'Ask before logging on Hulu' })).not.toBeChecked();
  await page.close();
  await watchToEnd(context, standIn, '81169145');
  await popup.reload();
  const next = popup.getByRole('listitem', { name: /^Glass Onion/ });
  await expect(next.getByRole('button', { name: 'Log it' })).toBeVisible();
  await next.getByRole('button', { name: "Don't log" }).click();
  await expect(next).toHaveCount(0);
  await settled(context, standIn);
  expect(applied(standIn, GLASS_ONION)).toEqual([]);
  expect((await outbox(context)).filter((e) => e.state === 'queued')).toEqual([]);
});

test('unanswered, a viewing waits across a browser restart with both buttons, sent by nothing but Log it', async ({
  standIn,
}) => {
  test.setTimeout(150_000);
  const profile = await mkdtemp(join(tmpdir(), 'rr-ask-'));
  let context = await launchChromium(profile);
  try {
    await routeNetflix(context);
    await waitForSiteScripts(context);
    const id = new URL((await serviceWorker(context)).url()).host;
    await connectInPopup(context, id, standIn.mintToken());
    const options = await context.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await switchOn(options, 'Ask before logging');
    await watchToEnd(context, standIn, '81434460');
    await context.close();

    context = await launchChromium(profile);
    await waitForSiteScripts(context);
    await settled(context, standIn);
    expect(applied(standIn, { title: 'Severance' })).toEqual([]);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup.html`);
    const row = popup.getByRole('listitem', { name: /^Severance S2E5\b/ });
    await expect(row.getByRole('button', { name: "Don't log" })).toBeVisible();
    await row.getByRole('button', { name: 'Log it' }).click();
    await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' });
    expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
