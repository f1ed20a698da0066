import type { LayerName, Sources, ViewingReport } from '../model/playback';
import type { SiteHealthRecord, SiteHealthView } from '../model/records';
import { serial } from '../serial';
import { HEALTH_VIEWINGS, siteHealthItem } from '../store/items';
import type { Site } from './types';

/**
 * Which of a site's sources named its last viewings, so a person can see when a site changed under
 * us (its best source stopped answering) before a missed scrobble tells them. Local, bounded, and
 * counts and dates only: no titles, and of addresses only the last watch page's shape.
 */

/** Route words kept in a page's shape; any other path part (an id, a title's slug) is replaced. */
const ROUTE_WORDS = new Set(
  'watch video videos play playback vod movie movies film show shows series episode title detail details gp region web desktop server library metadata videoosd'.split(
    ' ',
  ),
);

const shapeOf = (part: string, contentId: string) => {
  if (!part || /^#!?$/.test(part)) return part;
  if (part !== contentId && (ROUTE_WORDS.has(part.toLowerCase()) || /^[a-z]{2}(?:-[a-z0-9]{2,4})?$/i.test(part))) return part;
  return '…';
};

/** A watch page's address with every id, slug and query value replaced: `https://www.netflix.com/watch/…?trackId=…`. */
export function pageShape(address: string, contentId = ''): string | undefined {
  if (!URL.canParse(address)) return undefined;
  const url = new URL(address);
  const path = (text: string) =>
    text
      .split('/')
      .map((part) => shapeOf(part, contentId))
      .join('/');
  const query = (params: URLSearchParams) => {
    const keys = [...new Set(params.keys())].filter((key) => /^[\w.-]{1,30}$/.test(key));
    return keys.length > 0 ? `?${keys.map((key) => `${key}=…`).join('&')}` : '';
  };
  // A hash-routed app (Plex, Jellyfin) keeps its route and query in the hash: the same rules apply there.
  const [route = '', search = ''] = url.hash.split(/\?(.*)/s);
  const hash = url.hash ? `${path(route)}${query(new URLSearchParams(search))}` : '';
  return `${url.origin}${path(url.pathname)}${query(url.searchParams)}${hash}`.slice(0, 300);
}

/**
 * A page's shape as kept and reported: a self-hosted server's or a chosen site's address says who
 * the person is, so it becomes "your server" or "a site you chose".
 */
export function privatePage(connector: Pick<Site, 'selfHosted' | 'chosen'>, page: string | undefined): string | undefined {
  if (!page || !(connector.selfHosted || connector.chosen)) return page;
  return page.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, connector.chosen ? '(a site you chose)' : '(your server)');
}

/** The record with one more viewing; unchanged when this page tracker's viewing is already in it. */
export function withViewing(
  record: SiteHealthRecord | undefined,
  viewing: { segment: string; at: number; sources: Sources; page?: string },
): SiteHealthRecord | undefined {
  const before = record ?? { viewings: [], layers: {} };
  if (before.viewings.some((v) => v.segment === viewing.segment)) return undefined;
  const { by, tried } = viewing.sources;
  const layers = { ...before.layers };
  for (const { layer, result } of tried) {
    const counts = { ...(layers[layer] ?? { named: 0, failed: 0 }) };
    if (result === 'named') Object.assign(counts, { named: counts.named + 1, lastNamed: viewing.at });
    if (result === 'failed' || result === 'nothing') Object.assign(counts, { failed: counts.failed + 1, lastFailed: viewing.at });
    layers[layer] = counts;
  }
  return {
    viewings: [...before.viewings, { segment: viewing.segment, at: viewing.at, by, tried }].slice(-HEALTH_VIEWINGS),
    layers,
    page: viewing.page ?? before.page,
  };
}

/** The site's state from its last viewing, and since when it has been in it (the first of the run). */
export function healthView(connector: Site, record: SiteHealthRecord | undefined): SiteHealthView {
  const best = connector.layers[0]?.name ?? 'page';
  const viewings = record?.viewings ?? [];
  const stateOf = (by: LayerName | undefined) => (by === undefined ? 'unidentified' : by === best ? 'working' : 'fallback');
  const last = viewings.at(-1);
  if (!last) return { state: 'unused', best };
  const state = stateOf(last.by);
  let since = last.at;
  for (let i = viewings.length - 1; i >= 0 && stateOf(viewings[i]?.by) === state; i--) since = viewings[i]?.at ?? since;
  return state === 'working' ? { state, best, by: last.by } : { state, best, by: last.by, since };
}

const inTurn = serial();

/**
 * Notes a page's viewing once it has played long enough to count (the same 10 s after which a
 * viewing is kept). Only a report the background already accepted from a page of that site gets here.
 */
export function noteViewing(
  connector: Site,
  report: ViewingReport,
  senderUrl: string | undefined,
  now = Date.now(),
): Promise<boolean> {
  const sources = report.sources;
  if (!sources) return Promise.resolve(false);
  return inTurn(async () => {
    const all = await siteHealthItem.read();
    const page = senderUrl ? privatePage(connector, pageShape(senderUrl, report.contentId)) : undefined;
    const next = withViewing(all[connector.id], { segment: report.segmentId, at: now, sources, page });
    if (next) await siteHealthItem.write({ ...all, [connector.id]: next });
    return next !== undefined;
  });
}

export async function readHealth(): Promise<Record<string, SiteHealthRecord>> {
  return siteHealthItem.read();
}

/** A date to the day: a report says when, not at what time the person watched. */
const day = (at: number | undefined) => (at === undefined ? 'never' : new Date(at).toISOString().slice(0, 10));

/**
 * What a person pastes into a bug report when a site stops working: the extension's version and
 * browser, the site, its state, the last watch page's shape, and how each source did. In English,
 * for the project's issue tracker; nothing in it names a title, a token, the account, the person's
 * own server or chosen site, or the time of day they watched.
 */
export function diagnostic(connector: Site, record: SiteHealthRecord | undefined, about: { version: string; browser: string }) {
  const health = healthView(connector, record);
  const lines = [
    `ReelRifter Scrobbler ${about.version} on ${about.browser}`,
    `Site: ${connector.label} (${connector.id}), sources best first: ${connector.layers.map((l) => l.name).join(', ')}`,
    `State: ${health.state}${health.since ? ` since ${day(health.since)}` : ''}${health.by ? `, last named by ${health.by}` : ''}`,
    `Page: ${privatePage(connector, record?.page) ?? 'none seen'}`,
    'Last viewings, newest first:',
    ...(record?.viewings ?? [])
      .slice()
      .reverse()
      .map((v) => `  ${day(v.at)}: ${v.tried.map((t) => `${t.layer} ${t.result}`).join(', ') || 'no source asked'}`),
    'Sources:',
    ...connector.layers.map(({ name }) => {
      const c = record?.layers[name];
      return `  ${name}: named ${c?.named ?? 0} (last ${day(c?.lastNamed)}), found nothing or failed ${c?.failed ?? 0} (last ${day(c?.lastFailed)})`;
    }),
  ];
  return lines.join('\n');
}

/** The browser's name and major version, from its user agent. */
export function browserName(userAgent: string): string {
  const firefox = /Firefox\/(\d+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const chrome = /Chrom(?:e|ium)\/(\d+)/.exec(userAgent);
  return chrome ? `Chrome ${chrome[1]}` : 'an unknown browser';
}
