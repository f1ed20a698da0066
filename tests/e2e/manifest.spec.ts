import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { RUNTIME_SCRIPT, siteScript } from '@/utils/playback/content-runtime';
import { connectors } from '@/utils/sites/registry';
import { CHROME_EXTENSION_DIR, E2E_API_URL, FIREFOX_EXTENSION_DIR } from '../support/env';

/**
 * Pins what the built extension may touch, in both browsers, so a new permission or host cannot
 * slip in unnoticed: changing one means changing this list on purpose.
 */
const PERMISSIONS = ['alarms', 'scripting', 'storage'];
const OPTIONAL_ORIGINS = ['http://*/*', 'https://*/*'];
const SITE_HOSTS = [
  '*://*.amazon.co.jp/*',
  '*://*.amazon.co.uk/*',
  '*://*.amazon.com.au/*',
  '*://*.amazon.com/*',
  '*://*.amazon.de/*',
  '*://*.disneyplus.com/*',
  '*://*.netflix.com/*',
  '*://*.primevideo.com/*',
  '*://app.plex.tv/*',
  '*://m.youtube.com/*',
  '*://play.hbomax.com/*',
  '*://play.max.com/*',
  '*://static.crunchyroll.com/*',
  '*://tv.apple.com/*',
  '*://www.crunchyroll.com/*',
  '*://www.hulu.com/*',
  '*://www.paramountplus.com/*',
  '*://www.peacocktv.com/*',
  '*://www.youtube.com/*',
];
const API_HOST = `${new URL(E2E_API_URL).protocol}//${new URL(E2E_API_URL).hostname}/*`;

const manifest = (dir: string) => JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
const sorted = (list: string[]) => [...new Set(list)].sort();

test('Chrome: the permissions, hosts and optional origins are exactly these', () => {
  const m = manifest(CHROME_EXTENSION_DIR);
  expect(sorted(m.permissions)).toEqual(PERMISSIONS);
  expect(sorted(m.host_permissions)).toEqual(sorted([API_HOST, ...SITE_HOSTS]));
  expect(sorted(m.optional_host_permissions)).toEqual(OPTIONAL_ORIGINS);
  expect(m.optional_permissions).toEqual(['notifications']);
});

test('Firefox: the permissions, hosts and optional origins are exactly these', () => {
  const m = manifest(FIREFOX_EXTENSION_DIR);
  expect(sorted(m.permissions)).toEqual(sorted([...PERMISSIONS, API_HOST, ...SITE_HOSTS]));
  expect(sorted(m.optional_permissions)).toEqual(sorted(['notifications', ...OPTIONAL_ORIGINS]));
});

test('the site hosts are the connectors’ own, and no site script is declared: they are registered while switched on', () => {
  expect(sorted(connectors.flatMap((c) => c.matches))).toEqual(sorted(SITE_HOSTS));
  for (const dir of [CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR]) {
    const m = manifest(dir);
    expect(m.content_scripts ?? []).toEqual([]);
    for (const script of [RUNTIME_SCRIPT, ...connectors.map((c) => siteScript(c.id))])
      expect(readFileSync(resolve(dir, script)).length).toBeGreaterThan(0);
  }
});

test('no file of the extension is web-accessible: a page cannot load or probe one', () => {
  for (const dir of [CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR]) expect(manifest(dir).web_accessible_resources).toBeUndefined();
});
