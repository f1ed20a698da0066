/**
 * What users download and what every watch page loads: the Chrome zip (budget 150 KB) and each
 * content-script bundle (budget 20 KB minified; zod stays out of them). Prints every file's size
 * and exits non-zero when a budget is missed. `npm run bench:size`
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
let failed = false;

const zip = readdirSync(out).find((name) => name.endsWith('-chrome.zip'));
if (!zip) throw new Error(`no Chrome zip in ${out}`);
const zipSize = statSync(join(out, zip)).size;
console.log(`Chrome zip ${zip}: ${kb(zipSize)} (budget ${kb(ZIP_BUDGET)})`);
if (zipSize > ZIP_BUDGET) failed = true;

const scripts = resolve(out, 'chrome-mv3/content-scripts');
console.log('content scripts (minified):');
for (const name of readdirSync(scripts).sort()) {
  const text = readFileSync(join(scripts, name), 'utf8');
  const size = Buffer.byteLength(text);
  // zod's error map and schema classes leave these names in any bundle that includes it.
  const hasZod = /ZodError|\$ZodType/.test(text);
  const over = size > SCRIPT_BUDGET || hasZod;
  if (over) failed = true;
  console.log(`  ${name.padEnd(24)} ${kb(size).padStart(9)}${hasZod ? '  contains zod' : ''}${over ? '  OVER BUDGET' : ''}`);
}
for (const name of readdirSync(resolve(out, 'chrome-mv3'))
  .filter((n) => n.endsWith('-page.js'))
  .sort()) {
  console.log(`  page world: ${name.padEnd(20)} ${kb(statSync(resolve(out, 'chrome-mv3', name)).size).padStart(9)}`);
}
process.exitCode = failed ? 1 : 0;
if (failed) console.error('a size budget was missed');
