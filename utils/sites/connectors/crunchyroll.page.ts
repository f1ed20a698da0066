import { answerPageRequests, recentAnswers, watchSiteRequests } from '../page-world';

const WATCH_ID = /^[A-Z0-9]{6,20}$/;
const OBJECTS = /^\/content\/v2\/cms\/objects\/([A-Z0-9]{6,20})$/;

let token: { value: string; expires: number } | undefined;
const anonymousId = crypto.randomUUID();

/**
 * A visitor's token, got the way the site gets one for people who are not logged in (the client id
 * from its own `__APP_CONFIG__`, `grant_type=client_id`, with the site's cookies and an anonymous
 * id as its own client sends them). The catalogue is public, so the viewer's session is never used
 * or refreshed: no new-device mail, no race with the site's own refresh.
 */
async function visitorToken(): Promise<string | null> {
  if (token && token.expires > Date.now()) return token.value;
  const config = (window as { __APP_CONFIG__?: { cxApiParams?: { anonClientId?: unknown } } }).__APP_CONFIG__;
  const clientId = config?.cxApiParams?.anonClientId;
  if (typeof clientId !== 'string' || !/^[\w-]{1,100}$/.test(clientId)) return null;
  const response = await fetch('/auth/v1/token', {
    method: 'POST',
    headers: {
      Authorization: `Basic ${btoa(`${clientId}:`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      'ETP-Anonymous-ID': anonymousId,
    },
    body: 'grant_type=client_id',
    credentials: 'include',
  });
  if (!response.ok) return null;
  const body: { access_token?: unknown; expires_in?: unknown } = await response.json();
  if (typeof body.access_token !== 'string') return null;
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 0;
  token = { value: body.access_token, expires: Date.now() + Math.max(0, seconds - 30) * 1000 };
  return token.value;
}

/**
 * Runs in Crunchyroll's own world, from the start of the page. The site asks its catalogue for the
 * episode as the watch page opens; when it asks in English that answer is read as it arrives (as
 * MALSync does since 2026), and no request or token of ours is needed. In any other language its
 * titles would be matched badly, so the catalogue is asked again in English, with a visitor's token.
 */
export function crunchyrollPage(): void {
  const english = recentAnswers<unknown>();
  watchSiteRequests(
    (url) => OBJECTS.test(url.pathname) && /^en(?:-|$)/i.test(url.searchParams.get('locale') ?? ''),
    ({ url, answer }) => {
      const id = OBJECTS.exec(url.pathname)?.[1];
      if (id && answer) english.keep(id, answer);
    },
  );
  answerPageRequests(async (id) => {
    if (!WATCH_ID.test(id) || !new RegExp(`/watch/${id}(?:/|$)`).test(location.pathname)) return null;
    const seen = english.get(id);
    if (seen) return seen;
    const bearer = await visitorToken();
    if (!bearer) return null;
    const response = await fetch(`/content/v2/cms/objects/${id}?locale=en-US`, {
      headers: { Authorization: `Bearer ${bearer}` },
      credentials: 'omit',
    });
    return response.ok ? response.json() : null;
  });
}
