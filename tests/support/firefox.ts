import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { E2E_API_URL, FIREFOX_EXTENSION_DIR, FIREFOX_PATH } from './env';

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
