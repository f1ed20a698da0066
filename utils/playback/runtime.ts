import type { Connector } from '../sites/types';

/**
 * How the two content scripts on a page meet (see sites/scripts.ts): the shared runtime leaves its
 * engine in a slot of the isolated world, and the site's script hands it its connector.
 */
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
