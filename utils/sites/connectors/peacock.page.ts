import { answerPageRequests } from '../page-world';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTENT_ID = /^GMO_\w{1,80}$/;

/**
 * Answers the content script with the catalogue node behind the watch page's id, from a Sky
 * platform's catalogue (`https://atom.<brand>/adapter-calypso/v3/query/node`, which needs no
 * session): by content id (`GMO_…`), or by the provider variant uuid when the URL has no content
 * id. English, so the text does not depend on the account's language. `headers`: the brand's
 * proposition and territory, or null while they are not known (nothing is asked then).
 */
export function answerFromAtom(host: string, headers: () => Record<string, string> | null): void {
  answerPageRequests(async (id) => {
    const path = CONTENT_ID.test(id) ? `content_id/${id}` : UUID.test(id) ? `provider_variant_id/${id}` : null;
    const brand = headers();
    if (!path || !brand) return null;
    const response = await fetch(`https://${host}/adapter-calypso/v3/query/node/${path}`, {
      headers: { ...brand, 'X-SkyOTT-Language': 'en' },
    });
    return response.ok ? response.json() : null;
  });
}

/** Runs in Peacock's own world: its catalogue, as the US web app asks it. */
export function peacockPage(): void {
  answerFromAtom('atom.peacocktv.com', () => ({ 'X-SkyOTT-Proposition': 'NBCUOTT', 'X-SkyOTT-Territory': 'US' }));
}
