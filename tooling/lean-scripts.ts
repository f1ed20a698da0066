import type { Plugin } from 'vite';

const ENTRY = '\0virtual:wxt-unlisted-script-entrypoint?';

/**
 * The unlisted scripts (the content runtime, each site's script and page-world half) start their
 * definition's `main` directly. WXT's own entry wraps it in a logger that is silent in production
 * and in plugin set-up this project has none of: half a kilobyte in each of ~35 files that every
 * download carries. A script that throws still throws, in the page's console as before.
 */
export function leanScripts(): Plugin {
  return {
    name: 'reelrifter-lean-scripts',
    enforce: 'pre',
    load(id) {
      if (!id.startsWith(ENTRY)) return null;
      const input = id.slice(ENTRY.length);
      return `import definition from ${JSON.stringify(input)};\nexport default definition.main();\n`;
    },
  };
}
