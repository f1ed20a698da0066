import { z } from 'zod';

const count = z.number().finite().min(0).max(1e7);

export const mediaSchema = z.object({
  title: z.string().trim().min(1).max(500),
  year: z.number().int().min(1870).max(2200).optional(),
  mediaType: z.enum(['TV', 'MOVIE']).optional(),
  season: z.number().int().min(0).max(10_000).optional(),
  episode: z.number().int().min(0).max(100_000).optional(),
});

/** What a content script may tell the background: a viewing's progress on one page. */
export const playbackReportSchema = z.object({
  type: z.literal('playback/report'),
  site: z.string().min(1).max(40),
  /** The site's own id for what plays; absent when the site has none. */
  contentId: z.string().min(1).max(200).optional(),
  /** Random per page and video: the tracker whose counts these are. */
  segmentId: z.string().min(8).max(64),
  /** null: the page plays a film-length video but nothing identifies it. */
  media: mediaSchema.nullable(),
  reason: z.enum(['start', 'pause', 'sample', 'ended', 'stop']),
  position: count,
  duration: count,
  startPosition: count,
  forwardSeconds: count,
  state: z.enum(['playing', 'paused', 'ended']),
});
export type PlaybackReport = z.infer<typeof playbackReportSchema>;

/** A player frame asking, through the background, what its tab's watch page names. */
export const frameQuestionSchema = z.object({ type: z.literal('frame/identify'), site: z.string().min(1).max(40) });

/** The watch page's answer, checked before it reaches the frame. */
export const frameAnswerSchema = z.object({ contentId: z.string().max(200), media: mediaSchema.nullable() });

/**
 * How many messages a tab's content scripts may send: a burst of `burst`, then `perSecond`. A page
 * reports a few times a minute; a compromised one sending thousands is answered by silence, before
 * anything is parsed, so it can't keep the worker from the popup or from other tabs.
 */
export function messageBudget(burst = 30, perSecond = 2) {
  const tabs = new Map<number, { tokens: number; at: number }>();
  return {
    take(tabId: number, now: number): boolean {
      const tab = tabs.get(tabId) ?? { tokens: burst, at: now };
      tab.tokens = Math.min(burst, tab.tokens + ((now - tab.at) / 1000) * perSecond);
      tab.at = now;
      tabs.set(tabId, tab);
      if (tab.tokens < 1) return false;
      tab.tokens -= 1;
      return true;
    },
    forget(tabId: number): void {
      tabs.delete(tabId);
    },
  };
}
