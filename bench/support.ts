/** What every benchmark needs: a production build pointed at a local stand-in, a browser with it loaded, a connected account. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, launchChromium, serviceWorker } from '../tests/support/browser';
import { CHROMIUM_PATH } from '../tests/support/env';

export { contentScriptWorld, waitForSiteScripts } from '../tests/support/browser';

export const root = resolve(import.meta.dirname, '..');

/** Builds the Chrome extension into `.output/bench-<name>`, talking to a stand-in on `port`; returns the unpacked directory. */
export function buildForBench(name: string, port: number, env: Record<string, string> = {}): string {
  const out = resolve(root, `.output/bench-${name}`);
  execFileSync('npx', ['wxt', 'build'], {
    cwd: root,
    env: { ...process.env, WXT_OUT_DIR: out, WXT_REELRIFTER_API_URL: `http://127.0.0.1:${port}/api/public/v1`, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return resolve(out, 'chrome-mv3');
}

/** A fresh Chromium profile, with the extension in `extensionDir` loaded, or none at all. */
export async function benchBrowser(
  extensionDir: string | null,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'rr-bench-'));
  const context = await launchChromium(profile, { extensionDir });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The extension's id, once its worker runs. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  return new URL((await serviceWorker(context)).url()).host;
}

/** Pastes `token` into the popup and waits until the account shows. */
export async function connect(context: BrowserContext, id: string, token: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText(/Connected as/).waitFor();
  await page.close();
}

export const median = (values: number[]) => percentile(values, 50);

/** The nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The most of `times` (milliseconds) that fall in any window [t, t + windowMs). */
export function maxInWindow(times: number[], windowMs: number): { count: number; from: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, from: Number.NaN };
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    const from = sorted[start] as number;
    while (end < sorted.length && (sorted[end] as number) < from + windowMs) end++;
    if (end - start > best.count) best = { count: end - start, from };
  }
  return best;
}

/**
 * A fresh Chromium profile with the extension in `extensionDir`, driven by puppeteer instead of
 * Playwright, for figures about the extension's service worker lifetime. Playwright stays attached to
 * every service worker it sees, and Chrome never stops a worker with DevTools attached, so under
 * Playwright the worker never idles out; puppeteer lets go of auto-attached service workers at once.
 */
export async function benchBrowserUnattached(extensionDir: string): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'rr-bench-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir: profile,
    pipe: true,
    enableExtensions: true,
    args: chromiumArgs(extensionDir),
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The shortest time any `n` consecutive `times` (milliseconds) span; Infinity when there are fewer. */
export function shortestSpan(times: number[], n: number): { span: number; from: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { span: Number.POSITIVE_INFINITY, from: Number.NaN };
  for (let i = 0; i + n - 1 < sorted.length; i++) {
    const span = (sorted[i + n - 1] as number) - (sorted[i] as number);
    if (span < best.span) best = { span, from: sorted[i] as number };
  }
  return best;
}
