import { answerPageRequests, recentAnswers, watchSiteRequests } from '../page-world';

type Vod = {
  id?: unknown;
  type?: unknown;
  title?: unknown;
  episodeInformation?: { season?: unknown; seasonNumber?: unknown; episodeNumber?: unknown };
};

/** A season page's `og:title`, "<show> - Season 2": the show's name is nowhere in the player. */
async function seasonTitle(seasonId: number): Promise<string | null> {
  const response = await fetch(`/season/${seasonId}`, { credentials: 'include' });
  if (!response.ok) return null;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  return page.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? null;
}

/**
 * Runs in HIDIVE's own world, from the start of the page. The player asks the DICE platform for the
 * video (`/api/v4/vod/<id>`, with the web client's key and the viewer's token): that answer is read
 * as it arrives, never asked again by us. An episode's show is on its season's page.
 */
export function hidivePage(): void {
  const vods = recentAnswers<Vod>();
  const seasons = new Map<number, Promise<string | null>>();
  watchSiteRequests(
    (url) => url.hostname === 'dce-frontoffice.imggaming.com' && /^\/api\/v\d+\/vod\/\d+$/.test(url.pathname),
    ({ answer }) => {
      const vod = answer as Vod | null;
      if (vod?.type === 'VOD' && (typeof vod.id === 'number' || typeof vod.id === 'string')) vods.keep(String(vod.id), vod);
    },
  );
  answerPageRequests(async (id) => {
    const vod = vods.get(id);
    if (!vod) return null;
    const info = vod.episodeInformation;
    const season = typeof info?.season === 'number' && Number.isSafeInteger(info.season) ? info.season : undefined;
    if (season !== undefined && !seasons.has(season))
      seasons.set(
        season,
        seasonTitle(season).catch(() => null),
      );
    const show = season === undefined ? null : await seasons.get(season);
    return { id: vod.id, title: vod.title, seasonNumber: info?.seasonNumber, episodeNumber: info?.episodeNumber, show };
  });
}
