import { answerPageRequests } from '../page-world';

/** The content API's name for the country: the domain's, or on viaplay.com the `/<country>-<language>/` prefix's. */
function region(): string | undefined {
  const tld = /^(?:www\.)?viaplay\.([a-z]{2,3})$/.exec(location.hostname)?.[1];
  if (tld && tld !== 'com') return tld;
  return /^\/([a-z]{2})-[a-z]{2}\//.exec(location.pathname)?.[1];
}

/**
 * Runs in Viaplay's own world, where requests carry the viewer's session: asks the content API,
 * as the web app does, for the product behind the player's address (`/player/default/<path>`).
 */
export function viaplayPage(): void {
  answerPageRequests(async (path) => {
    const country = region();
    if (!country || !/^[\w.-]+(?:\/[\w.-]+){1,4}$/.test(path)) return null;
    const host = location.hostname.replace(/^www\./, '');
    const response = await fetch(`https://content.${host}/pcdash-${country}/${path}?partial=true`, { credentials: 'include' });
    if (!response.ok) return null;
    const body: { _embedded?: Record<string, unknown> } = await response.json();
    return body._embedded?.['viaplay:product'] ?? null;
  });
}
