import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLDER = resolve(import.meta.dirname, '../../../../utils/import/files');
const IMPORT = /^import\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm;

describe('utils/import/files', () => {
  it('loads nothing but its own modules, the CSV and ZIP readers: no zod, no store, no network, so the import page can read files itself', () => {
    const loaded = readdirSync(FOLDER).flatMap((file) =>
      [...readFileSync(join(FOLDER, file), 'utf8').matchAll(IMPORT)].flatMap(([, typeOnly, module]) =>
        typeOnly ? [] : [`${file} → ${module}`],
      ),
    );
    expect(loaded.filter((edge) => !/ → (?:\.\/[\w-]+|papaparse|fflate)$/.test(edge))).toEqual([]);
    expect(loaded.length).toBeGreaterThan(5);
  });
});
