import { z } from 'zod/mini';
import { FILE_PART } from '../model/import';
import { MAX_PROFILE_NAME } from '../model/playback';
import { mediaSchema, sourcesSchema, viewingReportSchema } from '../model/schemas';
import { MAX_SETTINGS_BYTES } from '../model/settings-file';
import { FRAME_QUESTION, type FrameAnswer, type FrameQuestion, PLAYBACK_REPORT, type PlaybackReport } from './content';
import type { PageRequest } from './pages';

/**
 * The schemas every message is checked against where it enters the background, built from the
 * records' schemas (utils/model/schemas.ts). Each is tied to its type in content.ts or pages.ts
 * (`satisfies z.ZodMiniType<…>`), so a field added to one and not the other does not compile.
 * Background only: content scripts and pages never load zod.
 */

/** What a content script may tell the background: a viewing's progress on one page. */
export const playbackReportSchema = z.object({
  type: z.literal(PLAYBACK_REPORT),
  ...viewingReportSchema.shape,
}) satisfies z.ZodMiniType<PlaybackReport>;

/** A player frame asking, through the background, what its tab's watch page names. */
export const frameQuestionSchema = z.object({
  type: z.literal(FRAME_QUESTION),
  site: z.string().check(z.minLength(1), z.maxLength(40)),
}) satisfies z.ZodMiniType<FrameQuestion>;

/** The watch page's answer, checked before it reaches the frame. */
export const frameAnswerSchema = z.object({
  contentId: z.string().check(z.maxLength(200)),
  media: z.nullable(mediaSchema),
  sources: z.optional(sourcesSchema),
}) satisfies z.ZodMiniType<FrameAnswer>;

/** A row of the import's report, by its key. */
const rowKey = z.string().check(z.minLength(1), z.maxLength(1_000));

/** A declared import source's id; the import checks it is one (utils/import/sources/index.ts). */
const sourceId = z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/));

/**
 * Every request an extension page may make; the background parses each with this and answers
 * extension pages only. Its responses are typed in pages.ts.
 */
export const pageRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('account/status') }),
  z.object({ type: z.literal('account/connect'), token: z.string().check(z.maxLength(1_000)) }),
  z.object({ type: z.literal('account/disconnect') }),
  z.object({ type: z.literal('settings/apiUrl'), url: z.nullable(z.string().check(z.maxLength(2_000))) }),
  z.object({ type: z.literal('viewing/current'), tabId: z.int().check(z.nonnegative()), fresh: z.optional(z.boolean()) }),
  z.object({ type: z.literal('results/recent'), limit: z.int().check(z.gte(1), z.lte(200)) }),
  z.object({
    type: z.literal('viewing/identify'),
    tabId: z.int().check(z.nonnegative()),
    media: mediaSchema,
    shown: z.optional(mediaSchema),
  }),
  z.object({ type: z.literal('sites/offer'), tabId: z.int().check(z.nonnegative()) }),
  z.object({
    type: z.literal('sites/choose'),
    tabId: z.int().check(z.nonnegative()),
    origin: z.string().check(z.maxLength(2_000)),
  }),
  z.object({ type: z.literal('results/fix'), key: z.string().check(z.minLength(1), z.maxLength(300)), media: mediaSchema }),
  z.object({ type: z.literal('results/retry'), key: z.string().check(z.minLength(1), z.maxLength(300)) }),
  z.object({ type: z.literal('viewing/act'), tabId: z.int().check(z.nonnegative()), act: z.enum(['scrobble-now', 'ignore']) }),
  z.object({ type: z.literal('blocked/add'), tabId: z.int().check(z.nonnegative()), channel: z.optional(z.boolean()) }),
  z.object({ type: z.literal('blocked/add-logged'), entryKey: z.string().check(z.minLength(1), z.maxLength(1_000)) }),
  z.object({
    type: z.literal('blocked/remove'),
    item: z.object({
      site: z.string().check(z.maxLength(100)),
      kind: z.enum(['show', 'film', 'channel']),
      title: z.string().check(z.maxLength(1_000)),
      year: z.optional(z.int()),
      channelId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    }),
  }),
  z.object({ type: z.literal('blocked/list') }),
  z.object({ type: z.literal('profiles/list') }),
  z.object({
    type: z.literal('profiles/set'),
    site: z.string().check(z.maxLength(40)),
    name: z.string().check(z.minLength(1), z.maxLength(MAX_PROFILE_NAME)),
    on: z.boolean(),
  }),
  z.object({ type: z.literal('settings/export') }),
  // A settings file's text, checked field by field where it is read (utils/background/settings-file.ts).
  z.object({ type: z.literal('settings/check'), text: z.string().check(z.maxLength(MAX_SETTINGS_BYTES + 1)) }),
  z.object({ type: z.literal('settings/apply'), text: z.string().check(z.maxLength(MAX_SETTINGS_BYTES + 1)) }),
  z.object({ type: z.literal('results/summary') }),
  z.object({ type: z.literal('badge/seen') }),
  z.object({ type: z.literal('settings/read') }),
  z.object({
    type: z.literal('settings/write'),
    settings: z.partial(
      z.object({
        scrobble: z.object({ watchedThreshold: z.number(), minWatchingSeconds: z.number() }),
        paused: z.boolean(),
        notifications: z.boolean(),
        privateWindows: z.boolean(),
        askFirst: z.boolean(),
      }),
    ),
  }),
  z.object({ type: z.literal('results/export'), format: z.enum(['json', 'csv']) }),
  z.object({ type: z.literal('results/clear') }),
  z.object({ type: z.literal('account/history') }),
  z.object({
    type: z.literal('account/watchlist'),
    status: z.optional(z.enum(['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD'])),
    mediaType: z.optional(z.enum(['TV', 'MOVIE'])),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2_000))),
  }),
  z.object({ type: z.literal('sites/view') }),
  z.object({ type: z.literal('sites/switch'), site: z.string().check(z.maxLength(100)), on: z.boolean() }),
  z.object({ type: z.literal('sites/ask'), site: z.string().check(z.maxLength(100)), on: z.boolean() }),
  z.object({ type: z.literal('asks/list') }),
  z.object({
    type: z.literal('asks/answer'),
    viewingKey: z.string().check(z.minLength(1), z.maxLength(2_000)),
    viewingId: z.string().check(z.minLength(1), z.maxLength(100)),
    answer: z.enum(['log', 'skip']),
  }),
  z.object({ type: z.literal('sites/report'), site: z.string().check(z.maxLength(100)) }),
  z.object({
    type: z.literal('servers/add'),
    site: z.string().check(z.maxLength(100)),
    address: z.string().check(z.maxLength(2_000)),
  }),
  z.object({
    type: z.literal('servers/remove'),
    site: z.string().check(z.maxLength(100)),
    origin: z.string().check(z.maxLength(2_000)),
  }),
  z.object({ type: z.literal('import/view') }),
  z.object({
    type: z.literal('import/key/save'),
    source: sourceId,
    fields: z
      .record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(2_000)))
      .check(z.refine((fields) => Object.keys(fields).length <= 8)),
  }),
  z.object({ type: z.literal('import/pin/start'), source: sourceId }),
  z.object({ type: z.literal('import/pin/check'), source: sourceId }),
  z.object({ type: z.literal('import/key/forget'), source: sourceId }),
  z.object({
    type: z.literal('import/preview'),
    source: sourceId,
    ratedOnly: z.boolean(),
    profile: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
  z.object({ type: z.literal('import/profiles'), source: sourceId }),
  z.object({
    type: z.literal('import/files/start'),
    source: sourceId,
    notes: z.object({
      finishedKnown: z.boolean(),
      skipped: z.record(z.string().check(z.maxLength(40)), z.int().check(z.gte(0), z.lte(1e7))),
      unnamed: z
        .array(
          z.object({
            tvdbShow: z.int().check(z.positive(), z.lte(1e9)),
            lastEpisode: z.object({
              season: z.int().check(z.gte(0), z.lte(10_000)),
              episode: z.int().check(z.gte(0), z.lte(100_000)),
            }),
            episodes: z.int().check(z.gte(0), z.lte(1e6)),
          }),
        )
        .check(z.maxLength(100)),
      files: z.int().check(z.gte(0), z.lte(100)),
      profile: z.optional(z.string().check(z.maxLength(200))),
      bookmarks: z.optional(z.boolean()),
    }),
  }),
  z.object({
    type: z.literal('import/files/part'),
    job: z.string().check(z.minLength(1), z.maxLength(100)),
    // Each item is checked where it is kept (utils/import/clean.ts).
    items: z.array(z.unknown()).check(z.maxLength(FILE_PART)),
    last: z.boolean(),
  }),
  z.object({ type: z.literal('import/leave-out'), key: rowKey, out: z.boolean() }),
  z.object({ type: z.literal('import/pick'), key: rowKey, reading: z.int().check(z.gte(0), z.lte(4)) }),
  z.object({ type: z.literal('import/started-too'), on: z.boolean() }),
  z.object({ type: z.literal('import/retry') }),
  z.object({
    type: z.literal('import/report'),
    filter: z.enum(['all', 'already', 'to-import', 'not-importable']),
    sort: z.enum(['title', 'watched', 'confidence']),
    page: z.int().check(z.gte(1), z.lte(100_000)),
  }),
  z.object({ type: z.literal('import/tick'), key: rowKey, on: z.boolean() }),
  z.object({ type: z.literal('import/start') }),
  z.object({ type: z.literal('import/pause') }),
  z.object({ type: z.literal('import/resume') }),
  z.object({ type: z.literal('import/cancel') }),
  z.object({ type: z.literal('import/export'), format: z.enum(['json', 'csv']) }),
]) satisfies z.ZodMiniType<PageRequest>;
