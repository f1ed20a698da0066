import { resolve } from 'node:path';

/**
 * Each Playwright worker is a slot with its own block of loopback ports and its own build of the
 * extension pointed at them, so workers run side by side. `TEST_PARALLEL_INDEX` is the worker's
 * slot (0 … workers − 1, kept when a worker restarts); the global setup builds every slot.
 */
const BASE_PORT = Number(process.env.E2E_API_PORT ?? 47731);

export function e2eSlot(slot: number) {
  const api = BASE_PORT + 100 * slot;
  const outDir = resolve(import.meta.dirname, `../../.output/e2e-${api}`);
  return {
    apiPort: api,
    apiUrl: `http://127.0.0.1:${api}/api/public/v1`,
    /** The import's sources: Simkl and Rewind at build-time addresses, the TMDB-style account at its own. */
    simklPort: api + 10,
    tmdbPort: api + 11,
    rewindPort: api + 12,
    /** Netflix's own site for the import of its viewing activity (the live connector's pages are routed instead). */
    netflixPort: api + 13,
    netflixUrl: `http://127.0.0.1:${api + 13}`,
    simklUrl: `http://127.0.0.1:${api + 10}`,
    rewindUrl: `http://127.0.0.1:${api + 12}`,
    outDir,
  };
}

const slot = e2eSlot(Number(process.env.TEST_PARALLEL_INDEX ?? 0));

/** The e2e build talks to a stand-in on this loopback port; tests start the stand-in there. */
export const E2E_API_PORT = slot.apiPort;
export const E2E_API_URL = slot.apiUrl;
export const E2E_SIMKL_PORT = slot.simklPort;
export const E2E_TMDB_PORT = slot.tmdbPort;
export const E2E_REWIND_PORT = slot.rewindPort;
export const E2E_SIMKL_URL = slot.simklUrl;
export const E2E_REWIND_URL = slot.rewindUrl;
export const E2E_NETFLIX_PORT = slot.netflixPort;
export const E2E_NETFLIX_URL = slot.netflixUrl;
export const E2E_OUT_DIR = slot.outDir;
export const CHROME_EXTENSION_DIR = resolve(E2E_OUT_DIR, 'chrome-mv3');
export const FIREFOX_EXTENSION_DIR = resolve(E2E_OUT_DIR, 'firefox-mv2');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
