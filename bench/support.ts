/** What every benchmark needs: a production build pointed at a local stand-in, a browser with it loaded, a connected account. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { launchChromium, serviceWorker } from '../tests/support/browser';

export const root = resolve(import.meta.dirname, '..');

/** Builds the Chrome extension into `.output/bench-<name>`, talking to a stand-in on `port`; returns the unpacked directory. */
export function buildForBench(name: string, port: number): string {
  const out = resolve(root, `.output/bench-${name}`);
  execFileSync('npx', ['wxt', 'build'], {
    cwd: root,
    env: { ...process.env, WXT_OUT_DIR: out, WXT_REELRIFTER_API_URL: `http://127.0.0.1:${port}/api/public/v1` },
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
