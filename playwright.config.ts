import { defineConfig } from '@playwright/test';

/**
 * Every worker is a slot with its own ports and its own build (tests/support/env.ts), and every test
 * its own browser profile and stand-in, so tests run side by side. Most of a test is a video playing
 * at 16×, so three workers fit two cores. `E2E_WORKERS` sets another count.
 */
const workers = Number(process.env.E2E_WORKERS ?? 3);
const FIREFOX = /firefox\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/support/build.ts',
  workers,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? '.output/e2e-report.json' }]],
  use: { trace: 'off' },
  projects: [
    { name: 'chromium', testIgnore: FIREFOX },
    { name: 'firefox', testMatch: FIREFOX },
  ],
});
