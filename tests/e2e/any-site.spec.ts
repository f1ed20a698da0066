import type { BrowserContext, Frame, Page } from '@playwright/test';
import type { Media } from '@/utils/media';
import { describeMedia } from '@/utils/media';
import { at, choose, openSite, popupFor, serve, tabIdFor } from '../support/chosen-sites';
import { expect, serviceWorker, test } from '../support/chromium';
import { applied, connectInPopup, waitForApplied } from '../support/scrobble';
import { playVideo, waitForVideosDone } from '../support/sites';

/**
 * "Scrobble on this site", in real Chromium with the built extension: three made-up sites no
 * connector knows (one with JSON-LD, one with only meta tags, one with only a tab title), each
 * chosen from the popup, its guess confirmed, then scrobbled once; and a site not chosen, which
 * gets no script at all. The sites are served on 127.0.0.1 at ports of their own: Chromium cannot
 * answer a permission prompt, and the build's API host (127.0.0.1) is granted already. Chromium's
 * match patterns name the port, so a choice covers only its own origin.
 */

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

// --- What the generic connector names, and where it finds the player ---------------------------

/**
 * Confirms the guess shown for the tab at `url`, in a popup of its own: on a chosen site each new
 * title is asked once (utils/sites/chosen.ts).
 */
async function confirmGuess(context: BrowserContext, extensionId: string, url: string, guess: Media): Promise<void> {
  const popup = await popupFor(context, extensionId, url);
  const card = popup.locator('.now-playing[data-state="confirm"]');
  await expect(card).toContainText(describeMedia(guess), { timeout: 30_000 });
  await card.getByRole('button', { name: 'Confirm and scrobble' }).click();
  await expect(card).toHaveCount(0);
  await popup.close();
}

/** What the extension keeps of the tab's playback (its popup's source); undefined when nothing was reported there. */
async function tabPlayback(context: BrowserContext, tabId: number): Promise<unknown> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async (id) => {
    type Session = { get: (key: string) => Promise<{ tabViewings?: Record<string, unknown> }> };
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: Session } } };
    const { tabViewings = {} } = await chrome.storage.session.get('tabViewings');
    return tabViewings[String(id)];
  }, tabId);
}

/** A page whose player is in a frame: open once the frame's video is ready. */
async function openFramed(context: BrowserContext, url: string, frameUrl: string): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(() => page.frames().some((f) => f.url() === frameUrl), { timeout: 15_000 }).toBe(true);
  const frame = page.frames().find((f) => f.url() === frameUrl) as Frame;
  await frame.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).duration >= 300);
  return { page, frame };
}

/** The `<video>` in `host`'s open shadow root, as `playVideo` plays one in the page: at 16×, as a person pressing play. */
async function playInShadowRoot(page: Page, host: string): Promise<void> {
  await page.evaluate(async (host) => {
    const video = document.querySelector(host)?.shadowRoot?.querySelector('video') as HTMLVideoElement;
    video.defaultPlaybackRate = 16;
    video.playbackRate = 16;
    if (video.readyState < 4) await new Promise((done) => video.addEventListener('canplaythrough', done, { once: true }));
    await video.play();
  }, host);
}

const watched = (standIn: Parameters<typeof applied>[0]) =>
  applied(standIn, { action: 'watched' }).map((b) => [b.title, b.year, b.mediaType ?? null]);

test('a player at a fixed address: two films played one after the other there are two viewings, each watched once', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(180_000);
  const url = at(45105, '/player');
  // The player names each film only in the media session; "(2010)" is the year.
  const [first, second] = [
    { title: 'Sintel', year: 2010 },
    { title: 'Tears of Steel', year: 2012 },
  ];
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [url]: 'fixed-player.html' });
  const page = await openSite(context, url);
  await choose(await popupFor(context, extensionId, url), '127.0.0.1:45105');
  await playVideo(page.mainFrame(), 'video');
  await confirmGuess(context, extensionId, url, first);
  await waitForApplied(standIn, { ...first, action: 'watched' });
  // The page loads the next film into the same <video> when the first ends; the address stays.
  await confirmGuess(context, extensionId, url, second);
  await waitForApplied(standIn, { ...second, action: 'watched' });
  await waitForVideosDone(page.mainFrame(), 60_000);
  expect(watched(standIn)).toEqual([
    ['Sintel', 2010, null],
    ['Tears of Steel', 2012, null],
  ]);
});

test('a hash-routed app: two films at two hash routes of one page are two viewings, each watched once', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(180_000);
  const home = at(45106, '/');
  const [spring, coffeeRun] = [`${home}#/film/spring`, `${home}#/film/coffee-run`];
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [home]: 'hash-app.html' });
  const page = await openSite(context, spring);
  await choose(await popupFor(context, extensionId, spring), '127.0.0.1:45106');
  await playVideo(page.mainFrame(), 'video');
  await confirmGuess(context, extensionId, spring, { title: 'Spring', year: 2019 });
  await waitForApplied(standIn, { title: 'Spring', action: 'watched' });
  await waitForVideosDone(page.mainFrame(), 60_000);

  // In-app navigation: only the hash changes, and the app loads the next film into the same <video>.
  await page.evaluate(() => {
    location.hash = '#/film/coffee-run';
  });
  await page.waitForFunction(() => document.title.startsWith('Coffee Run'));
  await playVideo(page.mainFrame(), 'video');
  await confirmGuess(context, extensionId, coffeeRun, { title: 'Coffee Run', year: 2020 });
  await waitForApplied(standIn, { title: 'Coffee Run', action: 'watched' });
  await waitForVideosDone(page.mainFrame(), 60_000);
  expect(watched(standIn)).toEqual([
    ['Spring', 2019, null],
    ['Coffee Run', 2020, null],
  ]);
});

const ELEPHANTS_DREAM: Media = { title: 'Elephants Dream', year: 2006, mediaType: 'MOVIE' };

test('a player in a frame of the same origin: offered, and the frame asks the page around it what plays', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  const [url, player] = [at(45107, '/watch/elephants-dream'), at(45107, '/embed/elephants-dream')];
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [url]: 'iframe-page.html', [player]: 'embed-player.html' });
  const { frame } = await openFramed(context, url, player);
  // The page itself has no video: the offer measures its frames.
  await choose(await popupFor(context, extensionId, url), '127.0.0.1:45107');
  await playVideo(frame, 'video');
  await confirmGuess(context, extensionId, url, ELEPHANTS_DREAM);
  await waitForApplied(standIn, { ...ELEPHANTS_DREAM, action: 'watched' });
  await waitForVideosDone(frame, 60_000);
  expect(watched(standIn)).toEqual([['Elephants Dream', 2006, 'MOVIE']]);
});

test('a player in a frame of another chosen origin: the frame runs the connector and asks the page around it', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(150_000);
  const [url, player] = [at(45108, '/watch/elephants-dream'), at(45109, '/embed/elephants-dream')];
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [url]: 'iframe-page-cross-origin.html' });
  await serve(context, { [player]: 'embed-player.html' });
  // Chromium runs a registered script only where its origin is granted: the player's origin is
  // chosen too (here from its own address), so its script runs in the frame from the start.
  const embed = await openSite(context, player);
  await choose(await popupFor(context, extensionId, player), '127.0.0.1:45109');
  await embed.close();

  const { frame } = await openFramed(context, url, player);
  await choose(await popupFor(context, extensionId, url), '127.0.0.1:45108');
  await playVideo(frame, 'video');
  await confirmGuess(context, extensionId, url, ELEPHANTS_DREAM);
  await waitForApplied(standIn, { ...ELEPHANTS_DREAM, action: 'watched' });
  await waitForVideosDone(frame, 60_000);
  expect(watched(standIn)).toEqual([['Elephants Dream', 2006, 'MOVIE']]);
});

test('a player in an open shadow root (a web component): offered, followed and scrobbled once', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  const url = at(45110, '/watch/big-buck-bunny');
  const film: Media = { title: 'Big Buck Bunny', year: 2008, mediaType: 'MOVIE' };
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [url]: 'shadow-player.html' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(
    () => (document.querySelector('film-player')?.shadowRoot?.querySelector('video')?.duration ?? 0) >= 300,
  );
  await choose(await popupFor(context, extensionId, url), '127.0.0.1:45110');
  await playInShadowRoot(page, 'film-player');
  await confirmGuess(context, extensionId, url, film);
  await waitForApplied(standIn, { ...film, action: 'watched' });
  await page.waitForFunction(
    () => document.querySelector('film-player')?.shadowRoot?.querySelector('video')?.ended === true,
    undefined,
    { timeout: 60_000 },
  );
  expect(watched(standIn)).toEqual([['Big Buck Bunny', 2008, 'MOVIE']]);
});

test('a muted preview counts for nothing until its sound is turned on, and from then on it does', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  const url = at(45112, '/watch/cosmos-laundromat');
  const film: Media = { title: 'Cosmos Laundromat', year: 2015, mediaType: 'MOVIE' };
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [url]: 'muted-preview.html' });
  const page = await openSite(context, url);
  await choose(await popupFor(context, extensionId, url), '127.0.0.1:45112');
  // It starts muted, as a hero preview does: a quarter of the film plays and nothing is followed.
  await playVideo(page.mainFrame(), 'video', { muted: true });
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime >= 80);
  expect(await tabPlayback(context, await tabIdFor(context, url))).toBeUndefined();

  await page.evaluate(() => {
    (document.querySelector('video') as HTMLVideoElement).muted = false;
  });
  await confirmGuess(context, extensionId, url, film);
  await waitForApplied(standIn, { ...film, action: 'watched' });
  await waitForVideosDone(page.mainFrame(), 60_000);
  expect(applied(standIn).map((b) => b.action)).toEqual(['watching', 'watched']);
});

// --- What a chosen site can and cannot make the extension do -------------------------------------

test('a page that names another film after its guess was shown: the answer to the old guess sends nothing, and the new one is asked', async ({
  context,
  extensionId,
  standIn,
}) => {
  test.setTimeout(120_000);
  const url = at(45113, '/watch/night-of-the-living-dead');
  const first = { title: 'Night of the Living Dead', year: 1968, mediaType: 'MOVIE' as const };
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [url]: 'json-ld.html' });
  const page = await openSite(context, url);
  const tabId = await tabIdFor(context, url);
  const popup = await popupFor(context, extensionId, url);
  await choose(popup, '127.0.0.1:45113');
  await playVideo(page.mainFrame(), 'video');
  await expect(popup.locator('.now-playing[data-state="confirm"]')).toContainText(describeMedia(first), { timeout: 30_000 });

  // While the person reads the guess, the page moves to another address and names another film there.
  await page.evaluate(() => {
    const ld = document.querySelector('script[type="application/ld+json"]') as HTMLScriptElement;
    ld.textContent = JSON.stringify({ '@type': 'Movie', name: 'Sintel', datePublished: '2010-09-30', url: '/watch/sintel' });
    history.pushState({}, '', '/watch/sintel');
  });
  await expect
    .poll(async () => ((await tabPlayback(context, tabId)) as { guess?: { title?: string } } | undefined)?.guess?.title, {
      timeout: 15_000,
    })
    .toBe('Sintel');
  // The popup's Confirm on what it showed, arriving after the page's change: refused, nothing sent.
  const answer = await popup.evaluate(
    async ([tab, shown]) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } };
      return chrome.runtime.sendMessage({ type: 'viewing/identify', tabId: tab, media: shown, shown });
    },
    [tabId, first] as const,
  );
  expect(answer).toEqual({ ok: false, error: { kind: 'guess-changed' } });
  await popup.reload();
  await expect(popup.locator('.now-playing[data-state="confirm"]')).toContainText('Sintel (2010)', { timeout: 15_000 });
  await waitForVideosDone(page.mainFrame(), 60_000);
  expect(applied(standIn)).toEqual([]);
});

test('a second title on a trusted site is asked again, and the popup and options say what the site is trusted for', async ({
  context,
  extensionId,
  standIn,
  openOptions,
}) => {
  test.setTimeout(180_000);
  const [film, other] = [at(45114, '/watch/night-of-the-living-dead'), at(45114, '/?v=sintel')];
  const first = { title: 'Night of the Living Dead', year: 1968, mediaType: 'MOVIE' as const };
  await connectInPopup(context, extensionId, standIn.mintToken());
  await serve(context, { [film]: 'json-ld.html', [other]: 'meta-only.html' });
  const page = await openSite(context, film);
  await choose(await popupFor(context, extensionId, film), '127.0.0.1:45114');
  await playVideo(page.mainFrame(), 'video');
  await confirmGuess(context, extensionId, film, first);
  await waitForApplied(standIn, { ...first, action: 'watched' });
  await waitForVideosDone(page.mainFrame(), 60_000);

  // Another film on the same site: trusted for the first title only, so this one waits for the person.
  await page.goto(other);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).duration >= 300);
  await playVideo(page.mainFrame(), 'video');
  const popup = await popupFor(context, extensionId, other);
  const card = popup.locator('.now-playing[data-state="confirm"]');
  await expect(card).toContainText('Sintel (2010)', { timeout: 30_000 });
  await expect(card).toContainText('You confirmed Night of the Living Dead on this site; this is a new title');
  await waitForVideosDone(page.mainFrame(), 60_000);
  expect(applied(standIn, { title: 'Sintel' })).toEqual([]);

  const options = await openOptions();
  await expect(options.getByRole('list', { name: 'Your media servers' })).toContainText(
    'Logged without asking: Night of the Living Dead. Anything else here is asked first.',
  );
});
