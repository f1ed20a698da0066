import { z } from 'zod/mini';
import { HttpError } from '../../http';
import { defaultSourceUrl } from '../addresses';
import {
  type Cursor,
  type ImportSource,
  type RawItem,
  type ReaderOptions,
  type SourceReader,
  sourceGet,
  whole,
  yearOf,
} from './source';

/**
 * Rewind: every page of `GET /v1/watching/ratings`, 100 at a time (the most it allows), following
 * `pagination.total_pages`. Every item is a film the person watched and rated.
 */
export const REWIND_PAGE = 100;

export interface RewindConfig {
  baseUrl: string;
  key: string;
}

const rowSchema = z.object({
  movie: z.object({
    title: z.string().check(z.minLength(1)),
    year: z.catch(z.nullish(z.number()), undefined),
    tmdb_id: z.catch(z.nullish(z.number()), undefined),
  }),
  user_rating: z.catch(z.nullish(z.number()), undefined),
  watched_at: z.catch(z.nullish(z.string()), undefined),
  source: z.catch(z.nullish(z.string()), undefined),
});
const pageSchema = z.object({
  data: z.array(z.unknown()),
  pagination: z.object({
    page: z.int(),
    limit: z.int(),
    total: z.int(),
    total_pages: z.int(),
  }),
});

/** A Rewind key: `rw_live_…` reads, which is all the import needs; `rw_admin_…` works too. */
export const REWIND_KEY = /^rw_(live|admin)_[A-Za-z0-9_-]{4,200}$/;

export function rewindReader(config: RewindConfig, options: Omit<ReaderOptions, 'ratedOnly' | 'version'> = {}): SourceReader {
  return {
    async read(cursor: Cursor | null) {
      const page = typeof cursor?.page === 'number' ? cursor.page : 1;
      const url = new URL(`${config.baseUrl.replace(/\/+$/, '')}/v1/watching/ratings`);
      url.searchParams.set('page', String(page));
      url.searchParams.set('limit', String(REWIND_PAGE));
      const answer = await sourceGet(url, {
        service: 'Rewind',
        schema: pageSchema,
        headers: { Authorization: `Bearer ${config.key}` },
        secrets: [config.key],
        options,
      });
      const items = answer.data.flatMap((row) => itemOf(row) ?? []);
      if (answer.pagination.page !== page) {
        throw new HttpError('unreadable', `Rewind answered page ${answer.pagination.page} when asked for ${page}.`, {
          why: 'repeated',
        });
      }
      const pages = answer.pagination.total_pages;
      return { items, next: page < pages ? { page: page + 1 } : null, pages };
    },
  };
}

function itemOf(row: unknown): RawItem | undefined {
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) return undefined;
  const { movie, user_rating, watched_at } = parsed.data;
  const year = yearOf(movie.year);
  const tmdb = whole(movie.tmdb_id);
  return {
    source: 'rewind',
    list: 'rated',
    mediaType: 'MOVIE',
    title: movie.title,
    ...(year !== undefined ? { year } : {}),
    ids: tmdb ? { tmdb } : {},
    watched: true,
    ...(typeof user_rating === 'number' ? { rating: user_rating } : {}),
    ...(watched_at ? { watchedAt: watched_at } : {}),
  };
}

export const rewind: ImportSource = {
  id: 'rewind',
  kind: 'service',
  label: 'importSourceRewind',
  ratingScale: 5,
  fields: [{ name: 'key', label: 'importRewindKey', help: 'importRewindKeyHelp', type: 'password', placeholder: 'rw_live_…' }],
  keySchema: z.object({ key: z.string().check(z.trim(), z.regex(REWIND_KEY)) }),
  address: { kind: 'fixed', url: () => defaultSourceUrl('rewind') },
  reader: (key, options) => rewindReader({ baseUrl: key.apiUrl, key: key.key ?? '' }, options),
};
