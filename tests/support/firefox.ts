import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type HTTPRequest, type Page } from 'puppeteer-core';
import { E2E_API_URL, FIREFOX_EXTENSION_DIR, FIREFOX_PATH } from './env';
import { silentWav } from './media';
import { EPISODE_SECONDS } from './netflix';
import type { SiteCase } from './site-cases';
import { CLIP_PATH, siteCaseAnswers, videosDone } from './sites';

/** The fixed add-on id from the Firefox manifest (browser_specific_settings.gecko.id). */
export const FIREFOX_EXTENSION_ID = 'scrobbler@reelrifter.com';

/** How long one browser-level step (launch, install, page load) may take before we give up with a clear error. */
const STEP_TIMEOUT = 30_000;

export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>`, no trailing slash. */
  extensionOrigin: string;
  /** Opens `<extensionOrigin>/<path>` (e.g. `popup.html`) in a new tab and waits until its document has loaded. */
  openExtensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchFirefoxOptions {
  extensionDir?: string;
  executablePath?: string;
  /** Set false to watch it run (needs a display). */
  headless?: boolean;
  /** Extra Firefox preferences, merged over ours. */
  prefs?: Record<string, unknown>;
}

/**
 * A real Firefox (ESR) on a fresh temporary profile with the built extension installed, driven by
 * puppeteer-core over WebDriver BiDi (Playwright's Firefox cannot load extensions).
 *
 * Extension pages have a random per-profile UUID in Firefox; we pin it with the
 * `extensions.webextensions.uuids` pref so `moz-extension://<uuid>/…` is known before install.
 */
export async function launchFirefoxWithExtension(options: LaunchFirefoxOptions = {}): Promise<FirefoxWithExtension> {
  const executablePath = options.executablePath ?? FIREFOX_PATH;
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  assertExecutable(executablePath);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `No built Firefox extension at ${extensionDir} (manifest.json missing). Run through \`npx playwright test\` ` +
        `(its globalSetup builds it) or build it: \`WXT_REELRIFTER_API_URL=${E2E_API_URL} WXT_OUT_DIR=${dirname(extensionDir)} ` +
        'npx wxt build -b firefox`.',
    );
  }

  const uuid = randomUUID();
  const extensionOrigin = `moz-extension://${uuid}`;

  const launching = puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    // Without it, browsingContext.navigate to moz-extension:// fails: 'unsupported operation … not allowed in this context'.
    args: ['--remote-allow-system-access'],
    timeout: STEP_TIMEOUT,
    protocolTimeout: STEP_TIMEOUT,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: uuid }),
      // Nothing but loopback is reachable here: keep Firefox from trying to phone home.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'extensions.getAddons.cache.enabled': false,
      'extensions.update.enabled': false,
      ...options.prefs,
    },
  });
  // puppeteer's own `timeout` should fire first and kill Firefox; this is a backstop that also closes a late starter.
  const browser = await withTimeout(launching, STEP_TIMEOUT + 5_000, `launching Firefox (${executablePath})`).catch((error) => {
    launching.then((late) => late.close()).catch(() => undefined);
    throw error;
  });

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // browser.close() can hang if Firefox is wedged; fall back to killing the process we started.
    await withTimeout(browser.close(), 10_000, 'closing Firefox').catch(() => browser.process()?.kill('SIGKILL'));
  };

  try {
    const installedId = await withTimeout(browser.installExtension(extensionDir), STEP_TIMEOUT, `installing ${extensionDir}`);
    if (installedId !== FIREFOX_EXTENSION_ID) {
      throw new Error(
        `Firefox installed the extension as "${installedId}", expected "${FIREFOX_EXTENSION_ID}"; ` +
          'the manifest gecko id and FIREFOX_EXTENSION_ID must agree or the moz-extension:// UUID is unknown.',
      );
    }
  } catch (error) {
    await close();
    throw error;
  }

  const openExtensionPage = async (path: string): Promise<Page> => {
    const url = `${extensionOrigin}/${path.replace(/^\/+/, '')}`;
    // A missing file does not fail in Firefox: the tab just shows an empty document. Fail loudly instead.
    const file = join(extensionDir, decodeURIComponent(new URL(url).pathname));
    if (!existsSync(file)) throw new Error(`The built extension has no ${file}, so ${url} would be an empty page.`);
    const page = await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    // Firefox's BiDi reports navigationStarted/Committed for moz-extension:// documents but never domContentLoaded
    // or load, so puppeteer's goto() with the default waitUntil ('load') always times out and page.url() stays
    // 'about:blank'. Ask goto() to wait for no lifecycle event (it still waits for the navigate command), then check
    // the document ourselves.
    await page.goto(url, { waitUntil: [], timeout: STEP_TIMEOUT });
    try {
      await page.waitForFunction(
        (expected: string) => location.href === expected && document.readyState === 'complete',
        { timeout: STEP_TIMEOUT, polling: 100 },
        url,
      );
    } catch (error) {
      // page.url() is no help here (see above): ask the document.
      const shown = await page.evaluate(() => `${location.href} (${document.readyState})`).catch(() => 'unknown');
      throw new Error(`${url} did not load; the tab shows ${shown}: ${(error as Error).message}`);
    }
    return page;
  };

  return { browser, extensionOrigin, openExtensionPage, close };
}

const NETFLIX_FIXTURES = resolve(import.meta.dirname, '../fixtures/netflix');

/**
 * Serves www.netflix.com to this tab from the fixtures at its real URLs, like `routeNetflix` does for
 * Chromium: every /watch/<id> is the player page, the metadata API answers from metadata-<id>.json
 * (404 when there is none), the clip is a silent WAV, anything else is a bare page. Call it before
 * the first goto.
 *
 * This is puppeteer's request interception, which over BiDi is `network.addIntercept` scoped to this
 * tab's browsing context + `network.provideResponse`: it covers the navigation, the media request and
 * the page world's fetch() (and the content script still injects, as on the real site). Requests the
 * extension's background makes (to the loopback stand-in) are not this tab's, so they go out untouched;
 * anything this tab asks of another host is let through too.
 */
export async function routeNetflixInFirefox(page: Page, options: { seconds?: number } = {}): Promise<void> {
  const clip = silentWav(options.seconds ?? EPISODE_SECONDS);
  const player = readFileSync(resolve(NETFLIX_FIXTURES, 'player.html'));
  const answer = (request: HTTPRequest): Promise<void> => {
    const url = new URL(request.url());
    if (url.protocol !== 'https:' || url.hostname !== 'www.netflix.com') return request.continue();
    if (url.pathname.startsWith('/watch/')) {
      return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: player });
    }
    if (url.pathname === '/_fixture/clip.wav') {
      return request.respond({ status: 200, contentType: 'audio/wav', body: clip });
    }
    if (url.pathname === '/nq/website/memberapi/release/metadata') {
      const id = url.searchParams.get('movieid') ?? '';
      const file = resolve(NETFLIX_FIXTURES, `metadata-${id}.json`);
      if (/^\d+$/.test(id) && existsSync(file)) {
        return request.respond({ status: 200, contentType: 'application/json', body: readFileSync(file) });
      }
      return request.respond({ status: 404, body: '' });
    }
    return request.respond({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><title>Netflix</title><h1>Browse</h1>',
    });
  };
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    // A request still pending when the tab closes cannot be answered any more; nothing to do then.
    answer(request).catch(() => undefined);
  });
}

/**
 * Starts the page's video as a person would, muted and at `rate`× (Firefox allows 16×), so a five-minute
 * clip plays through in about 25 s. Muted playback is never blocked by Firefox's autoplay policy.
 */
export async function playInFirefox(page: Page, rate = 16): Promise<void> {
  await page.waitForFunction(() => document.querySelector('video')?.readyState === 4, { timeout: STEP_TIMEOUT, polling: 100 });
  await page.evaluate(async (r: number) => {
    const video = document.querySelector('video') as HTMLVideoElement;
    video.muted = true;
    video.defaultPlaybackRate = r;
    video.playbackRate = r;
    video.addEventListener('loadstart', () => {
      video.playbackRate = r;
    });
    await video.play();
  }, rate);
}

/** Waits until the page's video has played to its end. */
export async function waitForEndedInFirefox(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('video')?.ended === true, { timeout, polling: 250 });
}

function assertExecutable(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `Firefox not found or not executable at ${path}. Install Firefox ESR (e.g. \`apt-get install firefox-esr\`) ` +
        'or set FIREFOX_PATH to a Firefox binary.',
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Serves a site case (tests/fixtures/<id>/e2e.ts) to this tab at its real URLs, as `routeSiteCase` does in Chromium. */
export async function routeSiteCaseInFirefox(page: Page, site: string, siteCase: SiteCase): Promise<void> {
  const answer = siteCaseAnswers(site, siteCase);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const headers = request.headers();
    // Chromium's router answers CORS for its fulfilled requests; here the stand-in site says it:
    // the page's own origin may read the answer, with its credentials and the headers it asked for.
    const origin = headers.origin;
    const cors: Record<string, string> = origin
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' }
      : {};
    if (origin && request.method() === 'OPTIONS' && headers['access-control-request-method']) {
      const allow = {
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': headers['access-control-request-headers'] ?? '',
      };
      request.respond({ status: 204, headers: { ...cors, ...allow }, body: '' }).catch(() => undefined);
      return;
    }
    const result = answer(request.url(), request.isNavigationRequest(), headers);
    (result === 'pass' ? request.continue() : request.respond({ ...result, headers: cors })).catch(() => undefined);
  });
}

/** Plays a site case's decoys (muted) and main video at 16× in the player's frame; resolves when all have stopped. */
export async function playSiteCaseInFirefox(page: Page, siteCase: SiteCase): Promise<void> {
  let frame: Frame | undefined;
  const deadline = Date.now() + STEP_TIMEOUT;
  while (!frame && Date.now() < deadline) {
    frame = siteCase.frame ? page.frames().find((f) => f.url().includes(siteCase.frame as string)) : page.mainFrame();
    if (!frame) await new Promise((done) => setTimeout(done, 200));
  }
  if (!frame) throw new Error(`no frame ${siteCase.frame} in ${siteCase.url}`);
  const selectors = [...(siteCase.decoys ?? []), siteCase.play ?? 'video'];
  for (const selector of selectors) {
    await frame.waitForSelector(selector, { timeout: STEP_TIMEOUT });
    await frame.evaluate(
      async (selector: string, clip: string) => {
        const video = document.querySelector(selector) as HTMLVideoElement;
        if (!video.getAttribute('src') && !video.querySelector('source')) video.src = clip;
        // Firefox's autoplay policy lets only muted media start without a click.
        video.muted = true;
        video.defaultPlaybackRate = 16;
        video.playbackRate = 16;
        video.addEventListener('loadstart', () => {
          video.playbackRate = 16;
        });
        await video.play();
      },
      selector,
      CLIP_PATH,
    );
  }
  // Polled from here: one long waitForFunction outlives BiDi's per-call protocol timeout.
  const deadline2 = Date.now() + 120_000;
  while (!(await frame.evaluate(videosDone))) {
    if (Date.now() > deadline2) throw new Error(`the videos in ${siteCase.url} did not finish playing within 2 minutes`);
    await new Promise((wait) => setTimeout(wait, 500));
  }
}

/**
 * Clicks the extension's toolbar button while the tab showing `url` is in front, as a person would:
 * Firefox's own click handling runs (it grants the extension `activeTab` on that tab and opens the
 * popup). Done in the browser's own (chrome) scope over WebDriver BiDi, which
 * `--remote-allow-system-access` opens to the test; no page and no extension can reach it.
 */
export async function clickToolbarButton(firefox: FirefoxWithExtension, url: string): Promise<void> {
  type Answer = { result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } } };
  type Tree = { result: { contexts: Array<{ context: string; url: string }> } };
  const { connection } = firefox.browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } };
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as Tree;
  const window = tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window to click in');
  const expression = `(async () => {
    const tab = gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(url)});
    if (!tab) return 'no tab shows ${url}';
    gBrowser.selectedTab = tab;
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(FIREFOX_EXTENSION_ID)});
    await ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
    return 'clicked';
  })()`;
  const answer = (await connection.send('script.evaluate', {
    expression,
    target: { context: window.context },
    awaitPromise: true,
  })) as Answer;
  const said = answer.result.result?.value ?? answer.result.exceptionDetails?.text;
  if (said !== 'clicked') throw new Error(`the toolbar button could not be clicked: ${String(said)}`);
}
