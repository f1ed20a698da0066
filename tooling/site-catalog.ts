import type { Plugin } from 'vite';
import { siteOf } from '../utils/sites/catalog';
import { connectors } from '../utils/sites/registry';

const ID = 'virtual:site-catalog';

/**
 * `virtual:site-catalog`: what the background and the extension's pages need of each connector
 * (its id, label, hosts, scripts and layer names), as plain data worked out at build time. The
 * connectors' reading code stays in the content scripts that run it, out of the background.
 */
export function siteCatalog(): Plugin {
  return {
    name: 'reelrifter-site-catalog',
    resolveId: (source) => (source === ID ? `\0${ID}` : undefined),
    load: (id) => (id === `\0${ID}` ? `export default ${JSON.stringify(connectors.map(siteOf))};` : undefined),
  };
}
