import { type BrowserContext, expect, type Page } from '@playwright/test';
import { REWIND_DEMO, SIMKL_DEMO, TMDB_DEMO } from '../../server/sources/demo';
import type { RewindRating } from '../../server/sources/rewind';
import { type RewindStandIn, startRewindStandIn } from '../../server/sources/rewind';
import { type SimklStandIn, startSimklStandIn } from '../../server/sources/simkl';
import { startTmdbStandIn, type TmdbStandIn } from '../../server/sources/tmdb';
import type { StandIn } from '../../server/standin';
import { E2E_REWIND_PORT, E2E_SIMKL_PORT, E2E_TMDB_PORT } from './env';
import { bodyOf } from './scrobble';

export interface Sources {
  simkl: SimklStandIn;
  tmdb: TmdbStandIn;
  rewind: RewindStandIn;
  close(): Promise<void>;
}

/** The three source stand-ins at the addresses the e2e build knows (Rewind's ratings can be given). */
export async function startSources(options: { rewindRatings?: RewindRating[] } = {}): Promise<Sources> {
  const [simkl, tmdb, rewind] = await Promise.all([
    startSimklStandIn({ port: E2E_SIMKL_PORT }),
    startTmdbStandIn({ port: E2E_TMDB_PORT }),
    startRewindStandIn({ port: E2E_REWIND_PORT, ...(options.rewindRatings ? { ratings: options.rewindRatings } : {}) }),
  ]);
  return { simkl, tmdb, rewind, close: async () => void (await Promise.all([simkl.close(), tmdb.close(), rewind.close()])) };
}

export const openImport = async (context: BrowserContext, extensionId: string): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/import.html`);
  await expect(page.getByRole('heading', { name: 'Import your viewing history' })).toBeVisible();
  return page;
};

/** Chooses a source, gives its key as a person would, and previews. */
export async function preview(
  page: Page,
  source: 'Simkl' | 'TMDB-style account' | 'Rewind',
  sources: Sources,
  ratedOnly = false,
) {
  await page.getByRole('radio', { name: source }).check();
  if (source === 'Simkl') {
    // Their own app's client ID and token, rather than the PIN the page offers first.
    await page.getByRole('button', { name: 'Enter a client ID and token' }).click();
    await page.getByLabel('Simkl client ID').fill(SIMKL_DEMO.clientId);
    await page.getByLabel('Simkl access token').fill(SIMKL_DEMO.token);
    if (ratedOnly) await page.getByRole('checkbox', { name: 'Rated items only' }).check();
  }
  if (source === 'TMDB-style account') {
    await page.getByLabel('Account API address').fill(sources.tmdb.origin);
    await page.getByLabel('Account access token').fill(TMDB_DEMO.accessToken);
  }
  if (source === 'Rewind') await page.getByLabel('Rewind API key').fill(REWIND_DEMO.liveKey);
  await page.getByRole('button', { name: 'Preview' }).click();
}

/** The summary line once the preview has read everything: its figures. */
export async function summaryOf(page: Page): Promise<{ read: number; already: number; toImport: number; notImportable: number }> {
  const line = page.getByTestId('import-summary').locator('p').first();
  await expect(line).toContainText('already in ReelRifter', { timeout: 60_000 });
  const text = (await line.textContent()) ?? '';
  const numbers = [...text.matchAll(/(\d+) (read|already in ReelRifter|to import|cannot be imported)/g)];
  const of = (word: string) => Number(numbers.find((m) => m[2] === word)?.[1] ?? Number.NaN);
  return {
    read: of('read'),
    already: of('already in ReelRifter'),
    toImport: of('to import'),
    notImportable: of('cannot be imported'),
  };
}

/** The import's scrobbles the ReelRifter stand-in applied, from one source. */
export const importedFrom = (standIn: StandIn, source: string) =>
  standIn
    .received()
    .filter((r) => r.status === 200 && !r.replayed && !r.fault && bodyOf(r).source === `ReelRifter Scrobbler import (${source})`)
    .map(bodyOf);
