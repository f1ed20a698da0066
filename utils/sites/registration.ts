import { type Browser, browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { Result, SelfHostedServer, SitesView } from '../model/records';
import { checkServerUrl, serverPattern } from '../origins';
import { serial } from '../serial';
import { askSitesItem, chosenSitesItem, MAX_SERVERS, serversItem, siteSwitchesItem } from '../store/items';
import { ANY_SITE, forgetChosen, trustedFor } from './chosen';
import { browserName, diagnostic, healthView, readHealth } from './health';
import { RUNTIME_SCRIPT, siteScript } from './scripts';
import { siteById, sites } from './sites';
import type { Site } from './types';

/**
 * Which sites are switched on, and the self-hosted servers the user added (store/items.ts). A site
 * that is off has no content script registered, so its pages get no work from the extension at all.
 */
export function readSiteSwitches(): Promise<Record<string, boolean>> {
  return siteSwitchesItem.read();
}

export function isSiteOn(switches: Record<string, boolean>, id: string): boolean {
  return switches[id] !== false;
}

export async function readServers(): Promise<SelfHostedServer[]> {
  return (await serversItem.read()).filter((s) => {
    const site = siteById(s.site);
    return site?.selfHosted || site?.chosen;
  });
}

/** True when a page at `url` may speak for `connector`: its public hosts, or a server the user added. */
export function servesConnector(connector: Site, url: string, servers: SelfHostedServer[]): boolean {
  if (connector.matches.some((pattern) => new MatchPattern(pattern).includes(url))) return true;
  const origin = URL.canParse(url) ? new URL(url).origin : '';
  return servers.some((server) => server.site === connector.id && server.origin === origin);
}

type ScriptRegistration = Browser.scripting.RegisteredContentScript;

/** The content scripts that should be registered now. */
export async function wantedScripts(): Promise<ScriptRegistration[]> {
  const [switches, servers] = await Promise.all([readSiteSwitches(), readServers()]);
  const wanted: ScriptRegistration[] = [];
  const script = (connector: Site, id: string, matches: string[]): ScriptRegistration => ({
    id,
    matches,
    js: [RUNTIME_SCRIPT, siteScript(connector.id)],
    runAt: 'document_idle',
    allFrames: connector.allFrames ?? false,
  });
  // The page-world half, where a site keeps its state: registered into the page's own world from the
  // start of the page, so asking it costs a DOM event, never a <script> put into the page, and no
  // file of the extension is web-accessible for a page to probe.
  const pageScript = (connector: Site, id: string, matches: string[]): ScriptRegistration[] =>
    connector.pageScript
      ? [
          {
            id,
            matches,
            js: [connector.pageScript.slice(1)],
            runAt: 'document_start',
            allFrames: connector.allFrames ?? false,
            world: 'MAIN',
          },
        ]
      : [];
  for (const connector of sites) {
    if (!isSiteOn(switches, connector.id)) continue;
    if (connector.matches.length > 0) {
      wanted.push(script(connector, `site:${connector.id}`, connector.matches));
      wanted.push(...pageScript(connector, `site-page:${connector.id}`, connector.matches));
    }
    for (const server of servers.filter((s) => s.site === connector.id)) {
      const pattern = serverPattern(server.origin);
      // Without the user's grant the browser would refuse the registration.
      if (await browser.permissions.contains({ origins: [pattern] })) {
        wanted.push(script(connector, `server:${connector.id}:${server.origin}`, [pattern]));
        wanted.push(...pageScript(connector, `server-page:${connector.id}:${server.origin}`, [pattern]));
      }
    }
  }
  return wanted;
}

function sameScript(a: ScriptRegistration, b: ScriptRegistration): boolean {
  const key = (s: ScriptRegistration) =>
    JSON.stringify([s.matches, s.js, s.allFrames ?? false, s.world ?? 'ISOLATED', s.runAt ?? 'document_idle']);
  return key(a) === key(b);
}

const inTurn = serial();

/**
 * Makes the registered content scripts match the switches, the servers and the granted origins.
 * Runs at every worker start and on every change; calls are serialized so two never race.
 */
export function syncContentScripts(): Promise<void> {
  return inTurn(syncNow);
}

async function syncNow(): Promise<void> {
  const wanted = await wantedScripts();
  const registered = await browser.scripting.getRegisteredContentScripts();
  const wantedById = new Map(wanted.map((s) => [s.id, s]));
  const stale = registered.filter((s) => {
    const want = wantedById.get(s.id);
    return !want || !sameScript(s, want);
  });
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  const kept = new Set(registered.filter((s) => !stale.includes(s)).map((s) => s.id));
  const missing = wanted.filter((s) => !kept.has(s.id));
  if (missing.length > 0) await browser.scripting.registerContentScripts(missing);
}

export async function sitesView(): Promise<SitesView> {
  const [switches, servers, health, chosen, ask] = await Promise.all([
    readSiteSwitches(),
    readServers(),
    readHealth(),
    chosenSitesItem.read(),
    askSitesItem.read(),
  ]);
  const trusted = Object.fromEntries(
    servers
      .filter((s) => s.site === ANY_SITE)
      .map(({ origin }) => {
        const record = chosen[origin];
        return [origin, record ? trustedFor(record) : []];
      }),
  );
  return {
    sites: sites.map((c) => ({
      id: c.id,
      label: c.label,
      on: isSiteOn(switches, c.id),
      ask: ask[c.id] === true,
      selfHosted: Boolean(c.selfHosted),
      health: healthView(c, health[c.id]),
    })),
    servers,
    trusted,
  };
}

/** "Report a problem": the site's diagnostic, for the person to paste into a bug report. */
export async function siteReport(site: string): Promise<{ text: string }> {
  const connector = siteById(site);
  if (!connector) return { text: '' };
  const about = { version: browser.runtime.getManifest().version, browser: browserName(navigator.userAgent) };
  return { text: diagnostic(connector, (await readHealth())[site], about) };
}

export async function setSiteOn(site: string, on: boolean): Promise<SitesView> {
  if (siteById(site)) await siteSwitchesItem.write({ ...(await readSiteSwitches()), [site]: on });
  await syncContentScripts();
  return sitesView();
}

/** "Ask before logging on <site>". */
export async function setSiteAsks(site: string, on: boolean): Promise<SitesView> {
  if (siteById(site)) await askSitesItem.write({ ...(await askSitesItem.read()), [site]: on });
  return sitesView();
}

/** Adds a server once the user has granted its origin (the options page asks, on their click). */
export async function addServer(site: string, address: string): Promise<Result<{ view: SitesView }>> {
  const checked = checkServerUrl(address);
  if (!checked.ok || !siteById(site)?.selfHosted) return { ok: false, error: { kind: 'invalid-url' } };
  if (!(await browser.permissions.contains({ origins: [checked.pattern] }))) return { ok: false, error: { kind: 'permission' } };
  const servers = await readServers();
  if (!servers.some((s) => s.site === site && s.origin === checked.origin)) {
    if (servers.length >= MAX_SERVERS) return { ok: false, error: { kind: 'too-many' } };
    await serversItem.write([...servers, { site, origin: checked.origin }]);
  }
  await syncContentScripts();
  return { ok: true, view: await sitesView() };
}

/**
 * Removes a server, its content script and, unless something else still needs that host (another
 * server, or the API server), the permission for it.
 */
export async function removeServer(site: string, origin: string, stillNeeded: string[]): Promise<SitesView> {
  const servers = await readServers();
  const rest = servers.filter((s) => !(s.site === site && s.origin === origin));
  await serversItem.write(rest);
  if (site === ANY_SITE && !rest.some((s) => s.origin === origin)) await forgetChosen(origin);
  await syncContentScripts();
  const pattern = URL.canParse(origin) ? serverPattern(origin) : undefined;
  const inUse = new Set([...rest.map((s) => serverPattern(s.origin)), ...stillNeeded]);
  if (pattern && !inUse.has(pattern)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  return sitesView();
}
