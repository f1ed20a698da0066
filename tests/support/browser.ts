import { type BrowserContext, chromium, type Worker } from '@playwright/test';
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
