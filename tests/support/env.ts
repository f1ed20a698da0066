import { resolve } from 'node:path';

/** The e2e build talks to a stand-in on this loopback port; tests start the stand-in there. */
export const E2E_API_PORT = Number(process.env.E2E_API_PORT ?? 47731);
export const E2E_API_URL = `http://127.0.0.1:${E2E_API_PORT}/api/public/v1`;
/** The import's sources: Simkl and Rewind at build-time addresses, the TMDB-style account at its own. */
export const E2E_SIMKL_PORT = E2E_API_PORT + 10;
export const E2E_TMDB_PORT = E2E_API_PORT + 11;
export const E2E_REWIND_PORT = E2E_API_PORT + 12;
export const E2E_SIMKL_URL = `http://127.0.0.1:${E2E_SIMKL_PORT}`;
export const E2E_REWIND_URL = `http://127.0.0.1:${E2E_REWIND_PORT}`;
export const E2E_OUT_DIR = resolve(import.meta.dirname, `../../.output/e2e-${E2E_API_PORT}`);
export const CHROME_EXTENSION_DIR = resolve(E2E_OUT_DIR, 'chrome-mv3');
export const FIREFOX_EXTENSION_DIR = resolve(E2E_OUT_DIR, 'firefox-mv2');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
