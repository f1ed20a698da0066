/**
 * Prints the slowest end-to-end tests from Playwright's JSON reports (the paths given), so a test
 * that became slower is seen the day it happens. `scripts/test.sh` runs it after the suite.
 */
import { existsSync, readFileSync } from 'node:fs';

interface Result {
  duration: number;
  status: string;
}
interface Spec {
  title: string;
  file: string;
  line: number;
  tests: Array<{ projectName: string; results: Result[] }>;
}
interface Suite {
  specs?: Spec[];
  suites?: Suite[];
}

const rows: Array<{ name: string; seconds: number; status: string }> = [];
const walk = (suite: Suite) => {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      for (const result of test.results) {
        rows.push({
          name: `[${test.projectName}] ${spec.file}:${spec.line} ${spec.title}`,
          seconds: result.duration / 1000,
          status: result.status,
        });
      }
    }
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const path of process.argv.slice(2)) {
  if (existsSync(path)) walk(JSON.parse(readFileSync(path, 'utf8')) as Suite);
}
if (rows.length > 0) {
  const total = rows.reduce((sum, row) => sum + row.seconds, 0);
  console.log(`\nThe ten slowest of ${rows.length} end-to-end tests (${Math.round(total)}s of test time in all):`);
  for (const row of rows.sort((a, b) => b.seconds - a.seconds).slice(0, 10)) {
    const flag = row.status === 'passed' ? '' : `  (${row.status})`;
    console.log(`  ${row.seconds.toFixed(1).padStart(6)}s  ${row.name.slice(0, 140)}${flag}`);
  }
}
