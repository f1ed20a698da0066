/**
 * Scaffolds a site connector: its file, a fixture folder, its extractor test and its content
 * script, and registers it. `npm run new:connector <id> [Label]`
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [id, label = id] = process.argv.slice(2);
if (!id || !/^[a-z][a-z0-9-]*$/.test(id)) {
  console.error('Usage: npm run new:connector <id> [Label]   (id: lower-case letters, digits and dashes)');
  process.exit(2);
}
const name = id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
/** The label as a pattern for the tab-title layer's brand. */
const brand = (label ?? id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const root = resolve(import.meta.dirname, '..');
const files: Record<string, string> = {
  [`utils/sites/connectors/${id}.ts`]: `import { fromPlayer, fromTabTitle } from '../layers';
import type { Connector } from '../types';

/** Replace the selectors and the brand with the site's own; add a page-world half (\`${id}.page.ts\`) only if the site's own data is needed. */
export const ${name}: Connector = {
  id: '${id}',
  label: '${label}',
  matches: ['https://www.example.com/*'],
  watchPage: (url) => /^\\/watch\\/([\\w-]+)/.exec(url.pathname)?.[1] ?? null,
  layers: [
    fromPlayer({ title: '[data-testid="title"]', lines: '[data-testid="subtitle"]' }),
    fromTabTitle({ brand: /${brand}/ }),
  ],
};
`,
  [`tests/fixtures/${id}/urls.json`]: `{ "watch": ["https://www.example.com/watch/abc123"], "notWatch": ["https://www.example.com/"] }
`,
  [`tests/fixtures/${id}/episode.html`]: `<!doctype html>
<html>
  <head><title>${label}</title></head>
  <body>
    <video></video>
    <h1 data-testid="title">Severance</h1>
    <p data-testid="subtitle">S2:E4 Woe's Hollow</p>
  </body>
</html>
`,
  [`tests/fixtures/${id}/e2e.ts`]: `import type { SiteCase } from '../../support/site-cases';

/** Played in real Chromium by tests/e2e/sites.spec.ts: replace the URL with a real watch page of the site. */
export const cases: SiteCase[] = [
  {
    name: 'an episode',
    url: 'https://www.example.com/watch/abc123',
    page: 'episode.html',
    expect: [{ title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
  },
];
`,
  [`tests/unit/sites/${id}.test.ts`]: `import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { ${name} } from '@/utils/sites/connectors/${id}';
import { readLayer, sampleUrls } from './support';

function page(name: string): Document {
  const window = new Window({ url: 'https://www.example.com/watch/abc123' });
  window.document.write(readFileSync(resolve(import.meta.dirname, '../../fixtures/${id}', name), 'utf8'));
  return window.document as unknown as Document;
}

describe('${id} watch pages', () => {
  it.each(sampleUrls('${id}').watch)('%s is a watch page', (url) => expect(${name}.watchPage(new URL(url))).not.toBeNull());
  it.each(sampleUrls('${id}').notWatch)('%s is not', (url) => expect(${name}.watchPage(new URL(url))).toBeNull());
});

describe('layer: player DOM', () => {
  it('reads an episode', async () => {
    expect(await readLayer(${name}, 'dom', page('episode.html'))).toEqual({ title: 'Severance', mediaType: 'TV', season: 2, episode: 4 });
  });
});
`,
  [`entrypoints/${id}-content.ts`]: `import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runSite } from '@/utils/playback/runtime';
import { ${name} } from '@/utils/sites/connectors/${id}';

/** This site's connector, run by the shared content runtime; registered while the site is switched on (utils/sites/registration.ts). */
export default defineUnlistedScript(() => runSite(${name}));
`,
};

for (const path of Object.keys(files)) {
  if (existsSync(resolve(root, path))) {
    console.error(`${path} exists already: nothing written.`);
    process.exit(1);
  }
}
for (const [path, text] of Object.entries(files)) {
  mkdirSync(resolve(root, path, '..'), { recursive: true });
  writeFileSync(resolve(root, path), text);
  console.log(`wrote ${path}`);
}

const registryPath = resolve(root, 'utils/sites/registry.ts');
const registry = readFileSync(registryPath, 'utf8')
  .replace(/(import type \{ Connector \})/, `import { ${name} } from './connectors/${id}';\n$1`)
  .replace(/(export const connectors: readonly Connector\[\] = \[)([^\]]*)\]/, (_, head: string, list: string) => {
    const items = list.trim().replace(/,$/, '');
    return `${head}${items ? `${items}, ` : ''}${name}]`;
  });
writeFileSync(registryPath, registry);
// Formats what was written and keeps the registry's imports in the order the linter wants.
const written = Object.keys(files)
  .filter((path) => /\.tsx?$/.test(path))
  .map((path) => resolve(root, path));
execFileSync('npx', ['biome', 'check', '--write', registryPath, ...written], { cwd: root, stdio: 'ignore' });
console.log(`registered ${name} in utils/sites/registry.ts: now fill in the selectors, fixtures and tests.`);
