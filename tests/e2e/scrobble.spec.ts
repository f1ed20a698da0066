import type { BrowserContext, Page } from '@playwright/test';
import { startStandIn } from '../../server/standin';
import { expect, launchChromium, serviceWorker, test } from '../support/chromium';
import { E2E_API_PORT } from '../support/env';
import { netflixViewing, play, routeNetflix, waitForEnded } from '../support/netflix';
import {
  applied,
  bodyOf,
  connectInPopup,
  keysFor,
  outbox,
  settled,
  stopServiceWorker,
  tabIdOf,
  toolbar,
  waitForApplied,
} from '../support/scrobble';

const SEVERANCE_S2E5 = { title: 'Severance', season: 2, episode: 5 };

test.beforeEach(async ({ context }) => {
  await routeNetflix(context);
});

async function playOnNetflix(context: BrowserContext, id: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`https://www.netflix.com/watch/${id}`);
  await play(page);
  return page;
}

test('watching goes out once 30 s of film have played and watched once 80 % has, at any speed, while it plays', async ({
  context,
  extensionId,
  standIn,
}) => {
  // 248 s of film at 8× is 31 s.
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81434460');
  await play(page, 8);
  const position = () => page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
  // The page reports when the background says the next decision is due: 30 s of film is under 4 s
  // at 8×. A fixed half-minute sample would have sent it only 240 s into the film.
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watching' }, 20_000);
  expect(await position()).toBeLessThan(100);
  // 80 % of the 310-s episode is 248 s: watched goes out then, before the end (310 s) reports it.
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' }, 60_000);
  expect(await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).ended)).toBe(false);
  expect(await position()).toBeLessThan(300);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
});

test('an episode gives one watching and one watched with the right fields, and the toolbar follows it', async ({
  context,
  extensionId,
  standIn,
}) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  await expect.poll(() => toolbar(context)).toEqual({ text: '', title: 'ReelRifter Scrobbler: nothing playing' });
  const page = await playOnNetflix(context, '81434460');
  await expect.poll(() => toolbar(context)).toEqual({ text: '▶', title: 'ReelRifter Scrobbler: watching' });
  await waitForEnded(page);
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' });
  await expect.poll(() => toolbar(context), { timeout: 20_000 }).toEqual({ text: '✓', title: 'ReelRifter Scrobbler: scrobbled' });

  expect(applied(standIn, SEVERANCE_S2E5)).toEqual(
    netflixViewing({ title: 'Severance', year: 2022, mediaType: 'TV', season: 2, episode: 5 }),
  );

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdOf(context, 'Severance')}`);
  await expect(popup.locator('.now-playing')).toContainText('Severance S2E5 (2022)');
  await expect(popup.locator('.now-playing')).toContainText('Scrobbled as watched');
  await expect(popup.locator('.result').first()).toContainText('Matched: Severance S2E5 (2022)');
});

test('a tab closed mid-episode ends its viewing where it stood: played on in a new tab, watched goes out once 80 % is played in all', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await playOnNetflix(context, '81434460');
  const position = () => page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
  // 200 s of the 310-s episode, then the tab goes: no report is due between watching (30 s) and
  // watched (248 s), so only the page's own report as it closes says how far it came.
  await expect.poll(position, { timeout: 30_000, intervals: [100] }).toBeGreaterThan(200);
  await page.close();
  await settled(context, standIn);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching']);

  // The rest, from 200 s, in a new tab: 110 s more. Only with the closed tab's 200 s does the
  // viewing reach 248 s of 310, so watched goes out, once.
  const again = await context.newPage();
  await again.goto('https://www.netflix.com/watch/81434460');
  await again.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement | null)?.readyState === 4);
  await again.evaluate(() => {
    (document.querySelector('video') as HTMLVideoElement).currentTime = 200;
  });
  await play(again);
  await waitForEnded(again);
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' });
  await settled(context, standIn);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
});

test('autoplay into the next episode scrobbles both, each once', async ({ context, extensionId, standIn }) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/81434459');
  await play(page);
  await page.waitForURL('**/watch/81434460', { timeout: 90_000 });
  await waitForEnded(page, 90_000);
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' });
  expect(applied(standIn, { title: 'Severance', action: 'watched' }).map((b) => b.episode)).toEqual([4, 5]);
  expect(applied(standIn, { title: 'Severance', action: 'watching' }).map((b) => b.episode)).toEqual([4, 5]);
});

test('a video nothing identifies sends nothing and the popup says so; named there, it is scrobbled as that, once', async ({
  context,
  extensionId,
  standIn,
}) => {
  await connectInPopup(context, extensionId, standIn.mintToken());
  const page = await context.newPage();
  await page.goto('https://www.netflix.com/watch/70000001');
  await play(page);
  const tabId = await tabIdOf(context, null);
  await waitForEnded(page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByText("Couldn't identify what's playing on Netflix.")).toBeVisible();
  // Which of the site's sources were asked, and what each said.
  await expect(
    popup.getByText(
      'Tried: the site’s own data (found nothing), the player’s text (found nothing), the tab’s title (found nothing).',
    ),
  ).toBeVisible();
  expect(standIn.received()).toEqual([]);
  // The options page's site list says so too, since when.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const netflix = options.locator('li[data-site="netflix"]');
  await expect(netflix).toHaveAttribute('data-state', 'unidentified');
  await expect(netflix).toContainText('Couldn’t identify what plays since');
  await options.close();

  // Named in the popup: scrobbled as that, once.
  await popup.getByText('Tell ReelRifter what this is').click();
  await popup.getByLabel('Title').fill('  Glass Onion: A Knives Out Mystery ');
  await popup.getByLabel('Type').selectOption('MOVIE');
  await popup.getByLabel('Year').fill('2022');
  await popup.getByRole('button', { name: 'Scrobble as this' }).click();
  await waitForApplied(standIn, { action: 'watched', title: 'Glass Onion: A Knives Out Mystery' });
  await expect(popup.locator('.now-playing .title')).toHaveText('Glass Onion: A Knives Out Mystery (2022)');
  const bodies = applied(standIn);
  expect(bodies.map((b) => [b.action, b.title, b.year, b.mediaType, b.season])).toEqual([
    ['watching', 'Glass Onion: A Knives Out Mystery', 2022, 'MOVIE', undefined],
    ['watched', 'Glass Onion: A Knives Out Mystery', 2022, 'MOVIE', undefined],
  ]);
  expect(keysFor(standIn, { action: 'watched' }).size).toBe(1);
  // Named now: the popup no longer offers to name it.
  await expect(popup.getByText('Tell ReelRifter what this is')).toHaveCount(0);
});

test('server down while the episode finishes, back after two failed tries: delivered once', async ({
  context,
  extensionId,
  standIn,
}) => {
  // Tries back off 30 s, then 60 s: the third goes out about 90 s after the first.
  test.setTimeout(4 * 60_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const state = standIn.state;
  await standIn.close();
  const page = await playOnNetflix(context, '81434460');
  await waitForEnded(page);
  // The server comes back once the outbox's first scrobble has failed twice, and nothing was lost.
  await expect
    .poll(async () => (await outbox(context))[0]?.attempts ?? 0, { timeout: 2 * 60_000, intervals: [1_000] })
    .toBeGreaterThanOrEqual(2);
  expect((await outbox(context)).map((e) => [e.action, e.state])).toEqual([
    ['watching', 'queued'],
    ['watched', 'queued'],
  ]);

  const back = await startStandIn({ port: E2E_API_PORT, state });
  try {
    await waitForApplied(back, { ...SEVERANCE_S2E5, action: 'watched' }, 2 * 60_000);
    await waitForApplied(back, { ...SEVERANCE_S2E5, action: 'watching' }, 10_000);
    expect(applied(back, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
  } finally {
    await back.close();
  }
});

test('a 500, then 200: delivered once', async ({ context, extensionId, standIn }) => {
  test.setTimeout(3 * 60_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  standIn.setFault({ kind: 'error500', times: 1, paths: ['/scrobble'] });
  await playOnNetflix(context, '81434460');
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' }, 2 * 60_000);
  expect(standIn.received().filter((r) => r.fault === 'error500')).toHaveLength(1);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
});

test('a 429 with Retry-After: waits, then delivered once', async ({ context, extensionId, standIn }) => {
  test.setTimeout(5 * 60_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  standIn.setFault({ kind: 'rateLimit', times: 1, retryAfterSeconds: 40, paths: ['/scrobble'] });
  await playOnNetflix(context, '81434460');
  await expect.poll(() => standIn.received().filter((r) => r.fault === 'rateLimit').length, { timeout: 90_000 }).toBe(1);
  const limitedAt = Date.now();
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watching' }, 3 * 60_000);
  expect(Date.now() - limitedAt).toBeGreaterThanOrEqual(35_000);
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' }, 30_000);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
});

test('a dropped connection: delivered once', async ({ context, extensionId, standIn }) => {
  test.setTimeout(5 * 60_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  standIn.setFault({ kind: 'drop', times: 1, paths: ['/scrobble'] });
  await playOnNetflix(context, '81434460');
  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' }, 3 * 60_000);
  expect(standIn.received().filter((r) => r.fault === 'drop')).toHaveLength(1);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
});

test('the worker stopped mid-send: delivered exactly once', async ({ context, extensionId, standIn }) => {
  test.setTimeout(5 * 60_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  // The first scrobble is held by the server; the worker is stopped while it waits for the answer.
  standIn.setFault({ kind: 'slow', times: 1, delayMs: 8_000, paths: ['/scrobble'] });
  const page = await playOnNetflix(context, '81434460');
  await expect.poll(() => standIn.inFlight(), { timeout: 90_000, intervals: [100] }).toBe(1);
  await stopServiceWorker(context, page);

  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' }, 3 * 60_000);
  await waitForEnded(page);
  await settled(context, standIn);
  expect(applied(standIn, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
  expect(keysFor(standIn, { ...SEVERANCE_S2E5, action: 'watching' }).size).toBe(1);
  expect(standIn.received().filter((r) => bodyOf(r).action === 'watching').length).toBeGreaterThan(1);
});

test('the browser closed with a non-empty outbox delivers after it reopens', async ({
  context,
  extensionId,
  standIn,
  profileDir,
}) => {
  test.setTimeout(5 * 60_000);
  await connectInPopup(context, extensionId, standIn.mintToken());
  const state = standIn.state;
  await standIn.close();
  const page = await playOnNetflix(context, '81434460');
  await waitForEnded(page);
  // Both scrobbles wait in the outbox when the browser closes.
  await expect
    .poll(async () => (await outbox(context)).map((e) => [e.action, e.state]), { timeout: 15_000 })
    .toEqual([
      ['watching', 'queued'],
      ['watched', 'queued'],
    ]);
  await context.close();

  const back = await startStandIn({ port: E2E_API_PORT, state });
  const reopened = await launchChromium(profileDir);
  try {
    await serviceWorker(reopened);
    await waitForApplied(back, { ...SEVERANCE_S2E5, action: 'watched' }, 3 * 60_000);
    expect(applied(back, SEVERANCE_S2E5).map((b) => b.action)).toEqual(['watching', 'watched']);
  } finally {
    await reopened.close();
    await back.close();
  }
});

test('a token revoked while events are queued loses nothing; after reconnecting all are delivered once', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(5 * 60_000);
  const token = standIn.mintToken();
  await connectInPopup(context, extensionId, token);
  standIn.revokeToken(token);
  const page = await playOnNetflix(context, '81434460');
  await waitForEnded(page);
  await expect.poll(() => standIn.received().filter((r) => r.status === 401).length, { timeout: 60_000 }).toBeGreaterThan(0);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByText(/no longer accepts your token/)).toBeVisible();
  await popup.getByLabel('Access token').fill(standIn.mintToken());
  await popup.getByRole('button', { name: 'Connect' }).click();
  await expect(popup.getByText(/Connected as/)).toBeVisible();

  await waitForApplied(standIn, { ...SEVERANCE_S2E5, action: 'watched' }, 2 * 60_000);
  await settled(context, standIn);
  expect(
    applied(standIn, SEVERANCE_S2E5)
      .map((b) => b.action)
      .sort(),
  ).toEqual(['watched', 'watching']);
});
