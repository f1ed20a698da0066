import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { checkServerUrl } from '@/utils/origins';
import { connectors } from '@/utils/sites/registry';
import { siteScript } from '@/utils/sites/scripts';

const root = resolve(import.meta.dirname, '../..');
const files = readdirSync(resolve(root, 'utils/sites/connectors'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

describe('the connector folder', () => {
  it('has one registered connector per file, and nothing else registered', () => {
    expect(connectors.map((c) => c.id).sort()).toEqual([...files].sort());
  });

  it('has unique ids and labels', () => {
    expect(new Set(connectors.map((c) => c.id)).size).toBe(connectors.length);
    expect(new Set(connectors.map((c) => c.label)).size).toBe(connectors.length);
  });
});

describe.each(connectors.map((c) => [c.id, c] as const))('%s', (id, connector) => {
  it('is declared in a file named by its id', () => {
    expect(readFileSync(resolve(root, `utils/sites/connectors/${id}.ts`), 'utf8')).toContain(`id: '${id}'`);
  });

  it('has valid match patterns (only a self-hosted app may have no public host)', () => {
    if (!connector.selfHosted) expect(connector.matches.length).toBeGreaterThan(0);
    for (const pattern of connector.matches) expect(() => new MatchPattern(pattern)).not.toThrow();
  });

  it('recognises its sample watch pages, and only those', () => {
    expect(connector.sampleUrls.watch.length).toBeGreaterThan(0);
    expect(connector.sampleUrls.notWatch.length).toBeGreaterThan(0);
    for (const url of [...connector.sampleUrls.watch, ...connector.sampleUrls.notWatch]) {
      // A self-hosted app's samples may sit on a user's own server instead.
      if (connector.selfHosted && !connector.matches.some((p) => new MatchPattern(p).includes(url))) continue;
      expect(
        connector.matches.some((p) => new MatchPattern(p).includes(url)),
        url,
      ).toBe(true);
    }
    for (const url of connector.sampleUrls.watch) expect(connector.watchPage(new URL(url)), url).not.toBeNull();
    for (const url of connector.sampleUrls.notWatch) expect(connector.watchPage(new URL(url)), url).toBeNull();
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

  it('has self-hosted examples that are valid server addresses', () => {
    for (const example of connector.selfHosted?.examples ?? []) expect(checkServerUrl(example).ok, example).toBe(true);
  });

  it('lists its page-world script, if any, as a built entrypoint', () => {
    if (!connector.pageScript) return;
    expect(existsSync(resolve(root, `entrypoints/${connector.pageScript.slice(1).replace(/\.js$/, '.ts')}`))).toBe(true);
  });
});
