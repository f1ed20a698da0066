import type { Media } from '../media';

/**
 * What a page learns of a viewing and tells the background: the shape of a report, how the video
 * stands, and which of a site's layers named it. Content scripts load this file, so it holds no zod;
 * the background's schemas are in schemas.ts beside it.
 */

export type ReportReason = 'start' | 'pause' | 'sample' | 'ended' | 'stop';
export type PlaybackState = 'playing' | 'paused' | 'ended';

/** Where a connector's layer reads what plays: the site's own data, JSON-LD, meta tags, the player's text, the tab's title. */
export const LAYER_NAMES = ['page', 'json-ld', 'meta', 'dom', 'session', 'title', 'address'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
/** How a layer did: it named what plays, knew nothing, said it is neither film nor episode, or threw. */
export const LAYER_RESULTS = ['named', 'nothing', 'other', 'failed'] as const;
export type LayerResult = (typeof LAYER_RESULTS)[number];

export interface Sources {
  by?: LayerName;
  tried: Array<{ layer: LayerName; result: LayerResult }>;
}

/**
 * The site's profile that plays, where the page names it (Netflix's who-is-watching profile): the
 * person chooses which profiles are logged, and a profile the site marks as a kids' one is off until
 * they turn it on. Kept on this device only; never sent to ReelRifter.
 */
export interface PageProfile {
  name: string;
  kids?: boolean;
}
/** A profile's name is short on every site; a longer one is not a name. */
export const MAX_PROFILE_NAME = 100;
/** A channel's name (YouTube's is at most 100 characters). */
export const MAX_CHANNEL_NAME = 200;
/** The channel that plays something, where the site has channels (YouTube): its own id, and its name to show. */
export interface PageChannel {
  id: string;
  name: string;
}

/** A viewing's progress on one page, as its content script reports it (the message adds its tag). */
export interface ViewingReport {
  site: string;
  /** The site's own id for what plays; absent when the site has none. */
  contentId?: string;
  /** Random per page and video: the tracker whose counts these are. */
  segmentId: string;
  /** null: the page plays a film-length video but nothing identifies it. */
  media: Media | null;
  /** Which of the site's layers named it, and how each one asked did: for the site-health view. */
  sources?: Sources;
  /** The site's profile that plays, where its page names one. */
  profile?: PageProfile;
  /** The channel that plays it, where the site has channels (YouTube). */
  channel?: PageChannel;
  reason: ReportReason;
  position: number;
  duration: number;
  startPosition: number;
  forwardSeconds: number;
  state: PlaybackState;
}
