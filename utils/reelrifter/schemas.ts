import { z } from 'zod/mini';

export const TOKEN_PATTERN = /^rr_pat_[A-Za-z0-9_-]{8,200}$/;

export const tokenSchema = z.string().check(z.trim(), z.regex(TOKEN_PATTERN));

export const mediaTypeSchema = z.enum(['TV', 'MOVIE']);
export type MediaType = z.infer<typeof mediaTypeSchema>;

export const watchStatusSchema = z.enum(['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD']);
export type WatchStatus = z.infer<typeof watchStatusSchema>;

/** Optional and nullable; anything not of the type reads as missing. */
const dropped = <T extends z.core.SomeType>(schema: T) => z.catch(z.nullish(schema), undefined);
const optionalText = dropped(z.string());
const optionalNumber = dropped(z.number());
const id = dropped(z.pipe(z.union([z.string(), z.number()]), z.transform(String)));

/** The API's documentation gives /me no shape: any JSON object means the token works (docs/reelrifter-api.md). */
export const accountSchema = z.object({
  id,
  username: optionalText,
  name: optionalText,
});
export type Account = z.infer<typeof accountSchema>;

/** The most items the API gives in one page; a server sending more is not drawn past it. */
export const PAGE_MAX = 200;
const firstPage = <T>(items: T[]) => items.slice(0, PAGE_MAX);

export const watchlistQuerySchema = z.object({
  status: z.optional(watchStatusSchema),
  mediaType: z.optional(mediaTypeSchema),
  limit: z.optional(z.int().check(z.gte(1), z.lte(PAGE_MAX))),
  cursor: z.optional(z.string().check(z.minLength(1))),
});
export type WatchlistQuery = z.input<typeof watchlistQuerySchema>;

export const watchlistItemSchema = z.object({
  id,
  tmdbId: optionalNumber,
  title: z.string(),
  mediaType: dropped(mediaTypeSchema),
  year: optionalNumber,
  status: dropped(watchStatusSchema),
  currentSeason: optionalNumber,
  currentEpisode: optionalNumber,
  updatedAt: optionalText,
});
export type WatchlistItem = z.infer<typeof watchlistItemSchema>;

export const watchlistPageSchema = z.object({
  items: z.pipe(z.array(watchlistItemSchema), z.transform(firstPage<WatchlistItem>)),
  nextCursor: dropped(z.string().check(z.minLength(1))),
});
export type WatchlistPage = z.infer<typeof watchlistPageSchema>;

export const historyQuerySchema = z.object({
  limit: z.optional(z.int().check(z.gte(1), z.lte(PAGE_MAX))),
});
export type HistoryQuery = z.input<typeof historyQuerySchema>;

export const historyItemSchema = z.object({
  id,
  tmdbId: optionalNumber,
  title: z.string(),
  mediaType: dropped(mediaTypeSchema),
  year: optionalNumber,
  season: optionalNumber,
  episode: optionalNumber,
  watchedAt: optionalText,
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const historyPageSchema = z.object({
  items: z.pipe(z.array(historyItemSchema), z.transform(firstPage<HistoryItem>)),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const TITLE_MAX = 500;
export const SOURCE_MAX = 100;

/** What we send: trimmed, bounded, and nothing the API does not know. */
export const scrobbleRequestSchema = z.object({
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(TITLE_MAX)),
  mediaType: z.optional(mediaTypeSchema),
  season: z.optional(z.int().check(z.gte(0), z.lte(10_000))),
  episode: z.optional(z.int().check(z.gte(0), z.lte(100_000))),
  year: z.optional(z.int().check(z.gte(1870), z.lte(2200))),
  action: z.optional(z.enum(['watched', 'watching'])),
  source: z.optional(z.string().check(z.trim(), z.maxLength(SOURCE_MAX))),
});
export type ScrobbleRequest = z.input<typeof scrobbleRequestSchema>;

export const matchedItemSchema = z.object({
  title: z.string(),
  mediaType: dropped(mediaTypeSchema),
  year: optionalNumber,
  season: optionalNumber,
  episode: optionalNumber,
  tmdbId: optionalNumber,
});

export const scrobbleResponseSchema = z.union([
  z.object({ matched: z.literal(false) }),
  z.object({
    matched: z.literal(true),
    item: dropped(matchedItemSchema),
    status: dropped(watchStatusSchema),
  }),
]);
export type ScrobbleResponse = z.infer<typeof scrobbleResponseSchema>;
