import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { type StandIn, startStandIn } from '../../server/standin';
import { launchChromium, serviceWorker, waitForSiteScripts } from './browser';
import { E2E_API_PORT } from './env';

export { chromiumArgs, contentScriptWorld, launchChromium, serviceWorker, waitForSiteScripts } from './browser';

interface Fixtures {
  standIn: StandIn;
  profileDir: string;
  context: BrowserContext;
  extensionId: string;
  openPopup: () => Promise<Page>;
  openOptions: () => Promise<Page>;
  /** Everything the extension printed to a console during the test. */
  consoleText: string[];
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  standIn: async ({}, use) => {
    const standIn = await startStandIn({ port: E2E_API_PORT });
    await use(standIn);
    await standIn.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  profileDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'rr-chromium-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
  consoleText: async ({}, use) => {
    await use([]);
  },
  context: async ({ profileDir, consoleText, standIn: _ }, use) => {
    const context = await launchChromium(profileDir);
    const record = (page: Page) => page.on('console', (message) => consoleText.push(message.text()));
    context.on('page', record);
    const listen = (worker: Worker) => worker.on('console', (message) => consoleText.push(message.text()));
    context.on('serviceworker', listen);
    context.serviceWorkers().forEach(listen);
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await waitForSiteScripts(context);
    const worker = await serviceWorker(context);
    await use(new URL(worker.url()).host);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },
  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },
});

export { expect } from '@playwright/test';

/** Everything in the extension's storage.local and storage.session, as text. */
export async function extensionStorageText(context: BrowserContext): Promise<string> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: Record<'local' | 'session', { get: (keys: null) => Promise<unknown> }> };
    };
    return JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]);
  });
}
