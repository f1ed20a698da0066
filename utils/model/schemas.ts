import { z } from 'zod/mini';
import type { Media } from '../media';
import {
  LAYER_NAMES,
  LAYER_RESULTS,
  MAX_CHANNEL_NAME,
  MAX_PROFILE_NAME,
  type PageChannel,
  type PageProfile,
  type Sources,
  type ViewingReport,
} from './playback';

/**
 * The schemas of the records: what the store checks what it reads against, and what the protocol's
 * message schemas are built from. Each is tied to its type (`satisfies z.ZodMiniType<…>`), so the two
 * cannot drift. Background only: content scripts and pages never load zod.
 */

const count = z.number().check(z.gte(0), z.lte(1e7));

export const mediaSchema = z.object({
  // Half of a surrogate pair (a title cut mid-emoji by a page) is not text: it goes, as the content
  // side's cleaning drops it, so what is kept and sent is valid UTF-8.
  title: z.pipe(
    z.pipe(
      z.string(),
      z.transform((title: string) => title.replace(/\p{Cs}/gu, '')),
    ),
    z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  ),
  year: z.optional(z.int().check(z.gte(1870), z.lte(2200))),
  mediaType: z.optional(z.enum(['TV', 'MOVIE'])),
  season: z.optional(z.int().check(z.gte(0), z.lte(10_000))),
  episode: z.optional(z.int().check(z.gte(0), z.lte(100_000))),
}) satisfies z.ZodMiniType<Media>;

export const profileSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(MAX_PROFILE_NAME)),
  kids: z.optional(z.boolean()),
}) satisfies z.ZodMiniType<PageProfile>;

export const channelSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  name: z.string().check(z.minLength(1), z.maxLength(MAX_CHANNEL_NAME)),
}) satisfies z.ZodMiniType<PageChannel>;

/** Which layers a page asked and which one named what plays; a connector has at most five. */
export const sourcesSchema = z.object({
  by: z.optional(z.enum(LAYER_NAMES)),
  tried: z.array(z.object({ layer: z.enum(LAYER_NAMES), result: z.enum(LAYER_RESULTS) })).check(z.maxLength(LAYER_NAMES.length)),
}) satisfies z.ZodMiniType<Sources>;

/** A viewing's progress on one page, as a content script reports it. */
export const viewingReportSchema = z.object({
  site: z.string().check(z.minLength(1), z.maxLength(40)),
  contentId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  segmentId: z.string().check(z.minLength(8), z.maxLength(64)),
  media: z.nullable(mediaSchema),
  sources: z.optional(sourcesSchema),
  profile: z.optional(profileSchema),
  channel: z.optional(channelSchema),
  reason: z.enum(['start', 'pause', 'sample', 'ended', 'stop']),
  position: count,
  duration: count,
  startPosition: count,
  forwardSeconds: count,
  state: z.enum(['playing', 'paused', 'ended']),
}) satisfies z.ZodMiniType<ViewingReport>;
