import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { type NetflixStandIn, type NetflixViewedItem, startNetflixStandIn } from '../../server/sources/netflix';
import { E2E_NETFLIX_PORT } from './env';

/** The export files the tests give, as the services ship them. */
export const EXPORTS = resolve(import.meta.dirname, '../fixtures/import-files');

export interface GivenFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const csvFile = (name: string, text: string): GivenFile => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

/** A fixture CSV, by its path under tests/fixtures/import-files. */
export const fixtureCsv = (path: string): GivenFile =>
  csvFile(path.split('/').at(-1) as string, readFileSync(resolve(EXPORTS, path), 'utf8'));

/** A ZIP of the given entries (path → text), as Netflix and Letterboxd ship their exports. */
export function zipFile(name: string, entries: Record<string, string>): GivenFile {
  const files = Object.fromEntries(Object.entries(entries).map(([path, text]) => [path, new TextEncoder().encode(text)]));
  return { name, mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) };
}

/** Chooses an export source, gives its files as a person would, and previews. */
export async function previewFiles(page: Page, source: string, files: GivenFile[]): Promise<void> {
  await page.getByRole('radio', { name: source, exact: true }).check();
  await page.getByLabel('Export file', { exact: true }).setInputFiles(files);
  await page.getByRole('button', { name: 'Preview' }).click();
}

/** Drops files on the page's drop zone, as a person dragging them from their desktop. */
export async function dropFiles(page: Page, files: GivenFile[]): Promise<void> {
  const given = files.map((file) => ({ name: file.name, type: file.mimeType, bytes: [...file.buffer] }));
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const file of list) data.items.add(new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
    return data;
  }, given);
  await page.getByText('Or drop the files here').dispatchEvent('drop', { dataTransfer: transfer });
}

/** Netflix's own site at the address the e2e build reads the viewing activity from. */
export const startNetflixSite = (viewings?: Record<string, readonly NetflixViewedItem[]>): Promise<NetflixStandIn> =>
  startNetflixStandIn({ port: E2E_NETFLIX_PORT, ...(viewings ? { viewings } : {}) });

/** Signs in on the site's own sign-in page, so the browser holds its cookie (as a person's would). */
export async function signInToNetflix(page: Page, netflix: NetflixStandIn): Promise<void> {
  await page.goto(`${netflix.origin}/login`);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/viewingactivity$/);
}
