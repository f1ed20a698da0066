/**
 * A stand-in for the TMDB-style account API of seed 002, read side only: `GET /api/account` and
 * `GET /api/account/{account_id}/{favorites|watchlist|rated}/{movies|tv}`, paged 20 at a time, with
 * the seed's error bodies (401, 404, 405, and the bare string of a 429). It can also play a hostile
 * account (tmdb-hostile.ts), chosen by option, by setHostile or by `POST /__control/hostile`.
 * docs/import-sources.md lists what it checks and every assumption where the seed is silent.
 */
import { type Answer, badRequest } from '../answers';
import { CONTROL_PREFIX } from '../state';
import { TMDB_ACCOUNT, TMDB_DEMO, TMDB_LISTS } from './demo';
import { type ListenOptions, type SourceRequest, type SourceStandIn, startSourceStandIn, wholeParam } from './harness';
import { hostileBodySchema, hostilePage, leakyRefusal, type TmdbHostileMode } from './tmdb-hostile';

export {
  HOSTILE_CHUNK,
  hostileTitle,
  TMDB_HOSTILE_ID_BASE,
  TMDB_HOSTILE_TITLE_LENGTH,
  TMDB_HOSTILE_TOTAL_PAGES,
  type TmdbHostileMode,
} from './tmdb-hostile';

/** Results per page (the seed does not say; TMDB's own account lists use 20). */
export const TMDB_PAGE_SIZE = 20;

export type TmdbSection = 'favorites' | 'watchlist' | 'rated';
export type TmdbMedia = 'movies' | 'tv';
export const TMDB_SECTIONS: readonly TmdbSection[] = ['favorites', 'watchlist', 'rated'];
export const TMDB_MEDIA: readonly TmdbMedia[] = ['movies', 'tv'];

/** The seed's account object. */
export interface TmdbAccount {
  id: number;
  name: string;
  username: string;
  include_adult: boolean;
  iso_639_1: string;
  iso_3166_1: string;
  avatar: { gravatar: { hash: string } };
}

/** A film as the seed's example result shows it; `rating` only in the rated list. */
export interface TmdbMovieResult {
  id: number;
  title: string;
  overview: string;
  poster_path: string | null;
  backdrop_path: string | null;
  release_date: string;
  vote_average: number;
  vote_count: number;
  rating?: number;
}

/** A show: as a film, with `name` and `first_air_date` in place of `title` and `release_date`. */
export interface TmdbTvResult {
  id: number;
  name: string;
  overview: string;
  poster_path: string | null;
  backdrop_path: string | null;
  first_air_date: string;
  vote_average: number;
  vote_count: number;
  rating?: number;
}

/** Each list oldest first: `created_at.asc` answers it in this order, `created_at.desc` (the default) reversed. */
export type TmdbLists = Record<TmdbSection, { movies: TmdbMovieResult[]; tv: TmdbTvResult[] }>;

export interface TmdbPage {
  page: number;
  results: Array<TmdbMovieResult | TmdbTvResult>;
  total_pages: number;
  total_results: number;
}

export interface TmdbStandInOptions extends ListenOptions {
  /** The bearer token every request must carry; default TMDB_DEMO.accessToken. */
  token?: string;
  /** Default TMDB_ACCOUNT (the seed's example account, id 12345). */
  account?: TmdbAccount;
  /** Default TMDB_LISTS (server/sources/demo.ts). */
  lists?: TmdbLists;
  /** Start as a hostile account (tmdb-hostile.ts); default null, the lists as configured. */
  hostile?: TmdbHostileMode | null;
}

/** What the request log adds for TMDB. */
export interface TmdbRequestExtra {
  /** The path has the shape of a list (`/api/account/{id}/{section}/{media}`), whatever the answer. */
  list: boolean;
  /** The hostile mode in force when the request was answered, null when none was. */
  hostile: TmdbHostileMode | null;
}

export interface TmdbStandIn extends SourceStandIn<TmdbRequestExtra> {
  token: string;
  account: TmdbAccount;
  lists: TmdbLists;
  /** Plays a hostile account from the next request on (null: the lists as configured); reset() puts back the start option. */
  setHostile(mode: TmdbHostileMode | null): void;
}

/** The seed's error bodies, word for word (all but invalidPage). */
export const TMDB_ERRORS = {
  unauthenticated: { message: 'You are not authenticated' },
  notFound: { message: 'Not found' },
  methodNotAllowed: { message: 'Method Not Allowed' },
  rateLimited: 'Rate Limit Exceeded',
  /** Not in the seed: the `{message}` envelope with words of our own. */
  invalidPage: { message: 'Invalid page: pages start at 1 and are whole numbers.' },
} as const;

const notFound: Answer = { status: 404, body: TMDB_ERRORS.notFound };

/** One page of a list: past the last page the results are empty, the totals unchanged. */
export function tmdbPage(items: ReadonlyArray<TmdbMovieResult | TmdbTvResult>, page: number, ascending: boolean): TmdbPage {
  const ordered = ascending ? [...items] : [...items].reverse();
  const start = (page - 1) * TMDB_PAGE_SIZE;
  return {
    page,
    results: ordered.slice(start, start + TMDB_PAGE_SIZE),
    total_pages: Math.ceil(items.length / TMDB_PAGE_SIZE),
    total_results: items.length,
  };
}

/** The path's segments, one trailing slash ignored: `/api/account/12345/rated/movies` → api, account, 12345, rated, movies. */
function segmentsOf(path: string): string[] {
  const segments = path.split('/').slice(1);
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  return segments;
}

export async function startTmdbStandIn(options: TmdbStandInOptions = {}): Promise<TmdbStandIn> {
  const token = options.token ?? TMDB_DEMO.accessToken;
  const account = options.account ?? TMDB_ACCOUNT;
  const lists = options.lists ?? TMDB_LISTS;
  const startMode = hostileBodySchema.shape.mode.parse(options.hostile ?? null);
  let hostile = startMode;
  const setHostile = (mode: TmdbHostileMode | null) => {
    hostile = hostileBodySchema.shape.mode.parse(mode);
  };

  const handle = (request: SourceRequest): Answer => {
    const [api, accountWord, accountId, section, media, ...extra] = segmentsOf(request.path);
    // The stand-in reads only: the seed's writes (favourite, watchlist, rating) and any other method under /api are refused.
    if (api === 'api' && request.method !== 'GET') {
      return { status: 405, body: TMDB_ERRORS.methodNotAllowed, headers: { Allow: 'GET, OPTIONS' } };
    }
    if (api !== 'api' || accountWord !== 'account' || extra.length > 0) return notFound;
    if (request.bearer === null || request.bearer !== token) return { status: 401, body: TMDB_ERRORS.unauthenticated };
    if (accountId === undefined) return { status: 200, body: account };
    if (accountId !== String(account.id)) return notFound;
    const sectionLists = TMDB_SECTIONS.includes(section as TmdbSection) ? lists[section as TmdbSection] : undefined;
    if (!sectionLists || !TMDB_MEDIA.includes(media as TmdbMedia)) return notFound;
    const page = wholeParam(request.url, 'page') ?? 1;
    if (!Number.isInteger(page) || page < 1) return { status: 400, body: TMDB_ERRORS.invalidPage };
    // Only the two documented orders exist; anything else is the default, newest first.
    const ascending = request.url.searchParams.get('sort_by') === 'created_at.asc';
    const items = media === 'movies' ? sectionLists.movies : sectionLists.tv;
    if (hostile === 'leaky') return leakyRefusal(request.bearer);
    if (hostile) {
      const list = { section: section as TmdbSection, media: media as TmdbMedia, page, pageSize: TMDB_PAGE_SIZE };
      return { status: 200, body: hostilePage(hostile, list, () => tmdbPage(items, 1, ascending)) };
    }
    return { status: 200, body: tmdbPage(items, page, ascending) };
  };

  const harness = await startSourceStandIn<TmdbRequestExtra>({
    ...options,
    name: 'TMDB account stand-in',
    handle,
    faultAnswer: (kind, fault) =>
      kind === 'rateLimit'
        ? {
            status: 429,
            body: TMDB_ERRORS.rateLimited,
            ...(fault.retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(fault.retryAfterSeconds) } }),
          }
        : { status: 500, body: { message: 'Internal Server Error' } },
    describe: (request) => {
      const [api, accountWord, , , media, ...extra] = segmentsOf(request.path);
      return { list: api === 'api' && accountWord === 'account' && media !== undefined && extra.length === 0, hostile };
    },
    control: {
      [`${CONTROL_PREFIX}/hostile`]: {
        method: 'POST',
        run: (value) => {
          const parsed = hostileBodySchema.safeParse(value);
          if (!parsed.success) return badRequest('body must be { "mode": "endless" | "repeating" | null }');
          setHostile(parsed.data.mode);
          return { status: 204 };
        },
      },
    },
    onReset: () => setHostile(startMode),
  });
  return { ...harness, token, account, lists, setHostile };
}
