import { answerPageRequests } from '../page-world';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTENT_ID = /^GMO_\w{1,80}$/;
const NODE = 'https://atom.peacocktv.com/adapter-calypso/v3/query/node';

/**
 * Runs in Peacock's own world and asks Peacock's catalogue (atom.peacocktv.com, which needs no
 * session) for the node behind the watch page's id: by content id (`GMO_…`), or by the provider
 * variant uuid when the URL has no content id. English, so the text does not depend on the account's
 * language.
 */
export function peacockPage(): void {
  answerPageRequests(async (id) => {
    const path = CONTENT_ID.test(id) ? `content_id/${id}` : UUID.test(id) ? `provider_variant_id/${id}` : null;
    if (!path) return null;
    const response = await fetch(`${NODE}/${path}`, {
      headers: { 'X-SkyOTT-Proposition': 'NBCUOTT', 'X-SkyOTT-Territory': 'US', 'X-SkyOTT-Language': 'en' },
    });
    return response.ok ? response.json() : null;
  });
}
