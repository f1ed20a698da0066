import type { BrowserContext, Page } from '@playwright/test';
import type { Media } from '@/utils/media';
import { describeMedia } from '@/utils/media';
import { expect, serviceWorker, test } from '../support/chromium';
import { applied, connectInPopup, waitForApplied } from '../support/scrobble';
import { playVideo, siteCaseAnswers, waitForVideosDone } from '../support/sites';

/**
 * "Scrobble on this site", in real Chromium with the built extension: three made-up sites no
 * connector knows (one with JSON-LD, one with only meta tags, one with only a tab title), each
 * chosen from the popup, its guess confirmed, then scrobbled once; and a site not chosen, which
 * gets no script at all. The sites are served on 127.0.0.1 at ports of their own: Chromium cannot
 * answer a permission prompt, and the build's API host (127.0.0.1) is granted already. Chromium's
 * match patterns name the port, so a choice covers only its own origin.
 */

const at = (port: number, path: string) => `http://127.0.0.1:${port}${path}`;

/** Serves each page at its address, and the clip, on one origin. */
async function serve(context: BrowserContext, pages: Record<string, string>): Promise<void> {
  const answers = new Map(
    Object.entries(pages).map(([url, page]) => [url, siteCaseAnswers('any-site', { name: url, url, page, expect: [] })]),
  );
  const origin = new URL(Object.keys(pages)[0] as string).origin;
  await context.route(`${origin}/**`, async (route) => {
    const request = route.request();
    const url = request.url().split('#')[0] as string;
    // The page's own answers at its address; the first page's for anything else (the clip, a 404).
    const answer = answers.get(url) ?? (answers.values().next().value as ReturnType<typeof siteCaseAnswers>);
    const result = answer(url, request.resourceType() === 'document');
    return result === 'pass' ? route.fallback() : route.fulfill(result);
  });
}

/** The tab showing `url`, as the extension knows it (the host is granted, so it sees the address). */
async function tabIdFor(context: BrowserContext, url: string): Promise<number> {
  const worker = await serviceWorker(context);
  const id = await worker.evaluate(async (wanted) => {
    type Tabs = { query: (q: object) => Promise<Array<{ id?: number; url?: string }>> };
    const { chrome } = globalThis as unknown as { chrome: { tabs: Tabs } };
    return (await chrome.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? 0;
  }, url);
  if (!id) throw new Error(`no tab at ${url}`);
  return id;
}

async function openSite(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).duration >= 300);
  return page;
}

async function popupFor(context: BrowserContext, extensionId: string, url: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdFor(context, url)}`);
  return popup;
}

/** Chooses the site in the popup: the offer, the grant, the connector started in the tab. */
async function choose(popup: Page, host: string): Promise<void> {
  await expect(popup.getByRole('region', { name: 'Scrobble on this site' })).toContainText(`No connector knows ${host}`);
  await popup.getByRole('button', { name: 'Scrobble on this site' }).click();
  await expect(popup.getByRole('status')).toContainText(`Scrobbling on ${host}`);
}

/** The registered generic-connector scripts' matches. */
async function chosenMatches(context: BrowserContext): Promise<string[]> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    type Scripting = { getRegisteredContentScripts: () => Promise<Array<{ id: string; matches?: string[] }>> };
    const { chrome } = globalThis as unknown as { chrome: { scripting: Scripting } };
    return (await chrome.scripting.getRegisteredContentScripts())
      .filter((s) => s.id.includes('any-site'))
      .flatMap((s) => s.matches ?? []);
  });
}

const SITES: Array<{ kind: string; url: string; page: string; guess: Media }> = [
  {
    kind: 'JSON-LD',
    url: at(45101, '/watch/night-of-the-living-dead'),
    page: 'json-ld.html',
    guess: { title: 'Night of the Living Dead', year: 1968, mediaType: 'MOVIE' },
  },
  {
    kind: 'only meta tags',
    url: at(45102, '/?v=sintel'),
    page: 'meta-only.html',
    guess: { title: 'Sintel', year: 2010, mediaType: 'MOVIE' },
  },
];

for (const site of SITES) {
  test(`a site with ${site.kind}: chosen in the popup (its origin pre-granted), what it names confirmed, scrobbled once`, async ({
    context,
    extensionId,
    standIn,
  }) => {
    test.setTimeout(120_000);
    await connectInPopup(context, extensionId, standIn.mintToken());
    await serve(context, { [site.url]: site.page });
    const page = await openSite(context, site.url);
    const popup = await popupFor(context, extensionId, site.url);
    await choose(popup, new URL(site.url).host);

    await playVideo(page.mainFrame(), 'video');
    const card = popup.locator('.now-playing[data-state="confirm"]');
    await expect(card).toContainText(describeMedia(site.guess), { timeout: 30_000 });
    // Nothing reaches ReelRifter before the person has seen and confirmed the guess.
    expect(applied(standIn)).toEqual([]);
    await card.getByRole('button', { name: 'Confirm and scrobble' }).click();

    await waitForApplied(standIn, { ...site.guess, action: 'watched' });
    await waitForVideosDone(page.mainFrame(), 60_000);
    expect(applied(standIn).map((b) => b.action)).toEqual(['watching', 'watched']);
    expect(applied(standIn, { action: 'watched' })[0]).toMatchObject({ ...site.guess });
  });
}

test('a site with only a tab title (its origin pre-granted): the corrected show is remembered there, and its next episode goes without asking', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(180_000);
  const [e5, e6] = [at(45103, '/pioneer-one/s02e05'), at(45103, '/pioneer-one/s02e06')];
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [e5]: 'title-only-e5.html', [e6]: 'title-only-e6.html' });
  const page = await openSite(context, e5);
  const popup = await popupFor(context, extensionId, e5);
  await choose(popup, '127.0.0.1:45103');
  await playVideo(page.mainFrame(), 'video');
  const card = popup.locator('.now-playing[data-state="confirm"]');
  await expect(card).toContainText('Pioneer One S2E5', { timeout: 30_000 });
  // The person adds the show's year: a correction for this show on this site.
  await card.getByLabel('Year').fill('2010');
  await card.getByRole('button', { name: 'Confirm and scrobble' }).click();
  const fixed = { title: 'Pioneer One', year: 2010, mediaType: 'TV' as const, season: 2 };
  await waitForApplied(standIn, { ...fixed, episode: 5, action: 'watched' });
  await waitForVideosDone(page.mainFrame(), 60_000);

  // The next episode: confirmed once already, so sent as named, with the correction.
  await page.goto(e6);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).duration >= 300);
  await playVideo(page.mainFrame(), 'video');
  await waitForApplied(standIn, { ...fixed, episode: 6, action: 'watched' });
  expect(applied(standIn, { action: 'watched' }).map((b) => [b.title, b.year, b.season, b.episode])).toEqual([
    ['Pioneer One', 2010, 2, 5],
    ['Pioneer One', 2010, 2, 6],
  ]);
});

test('a site not chosen gets no script, and removing a chosen one in the options page takes its script away', async ({
  context,
  extensionId,
  standIn,
  openOptions,
}) => {
  test.setTimeout(120_000);
  const [chosen, other] = [at(45101, '/watch/night-of-the-living-dead'), at(45104, '/pioneer-one/s02e05')];
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [chosen]: 'json-ld.html' });
  await serve(context, { [other]: 'title-only-e5.html' });
  await openSite(context, chosen);
  await choose(await popupFor(context, extensionId, chosen), '127.0.0.1:45101');
  expect(await chosenMatches(context)).toEqual(['http://127.0.0.1:45101/*']);

  // Another site, never chosen, on the same host: its film plays to the end and nothing hears it.
  const page = await openSite(context, other);
  await playVideo(page.mainFrame(), 'video');
  await waitForVideosDone(page.mainFrame(), 60_000);
  const popup = await popupFor(context, extensionId, other);
  await expect(popup.getByRole('button', { name: 'Scrobble on this site' })).toBeVisible();
  expect(applied(standIn)).toEqual([]);

  const options = await openOptions();
  const servers = options.getByRole('list', { name: 'Your media servers' });
  await expect(servers).toContainText('Sites you chose: http://127.0.0.1:45101');
  await servers.getByRole('button', { name: 'Remove http://127.0.0.1:45101' }).click();
  await expect(options.getByText('No servers added yet.')).toBeVisible();
  expect(await chosenMatches(context)).toEqual([]);
});
