import { answerPageRequests } from '../page-world';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DISCOVER = 'https://discover.hulu.com/content';

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { credentials: 'include' });
  return response.ok ? response.json() : null;
}

/** The series and season to look up when the entity is an episode after season 1. */
function laterSeason(entity: unknown, id: string): { seriesId: string; season: string } | undefined {
  const items: unknown = (entity as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  const item = items.find((entry: { id?: unknown } | null) => entry?.id === id) as
    | { series_id?: unknown; season?: unknown }
    | undefined;
  const { series_id: seriesId, season } = item ?? {};
  if (typeof seriesId !== 'string' || !UUID.test(seriesId)) return undefined;
  if (typeof season !== 'string' || !/^\d{1,3}$/.test(season) || Number(season) < 2) return undefined;
  return { seriesId, season };
}

/** Only what the connector reads from a season's episodes: a full season with artwork can be large. */
function episodeNumbers(hub: unknown): { items: unknown[] } | null {
  const items: unknown = (hub as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return null;
  return {
    items: items.map((entry: { series_id?: unknown; season?: unknown; number?: unknown } | null) => ({
      series_id: entry?.series_id,
      season: entry?.season,
      number: entry?.number,
    })),
  };
}

/**
 * Runs in Hulu's own world, where discover.hulu.com answers with the viewer's session. English, so
 * the text does not depend on the account's language.
 */
export function huluPage(): void {
  answerPageRequests(async (id) => {
    if (!UUID.test(id)) return null;
    const entity = await getJson(`${DISCOVER}/v3/entity?language=en&eab_ids=${id}`);
    const later = laterSeason(entity, id);
    // Without the season's list the episode number is left out, but the show and season still count.
    const season = later
      ? await getJson(
          `${DISCOVER}/v5/hubs/series/${later.seriesId}/season/${later.season}?schema=3&limit=999&offset=0&referralHost=production`,
        ).then(episodeNumbers, () => null)
      : null;
    return { entity, season };
  });
}
