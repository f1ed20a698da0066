import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH } from './env';

/** Chromium's flags; `null` for no extension at all (a benchmark's baseline). */
export const chromiumArgs = (extensionDir: string | null = CHROME_EXTENSION_DIR) => [
  ...(extensionDir === null ? [] : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A real Chromium on a fresh (or given) profile with the built extension loaded. */
export function launchChromium(
  userDataDir: string,
  options: { extensionDir?: string | null; headless?: boolean; language?: string } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: [...chromiumArgs(options.extensionDir), ...(options.language ? [`--lang=${options.language}`] : [])],
    ...(options.language ? { locale: options.language } : {}),
  });
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return live ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
}

/** Waits until the background has registered the site content scripts (it does so as it starts). */
export async function waitForSiteScripts(context: BrowserContext): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const worker = await serviceWorker(context);
    const count = await worker
      .evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: { scripting: { getRegisteredContentScripts: () => Promise<unknown[]> } };
        };
        return (await chrome.scripting.getRegisteredContentScripts()).length;
      })
      .catch(() => 0);
    if (count > 0) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the extension registered no site scripts');
}

/**
 * Runs expressions in the extension's content script world on `page` (its isolated world, found over
 * the DevTools protocol), the way a content script's own code would run. Valid until the page navigates.
 */
export async function contentScriptWorld(
  context: BrowserContext,
  page: Page,
  worldName = 'ReelRifter Scrobbler',
  timeout = 15_000,
): Promise<(expression: string) => Promise<unknown>> {
  const session = await context.newCDPSession(page);
  const contexts: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
  session.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await session.send('Runtime.enable');
  const deadline = Date.now() + timeout;
  const find = () => contexts.find((c) => c.auxData?.type === 'isolated' && c.name === worldName);
  while (!find()) {
    if (Date.now() > deadline) throw new Error(`no "${worldName}" content script world on ${page.url()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
  const contextId = (find() as (typeof contexts)[number]).id;
  return async (expression) => {
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  };
}
