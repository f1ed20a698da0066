import { browser } from 'wxt/browser';
import type { Result, SitesView } from '../model/records';
import { serverPattern } from '../origins';
import { MIN_DURATION_SECONDS } from '../scrobble/decisions';
import { ANY_SITE } from '../sites/chosen';
import { readServers, servesConnector, sitesView, syncContentScripts } from '../sites/registration';
import { RUNTIME_SCRIPT, siteScript } from '../sites/scripts';
import { sites } from '../sites/sites';
import { MAX_SERVERS, serversItem } from '../store/items';

/** Runs in the tab (the extension's isolated world), once, on the popup's question: the longest video's length. */
function longestVideo(): number {
  let longest = 0;
  for (const video of document.querySelectorAll('video')) {
    if (Number.isFinite(video.duration) && video.duration > longest) longest = video.duration;
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
  if (sites.some((site) => servesConnector(site, url.href, servers))) return null;
  const [frame] = await browser.scripting
    .executeScript({ target: { tabId }, func: longestVideo })
    .catch(() => [] as { result?: unknown }[]);
  const longest = frame?.result;
  return typeof longest === 'number' && longest >= MIN_DURATION_SECONDS ? { origin: url.origin, host: url.host } : null;
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
  if (!(await browser.permissions.contains({ origins: [serverPattern(origin)] })))
    return { ok: false, error: { kind: 'permission' } };
  const servers = await readServers();
  if (!servers.some((s) => s.site === ANY_SITE && s.origin === origin)) {
    if (servers.length >= MAX_SERVERS) return { ok: false, error: { kind: 'too-many' } };
    await serversItem.write([...servers, { site: ANY_SITE, origin }]);
  }
  await syncContentScripts();
  // The two files registered scripts use (scripts.ts); WXT types `files` as its own public paths.
  const files = [`/${RUNTIME_SCRIPT}`, `/${siteScript(ANY_SITE)}`] as Array<'/content-runtime.js'>;
  await browser.scripting.executeScript({ target: { tabId }, files }).catch(() => undefined);
  return { ok: true, view: await sitesView() };
}
