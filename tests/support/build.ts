import { execFileSync } from 'node:child_process';
import type { FullConfig } from '@playwright/test';
import { SIMKL_DEMO } from '../../server/sources/demo';
import { e2eSlot } from './env';

/**
 * Builds both browsers' extensions exactly as users get them, once for each worker slot, each pointed
 * at that slot's stand-ins. One after another: WXT writes its `.wxt/` folder during a build.
 */
export default function buildForE2E(config: FullConfig): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  for (let slot = 0; slot < Math.max(1, config.workers); slot += 1) {
    const { apiUrl, simklUrl, rewindUrl, netflixUrl, outDir } = e2eSlot(slot);
    const env = {
      ...process.env,
      WXT_REELRIFTER_API_URL: apiUrl,
      WXT_SIMKL_API_URL: simklUrl,
      WXT_REWIND_API_URL: rewindUrl,
      WXT_NETFLIX_URL: netflixUrl,
      // The extension's own Simkl app, for the PIN flow: the stand-in knows this client id.
      WXT_SIMKL_CLIENT_ID: SIMKL_DEMO.clientId,
      WXT_OUT_DIR: outDir,
    };
    for (const args of [['build'], ['build', '-b', 'firefox']]) {
      execFileSync('npx', ['wxt', ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    }
  }
}
