import { browser } from 'wxt/browser';
import type { Result, SitesView } from '../model/records';
import { serverPattern } from '../origins';
import { MIN_DURATION_SECONDS } from '../scrobble/decisions';
import { choosable } from '../sites/choosable';
import { ANY_SITE } from '../sites/chosen';
import { readServers, servesConnector, sitesView, syncContentScripts } from '../sites/registration';
import { RUNTIME_SCRIPT, siteScript } from '../sites/scripts';
import { sites } from '../sites/sites';
import { MAX_SERVERS, serversItem } from '../store/items';

/**
 * Runs in each frame of the tab the extension may see (its isolated world there), once, on the
 * popup's question: the longest video's length, in open shadow roots too (web-component players).
 */
export function longestVideo(): number {
  let longest = 0;
  const roots: ParentNode[] = [document];
  for (const root of roots) {
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
      const duration = element.localName === 'video' ? (element as HTMLVideoElement).duration : 0;
      if (Number.isFinite(duration) && duration > longest) longest = duration;
    }
  }
  return longest;
}

/** The tab's web page address (http or https), when the extension may see it (the person opened the popup on it, or its host is granted). */
async function tabUrl(tabId: number): Promise<URL | undefined> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const url = tab?.url && URL.canParse(tab.url) ? new URL(tab.url) : undefined;
  return url?.protocol === 'https:' || url?.protocol === 'http:' ? url : undefined;
}

/**
 * "Scrobble on this site" is offered for a tab whose page (http or https) no connector serves and
 * which has a video as long as a film or an episode. The popup's opening lets the extension look
 * at the tab (activeTab): one function is run in it, once; nothing stays behind.
 */
export async function offerFor(tabId: number): Promise<{ origin: string; host: string } | null> {
  const url = await tabUrl(tabId);
  if (!url) return null;
  const servers = await readServers();
  if (sites.some((site) => servesConnector(site, url.href, servers)) || choosable(url, servers) !== 'ok') return null;
  // Every frame it may see: the page's origin's (a player frame of its own) and any other it was granted.
  const frames = await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, func: longestVideo })
    .catch(() => [] as { result?: unknown }[]);
  const longest = Math.max(
    0,
    ...frames.map(({ result }) => (typeof result === 'number' && Number.isFinite(result) ? result : 0)),
  );
  return longest >= MIN_DURATION_SECONDS ? { origin: url.origin, host: url.host } : null;
}

/**
 * The person chose to scrobble on the tab's site and the browser granted its origin (the popup
 * asked, on their click): the generic connector is registered there from now on, and started in
 * the tab now, so the video already open counts.
 */
export async function chooseSite(tabId: number, origin: string): Promise<Result<{ view: SitesView }>> {
  const url = await tabUrl(tabId);
  if (url?.origin !== origin) {
    return { ok: false, error: { kind: 'invalid-url' } };
  }
  const servers = await readServers();
  const allowed = choosable(url, servers);
  if (allowed !== 'ok') return { ok: false, error: { kind: allowed === 'insecure' ? 'insecure-url' : 'invalid-url' } };
  if (!(await browser.permissions.contains({ origins: [serverPattern(origin)] })))
    return { ok: false, error: { kind: 'permission' } };
  if (!servers.some((s) => s.site === ANY_SITE && s.origin === origin)) {
    if (servers.length >= MAX_SERVERS) return { ok: false, error: { kind: 'too-many' } };
    await serversItem.write([...servers, { site: ANY_SITE, origin }]);
  }
  await syncContentScripts();
  // The two files registered scripts use (scripts.ts); WXT types `files` as its own public paths.
  const files = [`/${RUNTIME_SCRIPT}`, `/${siteScript(ANY_SITE)}`] as Array<'/content-runtime.js'>;
  // In each frame of that origin: the page and its own player frames (registered scripts run in them from now on).
  const origins = await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, func: () => location.origin })
    .catch(() => [] as { frameId: number; result?: unknown }[]);
  const frameIds = origins.flatMap(({ frameId, result }) => (result === origin && typeof frameId === 'number' ? [frameId] : []));
  // Where the browser does not say which frame answered, the top page at least (its origin is the chosen one).
  const target = frameIds.length > 0 ? { tabId, frameIds } : { tabId };
  await browser.scripting.executeScript({ target, files }).catch(() => undefined);
  return { ok: true, view: await sitesView() };
}
