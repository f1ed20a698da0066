import { z } from 'zod';
import type { Media } from '../media';
import { LAYER_NAMES, LAYER_RESULTS, type Sources, type ViewingReport } from './playback';

/**
 * The schemas of the records: what the store checks what it reads against, and what the protocol's
 * message schemas are built from. Each is tied to its type (`satisfies z.ZodType<…>`), so the two
 * cannot drift. Background only: content scripts and pages never load zod.
 */

const count = z.number().finite().min(0).max(1e7);

export const mediaSchema = z.object({
  // Half of a surrogate pair (a title cut mid-emoji by a page) is not text: it goes, as the content
  // side's cleaning drops it, so what is kept and sent is valid UTF-8.
  title: z
    .string()
    .transform((title) => title.replace(/\p{Cs}/gu, ''))
    .pipe(z.string().trim().min(1).max(500)),
  year: z.number().int().min(1870).max(2200).optional(),
  mediaType: z.enum(['TV', 'MOVIE']).optional(),
  season: z.number().int().min(0).max(10_000).optional(),
  episode: z.number().int().min(0).max(100_000).optional(),
}) satisfies z.ZodType<Media>;

/** Which layers a page asked and which one named what plays; a connector has at most five. */
export const sourcesSchema = z.object({
  by: z.enum(LAYER_NAMES).optional(),
  tried: z.array(z.object({ layer: z.enum(LAYER_NAMES), result: z.enum(LAYER_RESULTS) })).max(LAYER_NAMES.length),
}) satisfies z.ZodType<Sources>;

/** A viewing's progress on one page, as a content script reports it. */
export const viewingReportSchema = z.object({
  site: z.string().min(1).max(40),
  contentId: z.string().min(1).max(200).optional(),
  segmentId: z.string().min(8).max(64),
  media: mediaSchema.nullable(),
  sources: sourcesSchema.optional(),
  reason: z.enum(['start', 'pause', 'sample', 'ended', 'stop']),
  position: count,
  duration: count,
  startPosition: count,
  forwardSeconds: count,
  state: z.enum(['playing', 'paused', 'ended']),
}) satisfies z.ZodType<ViewingReport>;
