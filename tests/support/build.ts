import { execFileSync } from 'node:child_process';
import { E2E_API_URL, E2E_OUT_DIR, E2E_REWIND_URL, E2E_SIMKL_URL } from './env';

/** Builds both browsers' extensions exactly as users get them, pointed at the e2e stand-ins. */
export default function buildForE2E(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const env = {
    ...process.env,
    WXT_REELRIFTER_API_URL: E2E_API_URL,
    WXT_SIMKL_API_URL: E2E_SIMKL_URL,
    WXT_REWIND_API_URL: E2E_REWIND_URL,
    WXT_OUT_DIR: E2E_OUT_DIR,
  };
  for (const args of [['build'], ['build', '-b', 'firefox']]) {
    execFileSync('npx', ['wxt', ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
