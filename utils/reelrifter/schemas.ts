import { z } from 'zod';

export const TOKEN_PATTERN = /^rr_pat_[A-Za-z0-9_-]{8,200}$/;

export const tokenSchema = z.string().trim().regex(TOKEN_PATTERN);

export const mediaTypeSchema = z.enum(['TV', 'MOVIE']);
export type MediaType = z.infer<typeof mediaTypeSchema>;

export const watchStatusSchema = z.enum(['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD']);
export type WatchStatus = z.infer<typeof watchStatusSchema>;

const optionalText = z.string().nullish().catch(undefined);
const optionalNumber = z.number().nullish().catch(undefined);

/** The API's documentation gives /me no shape: any JSON object means the token works (docs/reelrifter-api.md). */
export const accountSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).nullish().catch(undefined),
  username: optionalText,
  name: optionalText,
});
export type Account = z.infer<typeof accountSchema>;

/** The most items the API gives in one page; a server sending more is not drawn past it. */
export const PAGE_MAX = 200;
const firstPage = <T>(items: T[]) => items.slice(0, PAGE_MAX);

export const watchlistQuerySchema = z.object({
  status: watchStatusSchema.optional(),
  mediaType: mediaTypeSchema.optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).optional(),
  cursor: z.string().min(1).optional(),
});
export type WatchlistQuery = z.input<typeof watchlistQuerySchema>;

export const watchlistItemSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).nullish().catch(undefined),
  tmdbId: optionalNumber,
  title: z.string(),
  mediaType: mediaTypeSchema.nullish().catch(undefined),
  year: optionalNumber,
  status: watchStatusSchema.nullish().catch(undefined),
  currentSeason: optionalNumber,
  currentEpisode: optionalNumber,
  updatedAt: optionalText,
});
export type WatchlistItem = z.infer<typeof watchlistItemSchema>;

export const watchlistPageSchema = z.object({
  items: z.array(watchlistItemSchema).transform(firstPage),
  nextCursor: z.string().min(1).nullish().catch(undefined),
});
export type WatchlistPage = z.infer<typeof watchlistPageSchema>;

export const historyQuerySchema = z.object({
  limit: z.number().int().min(1).max(PAGE_MAX).optional(),
});
export type HistoryQuery = z.input<typeof historyQuerySchema>;

export const historyItemSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).nullish().catch(undefined),
  tmdbId: optionalNumber,
  title: z.string(),
  mediaType: mediaTypeSchema.nullish().catch(undefined),
  year: optionalNumber,
  season: optionalNumber,
  episode: optionalNumber,
  watchedAt: optionalText,
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const historyPageSchema = z.object({ items: z.array(historyItemSchema).transform(firstPage) });
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const TITLE_MAX = 500;
export const SOURCE_MAX = 100;

/** What we send: trimmed, bounded, and nothing the API does not know. */
export const scrobbleRequestSchema = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX),
  mediaType: mediaTypeSchema.optional(),
  season: z.number().int().min(0).max(10_000).optional(),
  episode: z.number().int().min(0).max(100_000).optional(),
  year: z.number().int().min(1870).max(2200).optional(),
  action: z.enum(['watched', 'watching']).optional(),
  source: z.string().trim().max(SOURCE_MAX).optional(),
});
export type ScrobbleRequest = z.input<typeof scrobbleRequestSchema>;

export const matchedItemSchema = z.object({
  title: z.string(),
  mediaType: mediaTypeSchema.nullish().catch(undefined),
  year: optionalNumber,
  season: optionalNumber,
  episode: optionalNumber,
  tmdbId: optionalNumber,
});

export const scrobbleResponseSchema = z.union([
  z.object({ matched: z.literal(false) }),
  z.object({
    matched: z.literal(true),
    item: matchedItemSchema.nullish().catch(undefined),
    status: watchStatusSchema.nullish().catch(undefined),
  }),
]);
export type ScrobbleResponse = z.infer<typeof scrobbleResponseSchema>;
