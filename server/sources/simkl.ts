/**
 * A stand-in for the part of the Simkl API the import reads (seed 001): `GET /sync/all-items/{type}`
 * and `GET /sync/ratings/{type}/{rating}`, with Simkl's silent fallbacks on odd input reproduced as
 * the seed describes them, and the PIN flow that gives an app the token (simkl-pin.ts). Real base:
 * https://api.simkl.com; here http://127.0.0.1:<port>.
 * docs/import-sources.md lists what it checks and every assumption where the seed is silent.
 */
import type { Answer } from '../answers';
import { SIMKL_DEMO, SIMKL_LIBRARY } from './demo';
import { type ListenOptions, type SourceRequest, type SourceStandIn, startSourceStandIn } from './harness';
import { PIN_DEFAULT_TIMING, type PinCode, type PinTiming, pinFlow, pinRouteOf, pinTimingSchema } from './simkl-pin';

export { PIN_DEFAULT_TIMING, PIN_MESSAGES, type PinCode, type PinTiming } from './simkl-pin';

export type SimklType = 'movies' | 'shows' | 'anime';
/** The order the seed's example answer lists the types in. */
export const SIMKL_ANSWER_ORDER: readonly SimklType[] = ['shows', 'anime', 'movies'];

export type SimklStatus = 'completed' | 'watching' | 'plantowatch' | 'dropped' | 'hold';

/** As the seed shows them: simkl a number, the others strings; only the keys Simkl knows are sent. */
export interface SimklIds {
  simkl: number;
  imdb?: string;
  tmdb?: string;
  tvdb?: string;
  mal?: string;
  anidb?: string;
}

export interface SimklMovieItem {
  last_watched_at: string | null;
  user_rated_at: string | null;
  /** 1–10, or null when the person has not rated it. */
  user_rating: number | null;
  status: SimklStatus;
  movie: { title: string; year: number | null; ids: SimklIds };
}

export interface SimklShowItem {
  last_watched_at: string | null;
  user_rated_at: string | null;
  user_rating: number | null;
  status: SimklStatus;
  /** "S01E05" for shows, "E148" for anime; null when nothing was watched. */
  last_watched: string | null;
  next_to_watch: string | null;
  show: { title: string; year: number | null; ids: SimklIds };
}

export interface SimklLibrary {
  movies: SimklMovieItem[];
  shows: SimklShowItem[];
  anime: SimklShowItem[];
}

export type SimklAnswer = { movies?: SimklMovieItem[]; shows?: SimklShowItem[]; anime?: SimklShowItem[] };

export interface SimklStandInOptions extends ListenOptions {
  /** The `client_id` every request must carry; default SIMKL_DEMO.clientId. */
  clientId?: string;
  /** The bearer token every request must carry; default SIMKL_DEMO.token. */
  token?: string;
  /** The person's library; default SIMKL_LIBRARY (server/sources/demo.ts). */
  library?: SimklLibrary;
  /** PIN flow: seconds an app must leave between two checks of a code (`interval`); default 5, 0 = no limit. */
  pinIntervalSeconds?: number;
  /** PIN flow: seconds a code lives (`expires_in`); default 900. */
  pinExpiresInSeconds?: number;
  /** PIN flow: the `verification_url` answered; default the stand-in's own page, `<origin>/pin`. */
  verificationUrl?: string;
}

/** What the request log adds for Simkl: the `app-name` and `app-version` parameters and the User-Agent. */
export interface SimklRequestExtra {
  appName: string | null;
  appVersion: string | null;
  userAgent: string | null;
}

export interface SimklStandIn extends SourceStandIn<SimklRequestExtra> {
  clientId: string;
  token: string;
  library: SimklLibrary;
  /** Approves a PIN code as the person would at /pin (without one: the newest live code not yet approved); the code, or null when there is none. */
  approvePin(code?: string): string | null;
  /** Every PIN code issued since the start or the last reset, oldest first. */
  pinCodes(): PinCode[];
  /** Changes the interval and lifetime of codes issued from now on; reset() puts back the start options. */
  setPinTiming(timing: Partial<PinTiming>): void;
}

/** Simkl-style error bodies. The seed shows none; these are invented (see docs/import-sources.md). */
export const simklError = (status: number, error: string, message: string): Answer => ({
  status,
  body: { error, code: status, message },
});

const isType = (word: string | undefined): word is SimklType => word === 'movies' || word === 'shows' || word === 'anime';

/**
 * The rating segment as a filter: null = no filter (the segment is absent, empty or not digits and
 * commas, which gives the whole library), otherwise the set of values asked for. Values outside
 * 1–10 are kept and simply never match.
 */
export function ratingFilter(segment: string | undefined): Set<number> | null {
  if (segment === undefined || !/^\d+(,\d+)*$/.test(segment)) return null;
  return new Set(segment.split(',').map(Number));
}

/** The answer for `types` (all three when the type word is absent or unrecognised), filtered by rating. */
export function simklAnswer(library: SimklLibrary, types: readonly SimklType[], ratings: Set<number> | null): SimklAnswer {
  const keep = <T extends { user_rating: number | null }>(items: readonly T[]) =>
    ratings === null ? [...items] : items.filter((item) => item.user_rating !== null && ratings.has(item.user_rating));
  const answer: SimklAnswer = {};
  for (const type of SIMKL_ANSWER_ORDER) {
    if (!types.includes(type)) continue;
    // An empty type is left out of the answer: nothing at all is `{}`, as the seed shows for a rating out of range.
    if (type === 'movies') {
      const items = keep(library.movies);
      if (items.length > 0) answer.movies = items;
    } else {
      const items = keep(library[type]);
      if (items.length > 0) answer[type] = items;
    }
  }
  return answer;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The route a path names, or null: `/sync/all-items[/type]` or `/sync/ratings[/type[/rating]]`. */
function routeOf(path: string): { route: 'all-items' | 'ratings'; type?: string; rating?: string } | null {
  const segments = path.split('/').slice(1).map(decode);
  // One trailing slash is the same as none: "/sync/ratings/movies/" has an empty rating segment.
  if (segments.length > 2 && segments.at(-1) === '') segments.pop();
  const [sync, route, type, rating, ...extra] = segments;
  if (sync !== 'sync' || extra.length > 0) return null;
  if (route === 'all-items' && rating === undefined) return { route, ...(type === undefined ? {} : { type }) };
  if (route === 'ratings') {
    return { route, ...(type === undefined ? {} : { type }), ...(rating === undefined ? {} : { rating }) };
  }
  return null;
}

export async function startSimklStandIn(options: SimklStandInOptions = {}): Promise<SimklStandIn> {
  const clientId = options.clientId ?? SIMKL_DEMO.clientId;
  const token = options.token ?? SIMKL_DEMO.token;
  const library = options.library ?? SIMKL_LIBRARY;
  let verificationUrl = options.verificationUrl;
  // A bad interval or lifetime is refused at start, as setPinTiming refuses one later.
  pinTimingSchema.parse({ intervalSeconds: options.pinIntervalSeconds, expiresInSeconds: options.pinExpiresInSeconds });
  const pin = pinFlow({
    token,
    now: options.now ?? Date.now,
    timing: {
      intervalSeconds: options.pinIntervalSeconds ?? PIN_DEFAULT_TIMING.intervalSeconds,
      expiresInSeconds: options.pinExpiresInSeconds ?? PIN_DEFAULT_TIMING.expiresInSeconds,
    },
    verificationUrl: () => verificationUrl ?? '',
  });

  /** What every API route checks first, in this order: the method (GET only), then the app's client_id. */
  const refusal = (request: SourceRequest): Answer | null => {
    if (request.method !== 'GET') {
      return {
        ...simklError(405, 'method_not_allowed', 'This stand-in only reads: use GET.'),
        headers: { Allow: 'GET, OPTIONS' },
      };
    }
    const sentClientId = request.url.searchParams.get('client_id');
    if (!sentClientId || sentClientId !== clientId) {
      return simklError(401, 'client_id_failed', 'The client_id parameter is missing or not a known app.');
    }
    return null;
  };

  const handle = (request: SourceRequest): Answer => {
    const pinRoute = pinRouteOf(request.path);
    if (pinRoute?.kind === 'page') return pin.page(request.method, request.body);
    // The PIN flow is how an app gets the token, so it asks for none.
    if (pinRoute) return refusal(request) ?? (pinRoute.kind === 'issue' ? pin.issue() : pin.check(pinRoute.code));
    const route = routeOf(request.path);
    if (!route) return simklError(404, 'not_found', 'There is no such API route.');
    const refused = refusal(request);
    if (refused) return refused;
    if (request.bearer === null || request.bearer !== token) {
      return simklError(401, 'user_token_failed', 'The Authorization header is missing or its token is not valid.');
    }
    // An unrecognised (or absent) type word is ignored, not refused: every type comes back.
    const types = isType(route.type) ? [route.type] : SIMKL_ANSWER_ORDER;
    const ratings = route.route === 'ratings' ? ratingFilter(route.rating) : null;
    return { status: 200, body: simklAnswer(library, types, ratings) };
  };

  const harness = await startSourceStandIn<SimklRequestExtra>({
    ...options,
    name: 'Simkl stand-in',
    handle,
    faultAnswer: (kind, fault) =>
      kind === 'rateLimit'
        ? {
            ...simklError(429, 'rate_limit', 'Too many requests; slow down.'),
            ...(fault.retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(fault.retryAfterSeconds) } }),
          }
        : simklError(500, 'server_error', 'Something went wrong on our side.'),
    describe: (request) => ({
      appName: request.url.searchParams.get('app-name'),
      appVersion: request.url.searchParams.get('app-version'),
      userAgent: request.headers['user-agent'] ?? null,
    }),
    control: pin.control,
    onReset: pin.reset,
  });
  verificationUrl ??= `${harness.origin}/pin`;
  return {
    ...harness,
    clientId,
    token,
    library,
    approvePin: pin.approve,
    pinCodes: pin.list,
    setPinTiming: pin.setTiming,
  };
}
