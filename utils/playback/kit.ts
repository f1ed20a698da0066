import * as episodeText from '../sites/episode-text';
import * as layers from '../sites/layers';
import * as untrusted from '../untrusted';
import * as runtime from './runtime';

/** Where the content runtime leaves the helpers site scripts are built against (tooling/site-kit.ts). */
export const SITE_KIT = 'reelrifter.site-kit';

/** Called by the runtime script: the shared helpers, for the site script that follows it. */
export function provideSiteKit(): void {
  const slot = globalThis as unknown as Record<symbol, unknown>;
  slot[Symbol.for(SITE_KIT)] ??= Object.freeze({ ...untrusted, ...runtime, ...episodeText, ...layers });
}
