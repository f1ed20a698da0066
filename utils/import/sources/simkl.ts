import { z } from 'zod/mini';
import { HttpError, requestJson } from '../../http';
import { defaultSourceUrl } from '../addresses';
import {
  type Cursor,
  type ImportSource,
  keyText,
  type PinCheck,
  type PinFlow,
  type RawItem,
  type ReaderOptions,
  SOURCE_TIMEOUT_MS,
  type SourceReader,
  sourceGet,
  whole,
  yearOf,
} from './source';

/**
 * Simkl: the person's whole library (`GET /sync/all-items/{type}`) or, when they ask for rated items
 * only, their ratings (`GET /sync/ratings/{type}/1,…,10`), for movies, shows and anime: one request
 * each. The API falls back silently on odd input (another type word gives every type; a rating out of
 * range gives `{}`; no rating gives the whole library), so only the exact type words and a checked
 * rating list are sent, and only the type asked for is taken from an answer.
 */
export const SIMKL_TYPES = ['movies', 'shows', 'anime'] as const;
export type SimklType = (typeof SIMKL_TYPES)[number];

/** Every rating, so the answer holds only what the person actually rated. */
export const ALL_RATINGS = '1,2,3,4,5,6,7,8,9,10';
const RATINGS_PATTERN = /^(10|[1-9])(,(10|[1-9]))*$/;

export interface SimklConfig {
  baseUrl: string;
  clientId: string;
  token: string;
  ratedOnly: boolean;
  /** The extension's name and version, as the `app-name` and `app-version` parameters. */
  appName: string;
  appVersion: string;
}

const ids = z.catch(z.partial(z.object({ simkl: z.unknown(), imdb: z.unknown(), tmdb: z.unknown() })), {});
const titled = z.object({ title: z.string().check(z.minLength(1)), year: z.optional(z.unknown()), ids: z.optional(ids) });
const common = {
  status: z.catch(z.nullish(z.string()), undefined),
  last_watched_at: z.catch(z.nullish(z.string()), undefined),
  user_rating: z.catch(z.nullish(z.number()), undefined),
};
const movieRow = z.object({ ...common, movie: titled });
const showRow = z.object({ ...common, last_watched: z.catch(z.nullish(z.string()), undefined), show: titled });
const answer = z.record(z.string(), z.unknown());

/** "S02E04" → season 2, episode 4; an anime's "E148" → episode 148, no season. */
export function parseLastWatched(text: string | null | undefined): { season?: number; episode: number } | undefined {
  const match = /^(?:S(\d{1,4}))?E(\d{1,6})$/i.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const episode = Number(match[2]);
  return match[1] === undefined ? { episode } : { season: Number(match[1]), episode };
}

export function simklUrl(
  config: Pick<SimklConfig, 'baseUrl' | 'clientId' | 'ratedOnly' | 'appName' | 'appVersion'>,
  type: SimklType,
): URL {
  if (!SIMKL_TYPES.includes(type)) throw new Error(`not a Simkl type: ${type}`);
  if (!RATINGS_PATTERN.test(ALL_RATINGS)) throw new Error('the rating list is malformed');
  const path = config.ratedOnly ? `/sync/ratings/${type}/${ALL_RATINGS}` : `/sync/all-items/${type}`;
  const url = new URL(`${config.baseUrl.replace(/\/+$/, '')}${path}`);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('app-name', config.appName);
  url.searchParams.set('app-version', config.appVersion);
  return url;
}

export function simklReader(config: SimklConfig, options: Omit<ReaderOptions, 'ratedOnly' | 'version'> = {}): SourceReader {
  const list = config.ratedOnly ? ('rated' as const) : ('library' as const);
  return {
    async read(cursor: Cursor | null) {
      const index = typeof cursor?.type === 'number' ? cursor.type : 0;
      const type = SIMKL_TYPES[index];
      if (!type) return { items: [], next: null, pages: SIMKL_TYPES.length };
      const body = await sourceGet(simklUrl(config, type), {
        service: 'Simkl',
        schema: answer,
        headers: { Authorization: `Bearer ${config.token}`, 'User-Agent': `${config.appName}/${config.appVersion}` },
        secrets: [config.token, config.clientId],
        options,
      });
      // Another type in the answer, and none of this one, is the API ignoring the type word.
      const others = SIMKL_TYPES.filter(
        (other) => other !== type && Array.isArray(body[other]) && (body[other] as unknown[]).length,
      );
      if (others.length > 0 && !Array.isArray(body[type])) {
        throw new HttpError('unreadable', `Simkl answered with ${others.join(', ')} when asked for ${type}.`, { why: 'shape' });
      }
      const rows = Array.isArray(body[type]) ? (body[type] as unknown[]) : [];
      const items = rows.flatMap((row) => itemOf(type, row, list) ?? []);
      // At most one page per type: three in all.
      const next = index + 1 < SIMKL_TYPES.length ? { type: index + 1 } : null;
      return { items, next, pages: SIMKL_TYPES.length };
    },
  };
}

function itemOf(type: SimklType, row: unknown, list: 'rated' | 'library'): RawItem | undefined {
  if (type === 'movies') {
    const parsed = movieRow.safeParse(row);
    if (!parsed.success) return undefined;
    const { movie, status, last_watched_at, user_rating } = parsed.data;
    return base(movie, list, 'MOVIE', {
      watched: status === 'completed' || Boolean(last_watched_at),
      status,
      watchedAt: last_watched_at,
      rating: user_rating,
    });
  }
  const parsed = showRow.safeParse(row);
  if (!parsed.success) return undefined;
  const { show, status, last_watched_at, user_rating, last_watched } = parsed.data;
  const lastEpisode = parseLastWatched(last_watched);
  // Anime are numbered from the first episode: a season is never guessed for them.
  const episode = lastEpisode && type === 'anime' ? { episode: lastEpisode.episode } : lastEpisode;
  return base(show, list, 'TV', {
    watched: Boolean(episode),
    status,
    watchedAt: last_watched_at,
    rating: user_rating,
    ...(episode ? { lastEpisode: episode } : {}),
    ...(type === 'anime' ? { anime: true } : {}),
  });
}

function base(
  titledItem: z.infer<typeof titled>,
  list: 'rated' | 'library',
  mediaType: 'MOVIE' | 'TV',
  extra: Omit<Partial<RawItem>, 'status' | 'watchedAt' | 'rating'> & {
    status?: string | null;
    watchedAt?: string | null;
    rating?: number | null;
  },
): RawItem {
  const year = yearOf(titledItem.year);
  const tmdb = whole(titledItem.ids?.tmdb);
  const simkl = whole(titledItem.ids?.simkl);
  const imdb = typeof titledItem.ids?.imdb === 'string' ? titledItem.ids.imdb : undefined;
  const { status, watchedAt, rating, ...rest } = extra;
  return {
    source: 'simkl',
    list,
    mediaType,
    title: titledItem.title,
    ...(year !== undefined ? { year } : {}),
    ids: { ...(tmdb ? { tmdb } : {}), ...(simkl ? { simkl } : {}), ...(imdb ? { imdb } : {}) },
    watched: false,
    ...rest,
    ...(status ? { status } : {}),
    ...(watchedAt ? { watchedAt } : {}),
    ...(typeof rating === 'number' ? { rating } : {}),
  };
}

// ---------------------------------------------------------------- connecting with a PIN

const pinCodeSchema = z.object({
  user_code: z.string().check(z.regex(/^[A-Za-z0-9-]{4,16}$/)),
  verification_url: z.url().check(z.maxLength(200)),
  expires_in: z.int().check(z.gte(1), z.lte(86_400)),
  interval: z.int().check(z.gte(0), z.lte(600)),
});
const pinCheckSchema = z.object({
  result: z.string(),
  access_token: z.optional(z.string().check(z.maxLength(500))),
  message: z.optional(z.string()),
});

const pinGet = <S extends z.ZodMiniType>(url: URL, schema: S, secrets: string[], options: { fetch?: typeof fetch }) =>
  requestJson(url, {
    service: 'Simkl',
    schema,
    secrets,
    maxBytes: 64 * 1024,
    timeoutMs: SOURCE_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

/**
 * Simkl's PIN flow: `GET /oauth/pin?client_id=…` gives a code and the address to type it at; then
 * `GET /oauth/pin/{code}?client_id=…`, asked every `interval` seconds, answers "Authorization
 * pending" until the person approves, then the access token.
 */
export const simklPin: PinFlow = {
  clientId: () => {
    const id = import.meta.env.WXT_SIMKL_CLIENT_ID;
    return typeof id === 'string' && /^[A-Za-z0-9_-]{8,200}$/.test(id) ? id : undefined;
  },
  async start(apiUrl, clientId, options) {
    const url = new URL(`${apiUrl.replace(/\/+$/, '')}/oauth/pin`);
    url.searchParams.set('client_id', clientId);
    const code = await pinGet(url, pinCodeSchema, [clientId], options);
    const verification = new URL(code.verification_url);
    if (verification.protocol !== 'https:' && verification.protocol !== 'http:') {
      throw new HttpError('unreadable', 'Simkl gave an address that is not a web page.', { why: 'shape' });
    }
    return { userCode: code.user_code, verificationUrl: verification.href, interval: code.interval, expiresIn: code.expires_in };
  },
  async check(apiUrl, clientId, userCode, options): Promise<PinCheck> {
    const url = new URL(`${apiUrl.replace(/\/+$/, '')}/oauth/pin/${encodeURIComponent(userCode)}`);
    url.searchParams.set('client_id', clientId);
    const answer = await pinGet(url, pinCheckSchema, [clientId], options);
    if (answer.result === 'OK' && answer.access_token) return { state: 'approved', token: answer.access_token };
    if (/slow/i.test(answer.message ?? '')) return { state: 'slow-down' };
    if (/pending/i.test(answer.message ?? '')) return { state: 'pending' };
    return { state: 'expired' };
  },
};

export const simkl: ImportSource = {
  id: 'simkl',
  kind: 'service',
  label: 'importSourceSimkl',
  ratingScale: 10,
  fields: [
    { name: 'clientId', label: 'importSimklClientId', type: 'text', shown: true },
    { name: 'token', label: 'importSimklToken', type: 'password' },
  ],
  keySchema: z.object({ clientId: keyText, token: keyText }),
  address: { kind: 'fixed', url: () => defaultSourceUrl('simkl') },
  ratedOnly: 'importRatedOnly',
  pin: simklPin,
  reader: (key, options) =>
    simklReader(
      {
        baseUrl: key.apiUrl,
        clientId: key.clientId ?? '',
        token: key.token ?? '',
        ratedOnly: options.ratedOnly,
        appName: 'reelrifter-scrobbler',
        appVersion: options.version,
      },
      options,
    ),
};
