import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { noEval } from './tooling/no-eval';
import { DEFAULT_API_URL, OPTIONAL_ORIGINS, originPattern } from './utils/reelrifter/origins';
import { connectors } from './utils/sites/registry';

const apiUrl = process.env.WXT_REELRIFTER_API_URL || DEFAULT_API_URL;

export default defineConfig({
  outDir: process.env.WXT_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), noEval()] }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['tests/**', 'bench/**', 'test-results/**', 'playwright-report/**', '.ci/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'scripting'],
    // The sites' own hosts: their scripts are registered at runtime, while each site is switched on.
    host_permissions: [...new Set([originPattern(apiUrl), ...connectors.flatMap((c) => c.matches)])],
    // Notifications are asked for when the person turns them on. Firefox MV2 lists origins with the
    // other optional permissions; WXT does not move them itself.
    ...(browser === 'firefox'
      ? { optional_permissions: ['notifications', ...OPTIONAL_ORIGINS] }
      : { optional_permissions: ['notifications'], optional_host_permissions: OPTIONAL_ORIGINS }),
    action: { default_title: '__MSG_extName__' },
    // None: page-world scripts are registered into the page's world (utils/sites/registration.ts), so
    // no page can load or probe a file of the extension.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko_android: { strict_min_version: '142.0' },
            gecko: {
              id: 'scrobbler@reelrifter.com',
              strict_min_version: '140.0',
              data_collection_permissions: {
                required: ['authenticationInfo', 'websiteActivity'],
              },
            },
          },
        }
      : {}),
  }),
});
