import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { leanScripts } from './tooling/lean-scripts';
import { noEval } from './tooling/no-eval';
import { siteCatalog } from './tooling/site-catalog';
import { siteKit } from './tooling/site-kit';
import { DEFAULT_API_URL, hostPattern, OPTIONAL_ORIGINS, originPattern } from './utils/origins';
import { connectors } from './utils/sites/registry';

const apiUrl = process.env.WXT_REELRIFTER_API_URL || DEFAULT_API_URL;

/** Extension pages run only their own files: no inline or remote script, no eval, no plugins. */
const PAGE_CSP = "script-src 'self'; object-src 'self'";

export default defineConfig({
  outDir: process.env.WXT_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), noEval(), siteCatalog(), siteKit(), leanScripts()] }),
  hooks: {
    // Each language's messages ship as compact JSON: the indented source is for people.
    'build:publicAssets': (_wxt, files) => {
      files.forEach((file, i) => {
        if ('absoluteSrc' in file && /^_locales[\\/][\w-]+[\\/]messages\.json$/.test(file.relativeDest)) {
          files[i] = {
            relativeDest: file.relativeDest,
            contents: JSON.stringify(JSON.parse(readFileSync(file.absoluteSrc, 'utf8'))),
          };
        }
      });
    },
  },
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['tests/**', 'bench/**', 'test-results/**', 'playwright-report/**', '.ci/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab: the popup, opened on a page no connector serves, may look there for a film-length
    // video to offer "Scrobble on this site" (utils/background/offer.ts).
    permissions: ['storage', 'alarms', 'scripting', 'activeTab'],
    // The sites' own hosts (HTTPS only): their scripts are registered at runtime, while each site is
    // switched on, and only on the paths their connectors name.
    host_permissions: [...new Set([originPattern(apiUrl), ...connectors.flatMap((c) => c.matches).map(hostPattern)])],
    // Notifications are asked for when the person turns them on. Firefox MV2 lists origins with the
    // other optional permissions; WXT does not move them itself.
    ...(browser === 'firefox'
      ? { optional_permissions: ['notifications', ...OPTIONAL_ORIGINS] }
      : { optional_permissions: ['notifications'], optional_host_permissions: OPTIONAL_ORIGINS }),
    action: { default_title: '__MSG_extName__' },
    content_security_policy: browser === 'firefox' ? PAGE_CSP : { extension_pages: PAGE_CSP },
    // None: page-world scripts are registered into the page's world (utils/sites/registration.ts), so
    // no page can load or probe a file of the extension.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko_android: { strict_min_version: '142.0' },
            gecko: {
              id: 'scrobbler@reelrifter.com',
              strict_min_version: '140.0',
              // What reaches ReelRifter: the access token; titles read from the sites' pages; what was
              // watched, on which site and when; and that it was played (watching, watched).
              data_collection_permissions: {
                required: ['authenticationInfo', 'browsingActivity', 'websiteActivity', 'websiteContent'],
              },
            },
          },
        }
      : {
          // URL.canParse (120) and keeping storage.local from content scripts (setAccessLevel, 140).
          minimum_chrome_version: '140',
          // No other extension and no web page may message this one (Chrome lets every extension by default).
          externally_connectable: { ids: [] },
        }),
  }),
});
