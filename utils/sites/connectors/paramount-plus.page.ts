import { answerPageRequests, recentAnswers, watchSiteRequests } from '../page-world';

type Fields = Record<string, unknown>;
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The site's own list of a show's episodes: `/shows/<slug>/[video/]xhr/episodes/page/<n>/size/<n>/xs/0/season/<n>/`. */
const EPISODE_LIST = /^\/(?:[a-z]{2}\/)?shows\/[\w-]+\/(?:video\/)?xhr\/episodes\/page\/\d+\/size\/\d+\/xs\/\d+\/season\/\d*\/?$/;
/** A show's watch page that names its show: `/shows/<slug>/video/<id>/…` (not `/shows/video/<id>/`). */
const SHOW_WATCH = /^(\/(?:[a-z]{2}\/)?)shows\/(?!video\/)([\w-]+)\/video\/[\w-]+/;
/** As many pages of 50 as we ask before giving up: the list runs newest or oldest first, unsaid. */
const PAGES = 4;

const listed = (answer: unknown): unknown[] => {
  const data = isRecord(answer) && isRecord(answer.result) ? answer.result.data : undefined;
  return Array.isArray(data) ? data : [];
};

/**
 * The full episodes of a list answer (`{ success, result: { data: [...] } }`), each with only the
 * fields the connector reads. A clip (`type` other than "Full Episode") names no episode.
 */
export function listedEpisodes(answer: unknown): Fields[] {
  const fields = ['content_id', 'series_title', 'season_number', 'episode_number'];
  return listed(answer)
    .filter(isRecord)
    .filter((item) => typeof item.type !== 'string' || item.type.toLowerCase() === 'full episode')
    .map((item) => Object.fromEntries(fields.filter((field) => field in item).map((field) => [field, item[field]])));
}

/** The episode `id` in a list answer, or null. */
export function listedEpisode(answer: unknown, id: string): Fields | null {
  return listedEpisodes(answer).find((item) => item.content_id === id) ?? null;
}

/** Asks the site's own list route for the show in the address, page by page, as the site asks it. */
async function askList(id: string): Promise<Fields | null> {
  const show = SHOW_WATCH.exec(location.pathname);
  if (!show) return null;
  for (let page = 0; page < PAGES; page++) {
    const response = await fetch(`${location.origin}${show[1]}shows/${show[2]}/xhr/episodes/page/${page}/size/50/xs/0/season/`, {
      headers: { Accept: 'application/json, text/javascript, */*; q=0.01', 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'same-origin',
    });
    if (!response.ok) return null;
    const answer: unknown = await response.json();
    const found = listedEpisode(answer, id);
    if (found || listed(answer).length === 0) return found;
  }
  return null;
}

/**
 * Runs in Paramount+'s own world, from the start of the page. The web app lists a show's episodes
 * through `xhr/episodes` (the route yt-dlp, public Paramount+ tools and a 2026 capture of the site
 * read: `result.data[]` with `content_id`, `series_title`, `season_number`, `episode_number`, `type`);
 * each answer is kept by content id as it arrives, so the episode playing is known by its own id
 * however stale the page's JSON-LD. Not seen: the same route is asked for the show in the address.
 * A film has no such list (its page carries only JSON-LD), so films get nothing here.
 */
export function paramountPlusPage(): void {
  const seen = recentAnswers<Fields>(500);
  watchSiteRequests(
    (url) => url.origin === location.origin && EPISODE_LIST.test(url.pathname),
    ({ answer }) => {
      for (const item of listedEpisodes(answer)) {
        if (typeof item.content_id === 'string') seen.keep(item.content_id, item);
      }
    },
  );
  answerPageRequests(async (id) => (/^[\w-]{24,40}$/.test(id) ? (seen.get(id) ?? (await askList(id))) : null));
}
