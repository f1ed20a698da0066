import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { expect } from 'vitest';
import { type ExportFile, readExportFiles, type Table } from '@/utils/import/files/read';

export const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/import-files');

/** The tests' today: every fixture's dates are before it. */
export const NOW = new Date('2026-12-01T12:00:00Z');

/** A fixture file as a person gives it: its name and its bytes. */
export function fixture(path: string): ExportFile {
  return { name: basename(path), bytes: new Uint8Array(readFileSync(join(FIXTURES, path))) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A fixture folder packed as its service ships it: a ZIP of its files, under `root/` when given. */
export function zipOf(name: string, folder: string, root = ''): ExportFile {
  const dir = join(FIXTURES, folder);
  const entries = Object.fromEntries(
    filesUnder(dir).map((path) => [`${root}${relative(dir, path).split('\\').join('/')}`, new Uint8Array(readFileSync(path))]),
  );
  return { name, bytes: zipSync(entries) };
}

/** The tables of files that must read. */
export function tablesOf(...files: ExportFile[]): Table[] {
  const read = readExportFiles(files);
  if (!read.ok) expect.fail(`the files did not read: ${JSON.stringify(read.error)}`);
  return read.tables;
}

export const text = (value: string, name = 'file.csv'): ExportFile => ({ name, bytes: new TextEncoder().encode(value) });
