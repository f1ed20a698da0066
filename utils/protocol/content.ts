import type { Media } from '../scrobble/entry';

/** A player frame's question to its tab's watch page, relayed by the background. */
export const FRAME_QUESTION = 'frame/identify';

export interface FrameAnswer {
  /** The watch page's content id ('' when its URL names nothing). */
  contentId: string;
  media: Media | null;
}

/** The background asks a tab's content scripts to report their viewing now (the popup opened). */
export const REPORT_NOW = 'playback/now';
