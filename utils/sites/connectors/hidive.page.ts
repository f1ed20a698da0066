import { read } from '../../untrusted';
import { answerPageRequests, recentAnswers, watchSiteRequests } from '../page-world';

type Vod = {
  id?: unknown;
  type?: unknown;
  title?: unknown;
  episodeInformation?: { season?: unknown; seasonNumber?: unknown; episodeNumber?: unknown };
};

/** What the content script reads of a season's page view (hidive.ts `mediaFromVod`). */
export interface SeasonView {
  seasonId?: number;
  series?: string;
  header?: string;
}

const DICE = 'dce-frontoffice.imggaming.com';
const VOD = /^\/api\/v\d+\/vod\/\d+$/;
const VIEW = '/api/v1/view';

/**
 * A season's page view (`api/v1/view?type=season&id=<season>`), cut to what names the show:
 * `metadata.currentSeason.seasonId` (whose view it is), `metadata.series.title` (or the series
 * element's), and the text of the header element the season page shows.
 */
function seasonView(answer: unknown): SeasonView | null {
  const view = read.record(answer);
  const metadata = read.record(view?.metadata);
  const elements = read.array(view?.elements).map((element) => read.record(read.record(element)?.attributes));
  const header = elements.map((attributes) => read.text(read.record(read.record(attributes?.header)?.attributes)?.text));
  const series = [read.record(metadata?.series), ...elements.map((attributes) => read.record(attributes?.series))];
  const seasonId = read.record(metadata?.currentSeason)?.seasonId;
  if (typeof seasonId !== 'number') return null;
  return { seasonId, series: series.map((item) => read.text(item?.title)).find(Boolean), header: header.find(Boolean) };
}

/**
 * Runs in HIDIVE's own world, from the start of the page. The player asks the DICE platform for the
 * video (`/api/v4/vod/<id>`, with the web client's key and the viewer's token): that answer is read
 * as it arrives, never asked again by us. The show's name is in no video answer; the season page
 * (an app shell without it) asks `api/v1/view?type=season`, as MALSync does from the player: its
 * answer is read when the app fetched it, otherwise asked once per season with the headers the
 * app's own video request carried.
 */
export function hidivePage(): void {
  const vods = recentAnswers<Vod>();
  const views = recentAnswers<SeasonView>();
  const asked = new Map<number, Promise<SeasonView | null>>();
  let client: { origin: string; headers: Record<string, string> } | undefined;
  watchSiteRequests(
    (url) => url.hostname === DICE && (VOD.test(url.pathname) || url.pathname === VIEW),
    ({ url, headers, answer }) => {
      if (url.pathname === VIEW) {
        const view = url.searchParams.get('type') === 'season' ? seasonView(answer) : null;
        if (view?.seasonId !== undefined) views.keep(String(view.seasonId), view);
        return;
      }
      client = { origin: url.origin, headers };
      const vod = answer as Vod | null;
      if (vod?.type === 'VOD' && (typeof vod.id === 'number' || typeof vod.id === 'string')) vods.keep(String(vod.id), vod);
    },
  );
  const askView = async (season: number): Promise<SeasonView | null> => {
    if (!client) return null;
    const response = await fetch(`${client.origin}${VIEW}?type=season&id=${season}`, { headers: client.headers });
    return response.ok ? seasonView(await response.json()) : null;
  };
  const viewOf = async (season: number): Promise<SeasonView | null> => {
    const own = views.get(String(season));
    if (own) return own;
    if (!asked.has(season))
      asked.set(
        season,
        askView(season).catch(() => null),
      );
    const view = (await asked.get(season)) ?? null;
    // A refusal (a token renewed since) is asked again next time, with the app's newer headers.
    if (!view) asked.delete(season);
    return view;
  };
  answerPageRequests(async (id) => {
    const vod = vods.get(id);
    if (!vod) return null;
    const info = vod.episodeInformation;
    const season = typeof info?.season === 'number' && Number.isSafeInteger(info.season) ? info.season : undefined;
    return {
      id: vod.id,
      title: vod.title,
      season,
      seasonNumber: info?.seasonNumber,
      episodeNumber: info?.episodeNumber,
      view: season === undefined ? null : await viewOf(season),
    };
  });
}
