import { answerPageRequests } from '../page-world';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `/watch/playback/vod/<content id>/<provider variant uuid>`; the content id can be `_`, the uuid absent. */
export const VOD = new RegExp(`^/watch/playback/vod/([\\w.:-]{1,200})(?:/(${UUID}))?/?$`, 'i');
/** A content id, `GMO_…`, with the brand SkyShowtime's addresses can put before it (`SkyShowtime:GMO_…`). */
export const CONTENT_ID = /^(?:[A-Za-z]{1,40}:)?GMO_\w{1,80}$/;
const VARIANT = new RegExp(`^${UUID}$`, 'i');

/** A content id as the catalogue lists it in a node's formats: without a brand before it. */
export const unbranded = (id: string) => id.replace(/^[A-Za-z]{1,40}:(?=GMO_)/, '');

/**
 * Answers the content script with the catalogue node behind the watch page's id, from a Sky
 * platform's catalogue (`https://atom.<brand>/adapter-calypso/v3/query/node`, which needs no
 * session): by content id (`GMO_…`, sent as the address has it, brand and all, as
 * universal-trakt-scrobbler sends SkyShowtime's), else by the provider variant uuid the address
 * also names. English, so the text does not depend on the account's language. `headers`: the
 * brand's proposition and territory, or null while they are not known (nothing is asked then).
 */
export function answerFromAtom(host: string, headers: () => Record<string, string> | null): void {
  const node = async (path: string, brand: Record<string, string>): Promise<unknown> => {
    const response = await fetch(`https://${host}/adapter-calypso/v3/query/node/${path}`, {
      headers: { ...brand, 'X-SkyOTT-Language': 'en' },
    });
    return response.ok ? response.json() : null;
  };
  answerPageRequests(async (id) => {
    const brand = headers();
    if (!brand) return null;
    // ":" may stand in a path segment as it is; everything else is escaped.
    const byContent = CONTENT_ID.test(id) ? await node(`content_id/${encodeURIComponent(id).replace(/%3A/g, ':')}`, brand) : null;
    const variant = VARIANT.test(id) ? id : VOD.exec(location.pathname)?.[2];
    return byContent ?? (variant ? node(`provider_variant_id/${variant}`, brand) : null);
  });
}

/** Runs in Peacock's own world: its catalogue, as the US web app asks it. */
export function peacockPage(): void {
  answerFromAtom('atom.peacocktv.com', () => ({ 'X-SkyOTT-Proposition': 'NBCUOTT', 'X-SkyOTT-Territory': 'US' }));
}
