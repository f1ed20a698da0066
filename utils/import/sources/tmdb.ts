import { z } from 'zod/mini';
import { HttpError } from '../../http';
import type { SourceList } from '../../model/import';
import {
  type Cursor,
  type ImportSource,
  keyText,
  type RawItem,
  type ReaderOptions,
  type SourceReader,
  sourceGet,
  whole,
  yearOf,
} from './source';

/**
 * A TMDB-style account at the person's own address: `GET /api/account` for the account id, then
 * every page (1 … `total_pages`) of the rated and favourite films and shows, and of the watchlist
 * for the report. Films carry `title` and `release_date`, shows `name` and `first_air_date`; either
 * is taken on both.
 */
const STEPS: ReadonlyArray<{ section: 'rated' | 'favorites' | 'watchlist'; media: 'movies' | 'tv' }> = [
  { section: 'rated', media: 'movies' },
  { section: 'rated', media: 'tv' },
  { section: 'favorites', media: 'movies' },
  { section: 'favorites', media: 'tv' },
  { section: 'watchlist', media: 'movies' },
  { section: 'watchlist', media: 'tv' },
];

export interface TmdbConfig {
  /** The account API's address, e.g. `https://their-domain.example`. */
  baseUrl: string;
  token: string;
}

const accountSchema = z.object({ id: z.union([z.number(), z.string()]) });
const resultSchema = z.object({
  id: z.optional(z.unknown()),
  title: z.catch(z.nullish(z.string()), undefined),
  name: z.catch(z.nullish(z.string()), undefined),
  release_date: z.catch(z.nullish(z.string()), undefined),
  first_air_date: z.catch(z.nullish(z.string()), undefined),
  rating: z.catch(z.nullish(z.number()), undefined),
});
const pageSchema = z.object({
  page: z.int().check(z.gte(1)),
  results: z.array(z.unknown()),
  total_pages: z.int().check(z.gte(0)),
  total_results: z.optional(z.int().check(z.gte(0))),
});

export function tmdbReader(config: TmdbConfig, options: Omit<ReaderOptions, 'ratedOnly' | 'version'> = {}): SourceReader {
  const base = config.baseUrl.replace(/\/+$/, '');
  const get = <S extends z.ZodMiniType>(path: string, schema: S, query: Record<string, string> = {}) => {
    const url = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return sourceGet(url, {
      service: 'The account API',
      schema,
      headers: { Authorization: `Bearer ${config.token}` },
      secrets: [config.token],
      options,
    });
  };
  return {
    async read(cursor: Cursor | null) {
      if (cursor === null || typeof cursor.account !== 'string') {
        const account = await get('/api/account', accountSchema);
        return { items: [], next: { account: String(account.id), step: 0, page: 1 } };
      }
      const step = typeof cursor.step === 'number' ? cursor.step : 0;
      const page = typeof cursor.page === 'number' ? cursor.page : 1;
      const at = STEPS[step];
      if (!at) return { items: [], next: null };
      const answer = await get(`/api/account/${encodeURIComponent(cursor.account)}/${at.section}/${at.media}`, pageSchema, {
        page: String(page),
        language: 'en-US',
        sort_by: 'created_at.asc',
      });
      // A service that answers another page than the one asked is going round in circles.
      if (answer.page !== page) {
        throw new HttpError('unreadable', `The account API answered page ${answer.page} when asked for ${page}.`, {
          why: 'repeated',
        });
      }
      const list: SourceList = at.section;
      const items = answer.results.flatMap((row) => itemOf(row, list, at.media === 'movies' ? 'MOVIE' : 'TV') ?? []);
      const next =
        page < answer.total_pages
          ? { account: cursor.account, step, page: page + 1 }
          : step + 1 < STEPS.length
            ? { account: cursor.account, step: step + 1, page: 1 }
            : null;
      return { items, next, promised: answer.total_pages };
    },
  };
}

function itemOf(row: unknown, list: SourceList, mediaType: 'MOVIE' | 'TV'): RawItem | undefined {
  const parsed = resultSchema.safeParse(row);
  if (!parsed.success) return undefined;
  const result = parsed.data;
  const title = (mediaType === 'MOVIE' ? (result.title ?? result.name) : (result.name ?? result.title))?.trim();
  if (!title) return undefined;
  const year = yearOf(
    mediaType === 'MOVIE' ? (result.release_date ?? result.first_air_date) : (result.first_air_date ?? result.release_date),
  );
  const tmdb = whole(result.id);
  return {
    source: 'tmdb',
    list,
    mediaType,
    title,
    ...(year !== undefined ? { year } : {}),
    ids: tmdb ? { tmdb } : {},
    // A rated or liked film was seen; a show's list says nothing of how far.
    watched: mediaType === 'MOVIE' && list !== 'watchlist',
    ...(typeof result.rating === 'number' ? { rating: result.rating } : {}),
  };
}

export const tmdb: ImportSource = {
  id: 'tmdb',
  kind: 'service',
  label: 'importSourceTmdb',
  ratingScale: 10,
  fields: [
    { name: 'apiUrl', label: 'importTmdbAddress', type: 'url', placeholder: 'https://', shown: true },
    { name: 'token', label: 'importTmdbToken', type: 'password' },
  ],
  keySchema: z.object({ token: keyText }),
  address: { kind: 'asked' },
  reader: (key, options) => tmdbReader({ baseUrl: key.apiUrl, token: key.token ?? '' }, options),
};
