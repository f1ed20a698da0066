import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { connectors } from '@/utils/sites/registry';
import { RUNTIME_SCRIPT, siteScript } from '@/utils/sites/scripts';
import { CHROME_EXTENSION_DIR, E2E_API_URL, FIREFOX_EXTENSION_DIR } from '../support/env';

/**
 * Pins what the built extension may touch, in both browsers, so a new permission or host cannot
 * slip in unnoticed: changing one means changing this list on purpose.
 */
const PERMISSIONS = ['activeTab', 'alarms', 'scripting', 'storage'];
const OPTIONAL_ORIGINS = ['http://*/*', 'https://*/*'];
/** Every amazon store that offers Prime Video under /gp/video/. */
const AMAZON_STORES = 'com co.uk de co.jp com.au fr it es ca in com.mx com.br nl se pl sg ae sa com.tr eg com.be'.split(' ');
/** Viaplay's country sites, each its own domain (the Netherlands on viaplay.com). */
const VIAPLAY_COUNTRIES = ['se', 'dk', 'no', 'fi', 'is', 'com'];
/** The sites' hosts, HTTPS only; amazon's own sites by their www host (its scripts only under /gp/video/). */
const SITE_HOSTS = [
  'https://*.disneyplus.com/*',
  'https://*.netflix.com/*',
  'https://*.primevideo.com/*',
  'https://app.plex.tv/*',
  'https://play.hbomax.com/*',
  'https://play.max.com/*',
  'https://static.crunchyroll.com/*',
  'https://tv.apple.com/*',
  ...AMAZON_STORES.map((tld) => `https://www.amazon.${tld}/*`),
  'https://www.crunchyroll.com/*',
  'https://www.hulu.com/*',
  'https://www.paramountplus.com/*',
  'https://www.peacocktv.com/*',
  'https://www.youtube.com/*',
  'https://www.skyshowtime.com/*',
  'https://play.discoveryplus.com/*',
  'https://www.hotstar.com/*',
  'https://www.jiohotstar.com/*',
  'https://tubitv.com/*',
  'https://www.tubitv.com/*',
  ...VIAPLAY_COUNTRIES.map((tld) => `https://viaplay.${tld}/*`),
  'https://mubi.com/*',
  'https://www.crave.ca/*',
  'https://web.stremio.com/*',
  'https://web.strem.io/*',
  'https://www.hidive.com/*',
  'https://animationdigitalnetwork.com/*',
];
/** Where amazon's content scripts run: its video pages only, with or without a language prefix. */
const AMAZON_SCRIPT_MATCHES = AMAZON_STORES.flatMap((tld) => [
  `https://www.amazon.${tld}/gp/video/*`,
  `https://www.amazon.${tld}/*/gp/video/*`,
]);
const PAGE_CSP = "script-src 'self'; object-src 'self'";
const API_HOST = `${new URL(E2E_API_URL).protocol}//${new URL(E2E_API_URL).hostname}/*`;

const manifest = (dir: string) => JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
const sorted = (list: string[]) => [...new Set(list)].sort();

test('Chrome: the permissions, hosts and optional origins are exactly these', () => {
  const m = manifest(CHROME_EXTENSION_DIR);
  expect(sorted(m.permissions)).toEqual(PERMISSIONS);
  expect(sorted(m.host_permissions)).toEqual(sorted([API_HOST, ...SITE_HOSTS]));
  expect(sorted(m.optional_host_permissions)).toEqual(OPTIONAL_ORIGINS);
  expect(m.optional_permissions).toEqual(['notifications']);
  // No other extension may message it, its pages run only its own scripts, and the Chrome it needs.
  expect(m.externally_connectable).toEqual({ ids: [] });
  expect(m.content_security_policy).toEqual({ extension_pages: PAGE_CSP });
  expect(m.minimum_chrome_version).toBe('140');
});

test('Firefox: the permissions, hosts and optional origins are exactly these', () => {
  const m = manifest(FIREFOX_EXTENSION_DIR);
  expect(sorted(m.permissions)).toEqual(sorted([...PERMISSIONS, API_HOST, ...SITE_HOSTS]));
  expect(sorted(m.optional_permissions)).toEqual(sorted(['notifications', ...OPTIONAL_ORIGINS]));
  expect(m.content_security_policy).toBe(PAGE_CSP);
  expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({
    required: ['authenticationInfo', 'browsingActivity', 'websiteActivity', 'websiteContent'],
  });
});

test('the site hosts are the connectors’ own, and no site script is declared: they are registered while switched on', () => {
  const matches = connectors.flatMap((c) => c.matches);
  expect(sorted(matches)).toEqual(
    sorted([...SITE_HOSTS.filter((host) => !host.startsWith('https://www.amazon.')), ...AMAZON_SCRIPT_MATCHES]),
  );
  expect(matches.filter((pattern) => !pattern.startsWith('https://'))).toEqual([]);
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

test("the background carries no site's reading code, and a site's script no copy of the helpers the runtime shares", () => {
  for (const dir of [CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR]) {
    const background = readFileSync(resolve(dir, 'background.js'), 'utf8');
    // Selectors and page-data keys only connectors read (tooling/site-catalog.ts keeps them out).
    for (const only of ['jasper-player-title__subtitle', 'player-ux-asset-title', '__NEXT_DATA__', 'PlayerMetadata__titleText'])
      expect(background, only).not.toContain(only);
    // It still knows every site's hosts (to check who reports, to register scripts).
    for (const match of connectors.flatMap((c) => c.matches)) expect(background).toContain(match);
    const runtime = readFileSync(resolve(dir, RUNTIME_SCRIPT), 'utf8');
    // cleanTitle's version tags (utils/sites/episode-text.ts): in the runtime once, in no site's script.
    expect(runtime).toContain('Subtitled|OV|OmU');
    for (const connector of connectors) {
      const script = readFileSync(resolve(dir, siteScript(connector.id)), 'utf8');
      expect(script, connector.id).not.toContain('Subtitled|OV|OmU');
      expect(script, connector.id).toContain('reelrifter.site-kit');
    }
  }
});
