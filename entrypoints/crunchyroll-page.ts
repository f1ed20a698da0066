import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { answerPageRequests } from '@/utils/playback/page-world';

const WATCH_ID = /^[A-Z0-9]{6,20}$/;

let token: { value: string; expires: number } | undefined;

/**
 * A visitor's token, got the way the site gets one for people who are not logged in (the client id
 * from its own `__APP_CONFIG__`, `grant_type=client_id`). The catalogue is public, so the viewer's
 * session is never used or refreshed: no new-device mail, no race with the site's own refresh.
 */
async function visitorToken(): Promise<string | null> {
  if (token && token.expires > Date.now()) return token.value;
  const config = (window as { __APP_CONFIG__?: { cxApiParams?: { anonClientId?: unknown } } }).__APP_CONFIG__;
  const clientId = config?.cxApiParams?.anonClientId;
  if (typeof clientId !== 'string' || !/^[\w-]{1,100}$/.test(clientId)) return null;
  const response = await fetch('/auth/v1/token', {
    method: 'POST',
    headers: { Authorization: `Basic ${btoa(`${clientId}:`)}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_id',
    credentials: 'omit',
  });
  if (!response.ok) return null;
  const body: { access_token?: unknown; expires_in?: unknown } = await response.json();
  if (typeof body.access_token !== 'string') return null;
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 0;
  token = { value: body.access_token, expires: Date.now() + Math.max(0, seconds - 30) * 1000 };
  return token.value;
}

/** Runs in Crunchyroll's own world, so its API sees the site's origin; asks for the watch id in English. */
export default defineUnlistedScript(() => {
  answerPageRequests(async (id) => {
    if (!WATCH_ID.test(id) || !new RegExp(`/watch/${id}(?:/|$)`).test(location.pathname)) return null;
    const bearer = await visitorToken();
    if (!bearer) return null;
    const response = await fetch(`/content/v2/cms/objects/${id}?locale=en-US`, {
      headers: { Authorization: `Bearer ${bearer}` },
      credentials: 'omit',
    });
    return response.ok ? response.json() : null;
  });
});
