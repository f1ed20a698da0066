import type { Plugin } from 'vite';
import { SITE_KIT } from '../utils/playback/kit';
import * as runtime from '../utils/playback/runtime';
import * as episodeText from '../utils/sites/episode-text';
import * as layers from '../utils/sites/layers';
import * as untrusted from '../utils/untrusted';

/** The modules every site's script is written with, and what each exports. */
const SHARED: Record<string, Record<string, unknown>> = {
  'utils/untrusted.ts': untrusted,
  'utils/playback/runtime.ts': runtime,
  'utils/sites/episode-text.ts': episodeText,
  'utils/sites/layers.ts': layers,
};
const PREFIX = '\0site-kit:';

/**
 * A site's content script runs after the shared runtime, in the same isolated world (see
 * utils/sites/scripts.ts). The helpers connectors are written with (the layer builders, the episode
 * text parser, the readers of untrusted data, the hand-over to the engine) are in the runtime already: a site's script takes
 * them from it (utils/playback/kit.ts) instead of carrying its own copy, so each site costs only its
 * declaration. Only site scripts' builds are changed; page-world halves run where the runtime is not.
 */
export function siteKit(): Plugin {
  let siteScript = false;
  return {
    name: 'reelrifter-site-kit',
    enforce: 'pre',
    buildStart(options) {
      const inputs = typeof options.input === 'string' ? [options.input] : Object.values(options.input ?? {});
      siteScript = inputs.some((input) => /entrypoints[\\/][\w-]+-content\.ts/.test(String(input)));
    },
    async resolveId(source, importer, options) {
      if (!siteScript || !importer || importer.startsWith(PREFIX)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const path = resolved?.id.replace(/\\/g, '/');
      const shared = path && Object.keys(SHARED).find((module) => path.endsWith(`/${module}`));
      return shared ? `${PREFIX}${shared}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const exports = Object.entries(SHARED[id.slice(PREFIX.length)] ?? {});
      // Functions are forwarded, so the ones a site does not use are dropped from its script.
      return [
        `const kit = globalThis[Symbol.for(${JSON.stringify(SITE_KIT)})];`,
        `if (!kit) throw new Error('the content runtime is missing');`,
        ...exports.map(([name, value]) =>
          typeof value === 'function'
            ? `export function ${name}(...args) { return kit.${name}(...args); }`
            : `export const ${name} = kit.${name};`,
        ),
      ].join('\n');
    },
  };
}
