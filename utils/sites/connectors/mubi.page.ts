import { answerPageRequests, recentAnswers, watchSiteRequests } from '../page-world';

/** `api.mubi.com/v<n>/films/<id or slug>`: the film itself, not its viewing, languages or reviews. */
const FILM = /^\/v\d{1,2}\/films\/[\w-]{1,200}$/;

type Film = { id?: unknown; slug?: unknown; title?: unknown; year?: unknown; episode?: unknown; series?: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const pick = (value: unknown, fields: string[]) =>
  isRecord(value) ? Object.fromEntries(fields.filter((field) => field in value).map((field) => [field, value[field]])) : null;

/** Only what the connector reads: a film, or a series' episode with its numbers and its series. */
function trimmed(answer: unknown): Film | null {
  const film = pick(answer, ['id', 'slug', 'title', 'year']);
  if (!film || !isRecord(answer)) return null;
  return {
    ...film,
    episode: pick(answer.episode, ['number', 'season_number', 'series_title']),
    series: pick(answer.series, ['title']),
  };
}

/**
 * Runs in MUBI's own world, from the start of the page. What the web app fetches of a film from
 * MUBI's API is kept, by id and by slug, for the content script: after in-app navigation the page's
 * `__NEXT_DATA__` still describes the first page, and the app has asked the API for the film it
 * plays (Next.js runs `getInitialProps` in the browser then). The half asks nothing itself.
 */
export function mubiPage(): void {
  const films = recentAnswers<Film>();
  watchSiteRequests(
    (url) => url.hostname === 'api.mubi.com' && FILM.test(url.pathname),
    ({ answer }) => {
      const film = trimmed(answer);
      for (const key of [film?.id, film?.slug]) {
        if (film && (typeof key === 'number' || typeof key === 'string')) films.keep(String(key), film);
      }
    },
  );
  answerPageRequests(async (id) => films.get(id) ?? null);
}
