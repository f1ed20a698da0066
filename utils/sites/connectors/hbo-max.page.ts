import { answerPageRequests, keptAnswer, recentAnswers, seenProfile, watchSiteRequests } from '../page-world';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Warner Bros. Discovery's API hosts by tenant and market (`default.any-amer…`, `default.beam-emea…`,
 * `default.any-any…`), on each brand's domain and on the shared `discomax.com` public clients call.
 */
export const CMS = /^https:\/\/default\.[a-z]+-[a-z]+\.prd\.api\.(?:hbomax|max|discomax|discoveryplus)\.com$/;
/** The one API host peers have used for the Americas, on the site's own domain (its session cookie's). */
const AMERICAS: Record<string, string> = {
  'play.hbomax.com': 'https://default.any-amer.prd.api.hbomax.com',
  'play.max.com': 'https://default.any-amer.prd.api.max.com',
};
/** What the web client says about itself on every CMS request; the API has refused requests without them since July 2026. */
export const CLIENT_HEADERS = ['x-disco-client', 'x-disco-params', 'x-device-info'] as const;
/** The web client's own values as peers saw them in July 2026, for a page whose own requests were not seen yet. */
const WEB_CLIENT = 'WEB:NT 10.0:hbomax:7.6.0';
const WEB_CLIENT_ID = 'da0cdd94-5a39-42ef-aa68-54cbc1b852c3';
const DECORATORS = 'viewingHistory,isFavorite,contentAction,badges';

/** The CMS host the page has asked (it differs by market), as the browser's resource timings list it. */
function askedHost(cms: RegExp): string | undefined {
  for (const entry of performance.getEntriesByType('resource')) {
    if (!URL.canParse(entry.name)) continue;
    const url = new URL(entry.name);
    if (cms.test(url.origin) && url.pathname.startsWith('/cms/')) return url.origin;
  }
  return undefined;
}

export interface CmsOptions {
  /** The platform's CMS origins. */
  cms: RegExp;
  /** Where to ask, and with which client headers, before the app has asked anything itself; none: nothing is asked. */
  before?: () => { host?: string; headers: Record<string, string> };
  /** Also hand back the profile that watches (`/users/me`'s `selectedProfileId` among `/users/me/profiles`). */
  profiles?: boolean;
}

type MaxProfile = { id?: unknown; attributes?: { profileName?: unknown; ageRestricted?: unknown } };

/**
 * Runs in the site's own world (HBO Max, Discovery+: one platform), from the start of the page,
 * where requests carry the viewer's session cookie. The app asks the CMS for `cms/routes<pathname>`
 * as the player opens: that answer is read as it arrives, so most viewings cost no request of ours.
 * Otherwise the route is asked of the CMS host the app uses, with the client headers the app itself
 * sent (its version changes with each release, so they are taken from its requests, not written
 * here), or `before`'s while the app has sent none.
 */
export function answerFromCms({ cms, before, profiles }: CmsOptions): void {
  const answers = recentAnswers<unknown>();
  let origin: string | undefined;
  let client: Record<string, string> | undefined;
  watchSiteRequests(
    (url) => cms.test(url.origin) && url.pathname.startsWith('/cms/'),
    ({ url, headers, answer }) => {
      origin = url.origin;
      const sent = CLIENT_HEADERS.flatMap((name) => {
        const value = headers[name];
        return value && /^[\x20-\x7e]{1,300}$/.test(value) ? [[name, value] as const] : [];
      });
      if (sent.length > 0) client = Object.fromEntries(sent);
      if (answer && url.pathname.startsWith('/cms/routes/video/watch/'))
        answers.keep(url.pathname.slice('/cms/routes'.length), answer);
    },
  );
  /** Where to ask and with which headers: the app's own, once it has asked anything; `before`'s until then. */
  const asking = () => {
    const fallback = client ? undefined : before?.();
    return { host: origin ?? askedHost(cms) ?? fallback?.host, headers: client ?? fallback?.headers };
  };
  const ask = async (host: string, path: string, headers: Record<string, string>): Promise<unknown> => {
    const response = await fetch(`${host}${path}`, { credentials: 'include', headers });
    return response.ok ? response.json() : null;
  };
  // The profile that watches, and whether it is a kids' one (`ageRestricted`), at most once in ten minutes.
  const profile = keptAnswer(async () => {
    const { host, headers } = asking();
    if (!profiles || !host || !headers) return undefined;
    const me = (await ask(host, '/users/me', headers)) as { data?: { attributes?: { selectedProfileId?: unknown } } } | null;
    const selected = me?.data?.attributes?.selectedProfileId;
    if (typeof selected !== 'string') return undefined;
    const list = (await ask(host, '/users/me/profiles', headers)) as { data?: unknown } | null;
    const chosen = (Array.isArray(list?.data) ? (list.data as MaxProfile[]) : []).find((p) => p?.id === selected);
    return seenProfile(chosen?.attributes?.profileName, chosen?.attributes?.ageRestricted === true);
  });
  const route = async (id: string): Promise<unknown> => {
    const path = location.pathname.replace(/\/$/, '');
    if (!UUID.test(id) || !(path === `/video/watch/${id}` || path.startsWith(`/video/watch/${id}/`))) return null;
    const own = answers.get(path);
    if (own) return own;
    const { host, headers } = asking();
    return host && headers
      ? ask(host, `/cms/routes${path}?include=default&decorators=${DECORATORS}&page[items.size]=10`, headers)
      : null;
  };
  answerPageRequests(async (id) => {
    const [media, who] = await Promise.all([route(id).catch(() => null), profile()]);
    if (!who) return media;
    return { ...(media && typeof media === 'object' ? media : {}), profile: who };
  });
}

/** HBO Max: before the app has asked anything, the Americas' host and the web client's known values. */
export function hboMaxPage(): void {
  const deviceId = crypto.randomUUID();
  answerFromCms({
    cms: CMS,
    profiles: true,
    before: () => ({
      host: AMERICAS[location.hostname],
      headers: {
        'x-disco-client': WEB_CLIENT,
        'x-disco-params': 'realm=bolt,bid=beam,features=ar',
        'x-device-info': `hbomax/7.6.0 (desktop/desktop; Windows/NT 10.0; ${deviceId}/${WEB_CLIENT_ID})`,
      },
    }),
  });
}
