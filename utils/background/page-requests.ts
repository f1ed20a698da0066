import { z } from 'zod';
import { mediaSchema } from './content-messages';

/**
 * The one message protocol between extension pages and the background. Each request type maps to
 * its response (see `PageResponses`); the background parses every request with this schema and
 * answers only extension pages.
 */
export const pageRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('account/status') }),
  z.object({ type: z.literal('account/connect'), token: z.string().max(1_000) }),
  z.object({ type: z.literal('account/disconnect') }),
  z.object({ type: z.literal('settings/apiUrl'), url: z.string().max(2_000).nullable() }),
  z.object({ type: z.literal('viewing/current'), tabId: z.number().int().nonnegative() }),
  z.object({ type: z.literal('results/recent'), limit: z.number().int().min(1).max(200) }),
  z.object({ type: z.literal('viewing/identify'), tabId: z.number().int().nonnegative(), media: mediaSchema }),
  z.object({ type: z.literal('results/fix'), key: z.string().min(1).max(300), media: mediaSchema }),
  z.object({ type: z.literal('results/retry'), key: z.string().min(1).max(300) }),
  z.object({ type: z.literal('viewing/act'), tabId: z.number().int().nonnegative(), act: z.enum(['scrobble-now', 'ignore']) }),
  z.object({ type: z.literal('results/summary') }),
  z.object({ type: z.literal('badge/seen') }),
  z.object({ type: z.literal('settings/read') }),
  z.object({
    type: z.literal('settings/write'),
    settings: z
      .object({
        scrobble: z.object({ watchedThreshold: z.number(), minWatchingSeconds: z.number() }),
        paused: z.boolean(),
        notifications: z.boolean(),
        privateWindows: z.boolean(),
      })
      .partial(),
  }),
  z.object({ type: z.literal('results/export') }),
  z.object({ type: z.literal('results/clear') }),
  z.object({ type: z.literal('account/history') }),
  z.object({
    type: z.literal('account/watchlist'),
    status: z.enum(['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD']).optional(),
    mediaType: z.enum(['TV', 'MOVIE']).optional(),
    cursor: z.string().min(1).max(2_000).optional(),
  }),
  z.object({ type: z.literal('sites/view') }),
  z.object({ type: z.literal('sites/switch'), site: z.string().max(100), on: z.boolean() }),
  z.object({ type: z.literal('servers/add'), site: z.string().max(100), address: z.string().max(2_000) }),
  z.object({ type: z.literal('servers/remove'), site: z.string().max(100), origin: z.string().max(2_000) }),
]);
export type PageRequest = z.infer<typeof pageRequestSchema>;
