import type { BrowserContext, Page } from '@playwright/test';
import { expect, serviceWorker } from './chromium';
import { siteCaseAnswers } from './sites';

/**
 * Sites no connector knows, chosen from the popup ("Scrobble on this site"): served on 127.0.0.1 at
 * ports of their own, because Chromium cannot answer a permission prompt and the build's API host
 * (127.0.0.1) is granted already. Chromium's match patterns name the port, so a choice covers only
 * its own origin.
 */

export const at = (port: number, path: string) => `http://127.0.0.1:${port}${path}`;

/** Serves each page at its address, and the clip, on one origin. */
export async function serve(context: BrowserContext, pages: Record<string, string>): Promise<void> {
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
export async function tabIdFor(context: BrowserContext, url: string): Promise<number> {
  const worker = await serviceWorker(context);
  const id = await worker.evaluate(async (wanted) => {
    type Tabs = { query: (q: object) => Promise<Array<{ id?: number; url?: string }>> };
    const { chrome } = globalThis as unknown as { chrome: { tabs: Tabs } };
    return (await chrome.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? 0;
  }, url);
  if (!id) throw new Error(`no tab at ${url}`);
  return id;
}

export async function openSite(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).duration >= 300);
  return page;
}

export async function popupFor(context: BrowserContext, extensionId: string, url: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdFor(context, url)}`);
  return popup;
}

/** Chooses the site in the popup: the offer, the grant, the connector started in the tab. */
export async function choose(popup: Page, host: string): Promise<void> {
  await expect(popup.getByRole('region', { name: 'Scrobble on this site' })).toContainText(`No connector knows ${host}`);
  await popup.getByRole('button', { name: 'Scrobble on this site' }).click();
  await expect(popup.getByRole('status')).toContainText(`Scrobbling on ${host}`);
}
