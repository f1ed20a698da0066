import type { Connector } from '../sites/types';

/**
 * Content scripts come in two files that share the extension's isolated world on a page: one
 * runtime (the engine, the tracker, the page bridge) and a small script per site that hands it
 * that site's connector. The browser caches the shared file once instead of twelve copies of it.
 */
export const RUNTIME_SCRIPT = 'content-runtime.js';

/** The script that carries a site's connector; registered after the runtime. */
export const siteScript = (id: string) => `${id}-content.js`;

type Run = (connector: Connector) => void;
const KEY = Symbol.for('reelrifter.content-runtime');
const slot = globalThis as unknown as Record<typeof KEY, Run | undefined>;

/** Called by the runtime script: makes the engine available to the site script that follows. */
export function provideRuntime(run: Run): void {
  slot[KEY] ??= run;
}

/** Called by a site script: starts its connector on this page (once, even if injected twice). */
export function runSite(connector: Connector): void {
  const run = slot[KEY];
  if (!run) throw new Error(`the content runtime is missing for ${connector.id}`);
  const started = globalThis as unknown as Record<string, boolean | undefined>;
  const flag = `reelrifter:${connector.id}`;
  if (started[flag]) return;
  started[flag] = true;
  run(connector);
}
