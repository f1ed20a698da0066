import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { checkServerUrl } from '@/utils/origins';
import { connectors } from '@/utils/sites/registry';
import { siteScript } from '@/utils/sites/scripts';
import { sampleUrls } from './sites/support';

const root = resolve(import.meta.dirname, '../..');
const folder = resolve(root, 'utils/sites/connectors');
const entries = readdirSync(folder).filter((f) => f.endsWith('.ts'));
/** `<id>.ts`: the connector; `<id>.page.ts`: its page-world half. */
const files = entries.filter((f) => !f.endsWith('.page.ts')).map((f) => f.replace(/\.ts$/, ''));
const pageHalves = entries.filter((f) => f.endsWith('.page.ts')).map((f) => f.replace(/\.page\.ts$/, ''));
const source = (id: string) => readFileSync(resolve(folder, `${id}.ts`), 'utf8');
const lineCount = (text: string) => text.trimEnd().split('\n').length;

/** Longest connector file, and the most the median one may run to: the shared layers carry the rest. */
const MAX_LINES = 140;
const MAX_MEDIAN_LINES = 60;

/**
 * The checks that apply to some connectors only are generated for those only, so each test counted
 * checks something: the self-hosted apps with example addresses, the connectors with a page-world
 * script, and those with a single layer.
 */
const withServerExamples = connectors.flatMap((c) =>
  c.selfHosted?.examples.length ? [[c.id, c.selfHosted.examples] as const] : [],
);
const withPageScript = connectors.flatMap((c) => (c.pageScript ? [[c.id, c.pageScript] as const] : []));
const withOneLayer = connectors.filter((c) => c.layers.length < 2).map((c) => c.id);

// A test that ends without an assertion fails: none of these may pass by checking nothing.
beforeEach(() => {
  expect.hasAssertions();
});

describe('the connector folder', () => {
  it('has one registered connector per file, and nothing else registered', () => {
    expect(connectors.map((c) => c.id).sort()).toEqual([...files].sort());
  });

  it('holds only connectors and their page-world halves', () => {
    for (const entry of entries) expect(entry, entry).toMatch(/^[a-z0-9-]+(?:\.page)?\.ts$/);
    for (const id of pageHalves) expect(files, `${id}.page.ts`).toContain(id);
  });

  it('has unique ids and labels', () => {
    expect(new Set(connectors.map((c) => c.id)).size).toBe(connectors.length);
    expect(new Set(connectors.map((c) => c.label)).size).toBe(connectors.length);
  });

  it(`keeps the median connector at most ${MAX_MEDIAN_LINES} lines`, () => {
    const lines = files.map((id) => lineCount(source(id))).sort((a, b) => a - b);
    const middle = lines.length / 2;
    const median = lines.length % 2 ? (lines[Math.floor(middle)] ?? 0) : ((lines[middle - 1] ?? 0) + (lines[middle] ?? 0)) / 2;
    expect(median).toBeLessThanOrEqual(MAX_MEDIAN_LINES);
  });

  it('has connectors for each check that applies to some only, so none of those checks runs on nothing', () => {
    expect(withServerExamples.map(([id]) => id)).toContain('plex');
    expect(withPageScript.map(([id]) => id)).toContain('netflix');
    // If no connector is left with a single layer, remove this line and the check it guards.
    expect(withOneLayer.length, 'connectors with one layer').toBeGreaterThan(0);
  });
});

describe.each(connectors.map((c) => [c.id, c] as const))('%s', (id, connector) => {
  it('is declared in a file named by its id', () => {
    expect(source(id)).toContain(`id: '${id}'`);
  });

  it(`is at most ${MAX_LINES} lines`, () => {
    expect(lineCount(source(id))).toBeLessThanOrEqual(MAX_LINES);
  });

  it('leaves the JSON-LD scan and the tab title to the shared layers', () => {
    const text = source(id);
    expect(text).not.toContain(`querySelectorAll('script[type="application/ld+json"]')`);
    expect(text).not.toMatch(/document\.title\b/);
  });

  it('has valid match patterns (only a self-hosted app, or the sites a person chooses, may have no public host)', () => {
    const publicHost = connector.matches.length > 0;
    expect(publicHost || connector.selfHosted !== undefined || connector.chosen === true, 'no public host').toBe(true);
    for (const pattern of connector.matches) expect(() => new MatchPattern(pattern), pattern).not.toThrow();
  });

  it('recognises its sample watch pages, and only those', () => {
    const samples = sampleUrls(id);
    expect(samples.watch.length).toBeGreaterThan(0);
    // On a site the person chose, every page may play what they watch.
    if (!connector.chosen) expect(samples.notWatch.length).toBeGreaterThan(0);
    for (const url of [...samples.watch, ...samples.notWatch]) {
      // A self-hosted app's samples may sit on a user's own server instead, a chosen site's anywhere.
      if ((connector.selfHosted || connector.chosen) && !connector.matches.some((p) => new MatchPattern(p).includes(url)))
        continue;
      expect(
        connector.matches.some((p) => new MatchPattern(p).includes(url)),
        url,
      ).toBe(true);
    }
    for (const url of samples.watch) expect(connector.watchPage(new URL(url)), url).not.toBeNull();
    for (const url of samples.notWatch) expect(connector.watchPage(new URL(url)), url).toBeNull();
  });

  it('has fixtures, end-to-end cases, extractor tests and a site script that hands its connector to the shared runtime', () => {
    expect(readdirSync(resolve(root, `tests/fixtures/${id}`)).length).toBeGreaterThan(0);
    expect(existsSync(resolve(root, `tests/fixtures/${id}/e2e.ts`)), 'e2e.ts').toBe(true);
    expect(existsSync(resolve(root, `tests/unit/sites/${id}.test.ts`))).toBe(true);
    const entry = readFileSync(resolve(root, `entrypoints/${siteScript(id).replace(/\.js$/, '.ts')}`), 'utf8');
    const name = connector.id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    expect(entry).toContain(`from '@/utils/sites/connectors/${id}'`);
    expect(entry).toContain(`runSite(${name})`);
  });

  it('has a page-world half beside it exactly when it has a page script', () => {
    expect(existsSync(resolve(folder, `${id}.page.ts`))).toBe(connector.pageScript !== undefined);
  });

  it('names each of its layers once', () => {
    const names = connector.layers.map((layer) => layer.name);
    expect(new Set(names).size, names.join(', ')).toBe(names.length);
  });
});

describe.each(withServerExamples)('%s', (_id, examples) => {
  it('has self-hosted examples that are valid server addresses', () => {
    for (const example of examples) expect(checkServerUrl(example).ok, example).toBe(true);
  });
});

describe.each(withPageScript)('%s', (id, pageScript) => {
  it('lists its page-world script as a thin entrypoint over its page-world half', () => {
    expect(pageScript).toBe(`/${id}-page.js`);
    const path = resolve(root, `entrypoints/${pageScript.slice(1).replace(/\.js$/, '.ts')}`);
    expect(existsSync(path)).toBe(true);
    const entry = readFileSync(path, 'utf8');
    expect(entry).toContain(`from '@/utils/sites/connectors/${id}.page'`);
    expect(lineCount(entry)).toBeLessThanOrEqual(6);
  });
});

// Every other connector has a best source and a fallback.
describe.each(withOneLayer)('%s', (id) => {
  it('has one layer, and its end-to-end cases say why there is no fallback', () => {
    // A connector with one layer documents it in its e2e.ts ("one layer: …", "no fallback: …").
    const cases = readFileSync(resolve(root, `tests/fixtures/${id}/e2e.ts`), 'utf8');
    expect(cases).toMatch(/\b(?:one|single|only) layer\b|\bno fallback\b/i);
  });
});
