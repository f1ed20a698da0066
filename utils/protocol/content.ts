import type { Media } from '../media';

/**
 * The messages between content scripts and the background, as types and tags only: content scripts
 * load this file, so it holds no zod. The background checks every one of them against the schemas
 * in schemas.ts, which are tied to these types and cannot drift from them.
 */

/** A content script's report of a viewing's progress on one page. */
export const PLAYBACK_REPORT = 'playback/report';
/** A player frame's question to its tab's watch page, relayed by the background. */
export const FRAME_QUESTION = 'frame/identify';
/** The background asks a tab's content scripts to report their viewing now (the popup opened). */
export const REPORT_NOW = 'playback/now';

export type ReportReason = 'start' | 'pause' | 'sample' | 'ended' | 'stop';
export type PlaybackState = 'playing' | 'paused' | 'ended';

export interface PlaybackReport {
  type: typeof PLAYBACK_REPORT;
  site: string;
  /** The site's own id for what plays; absent when the site has none. */
  contentId?: string;
  /** Random per page and video: the tracker whose counts these are. */
  segmentId: string;
  /** null: the page plays a film-length video but nothing identifies it. */
  media: Media | null;
  /** Which of the site's layers named it, and how each one asked did: for the site-health view. */
  sources?: Sources;
  reason: ReportReason;
  position: number;
  duration: number;
  startPosition: number;
  forwardSeconds: number;
  state: PlaybackState;
}

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
 * When the background wants to hear again: once the page tracker's forward play reaches `forward`
 * seconds and the video has reached `position`. Null: nothing is left to decide but the end.
 */
export interface NextReport {
  forward: number;
  position: number;
}

/** The background's answer to a report; without `next` (it could not say), the page samples every 30 s. */
export interface ReportAnswer {
  next?: NextReport | null;
}

export interface FrameQuestion {
  type: typeof FRAME_QUESTION;
  site: string;
}

export interface FrameAnswer {
  /** The watch page's content id ('' when its URL names nothing). */
  contentId: string;
  media: Media | null;
  sources?: Sources;
}
