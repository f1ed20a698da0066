import type { BrowserContext } from '@playwright/test';
import { contentScriptWorld, expect, serviceWorker, test } from '../support/chromium';
import { play, routeNetflix, waitForEnded } from '../support/netflix';
import { connectInPopup, countWorkerMessages, stopServiceWorker, waitForApplied } from '../support/scrobble';

/** The ids of the content scripts the extension has registered right now, asked from one of its pages. */
async function registeredScripts(context: BrowserContext): Promise<string[]> {
  const worker = await serviceWorker(context);
  let extensionPage = context.pages().find((p) => p.url().startsWith('chrome-extension://'));
  if (!extensionPage) {
    extensionPage = await context.newPage();
    await extensionPage.goto(new URL('/options.html', worker.url()).href);
  }
  return extensionPage.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { scripting: { getRegisteredContentScripts: () => Promise<Array<{ id: string }>> } };
    };
    return (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort();
  });
}

test('a site switched off gets no script and sends nothing; switched back on, it scrobbles', async ({
  context,
  extensionId,
  standIn,
  openOptions,
}) => {
  test.setTimeout(150_000);
  await routeNetflix(context);
  await connectInPopup(context, extensionId, standIn.mintToken());
  expect(await registeredScripts(context)).toEqual(expect.arrayContaining(['site:netflix', 'site-page:netflix']));

  const options = await openOptions();
  const netflixSwitch = options.getByRole('checkbox', { name: 'Netflix', exact: true });
  await netflixSwitch.uncheck();
  await expect.poll(() => registeredScripts(context)).not.toContain('site:netflix');
  expect(await registeredScripts(context)).not.toContain('site-page:netflix');
  // The other sites keep theirs.
  expect(await registeredScripts(context)).toContain('site:disney-plus');

  const received = await countWorkerMessages(context);
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81169145');
  await play(page);
  await waitForEnded(page);
  // No content script ran: the page has no world of ours (the browser lists a page's worlds as soon
  // as it is asked), and not one message reached the worker while the film played to its end.
  await expect(contentScriptWorld(context, page, undefined, 1_000)).rejects.toThrow(
    /no "ReelRifter Scrobbler" content script world/,
  );
  expect(await received()).toBe(0);
  expect(standIn.received()).toEqual([]);

  // The setting survives reopening the options page.
  await options.reload();
  await expect(options.getByRole('checkbox', { name: 'Netflix', exact: true })).not.toBeChecked();
  await options.getByRole('checkbox', { name: 'Netflix', exact: true }).check();
  await expect.poll(() => registeredScripts(context)).toContain('site:netflix');

  await page.reload();
  // The same checks see the content script once the site is back on.
  await contentScriptWorld(context, page);
  await play(page);
  await expect.poll(received).toBeGreaterThan(0);
  await waitForEnded(page);
  await waitForApplied(standIn, { action: 'watched', title: 'Glass Onion: A Knives Out Mystery' });
});

test('the registered site scripts survive the worker being stopped and started', async ({ context, extensionId }) => {
  const before = await registeredScripts(context);
  expect(before.length).toBeGreaterThan(0);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await stopServiceWorker(context, page);
  // The next start syncs again; the list is the same.
  await expect.poll(() => registeredScripts(context), { timeout: 15_000 }).toEqual(before);
});

test('a server added in the options page (its origin pre-granted) gets its scripts; removing it takes them away', async ({
  context,
  openOptions,
}) => {
  const server = 'http://127.0.0.1:8096';
  const options = await openOptions();
  await options.getByLabel('App', { exact: true }).selectOption('jellyfin');
  await options.getByLabel('Server address').fill('127.0.0.1:8096');
  await options.getByRole('button', { name: 'Add server' }).click();
  await expect(options.getByRole('list', { name: 'Your media servers' })).toContainText(server);
  expect(await registeredScripts(context)).toEqual(
    expect.arrayContaining([`server:jellyfin:${server}`, `server-page:jellyfin:${server}`]),
  );

  // An address that is no address is refused with a message, and nothing is added.
  await options.getByLabel('Server address').fill('ftp://nas');
  await options.getByRole('button', { name: 'Add server' }).click();
  await expect(options.getByRole('alert')).toContainText('not a server address');

  await options.getByRole('button', { name: `Remove ${server}` }).click();
  await expect(options.getByText('No servers added yet.')).toBeVisible();
  const left = await registeredScripts(context);
  expect(left.filter((id) => id.startsWith('server'))).toEqual([]);
  expect(left).toContain('site:netflix');
  // The host stays allowed: the API server (the stand-in) lives there too.
  const stillAllowed = await options.evaluate(() =>
    (
      globalThis as unknown as { chrome: { permissions: { contains: (p: object) => Promise<boolean> } } }
    ).chrome.permissions.contains({
      origins: ['http://127.0.0.1/*'],
    }),
  );
  expect(stillAllowed).toBe(true);
});
