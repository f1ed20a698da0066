/**
 * What users download and what every watch page loads: the Chrome zip (budget 150 KB) and each
 * content-script bundle (budget 20 KB minified; zod stays out of them). Prints every file's size
 * and exits non-zero when a budget is missed. `npm run bench:size`
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectors } from '../utils/sites/registry';
import { RUNTIME_SCRIPT, siteScript } from '../utils/sites/scripts';
import { withinBudget } from './budget';

const ZIP_BUDGET = 150 * 1024;
const SCRIPT_BUDGET = 20 * 1024;
const root = resolve(import.meta.dirname, '..');
const out = resolve(root, '.output/bench-size');

execFileSync('npx', ['wxt', 'zip'], {
  cwd: root,
  env: { ...process.env, WXT_OUT_DIR: out },
  stdio: ['ignore', 'ignore', 'inherit'],
});

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const zip = readdirSync(out).find((name) => name.endsWith('-chrome.zip'));
if (!zip) throw new Error(`no Chrome zip in ${out}`);
console.log(`Chrome zip ${zip}:`);
withinBudget('size', statSync(join(out, zip)).size, ZIP_BUDGET, kb);

// A watch page loads the shared runtime and its site's script into the same isolated world: the
// budget applies to each file and to the pair a page actually loads.
const dir = resolve(out, 'chrome-mv3');
const sizeOf = (file: string) => statSync(join(dir, file)).size;
const hasZod = (file: string) => /ZodError|\$ZodType/.test(readFileSync(join(dir, file), 'utf8'));
const row = (label: string, size: number, zod: boolean) => {
  withinBudget(label.padEnd(40), size, SCRIPT_BUDGET, (bytes) => kb(bytes).padStart(9));
  if (zod) {
    process.exitCode = 1;
    console.error(`${label} contains zod`);
  }
};
console.log(`content scripts, minified (budget ${kb(SCRIPT_BUDGET)} each, zod-free):`);
row(RUNTIME_SCRIPT, sizeOf(RUNTIME_SCRIPT), hasZod(RUNTIME_SCRIPT));
for (const connector of connectors) {
  const file = siteScript(connector.id);
  row(file, sizeOf(file), hasZod(file));
}
console.log('what a watch page loads (runtime + site script):');
for (const connector of connectors) {
  const file = siteScript(connector.id);
  row(`${connector.label}`, sizeOf(RUNTIME_SCRIPT) + sizeOf(file), false);
}
for (const name of readdirSync(dir)
  .filter((n) => n.endsWith('-page.js'))
  .sort()) {
  console.log(`  page world: ${name.padEnd(28)} ${kb(sizeOf(name)).padStart(9)}`);
}
