import { type Media, normalizeMedia } from '../media';
import {
  LAYER_NAMES,
  LAYER_RESULTS,
  type LayerName,
  type LayerResult,
  type Sources,
  type ViewingReport,
} from '../model/playback';
import { isRecord } from '../untrusted';

/**
 * The messages between content scripts and the background, as types and tags, and the readers a
 * content script checks the background's answers with: content scripts load this file, so it holds
 * no zod. The background checks every message against the schemas in schemas.ts, which are tied to
 * these types and cannot drift from them.
 */

/** A content script's report of a viewing's progress on one page. */
export const PLAYBACK_REPORT = 'playback/report';
/** A player frame's question to its tab's watch page, relayed by the background. */
export const FRAME_QUESTION = 'frame/identify';
/** The background asks a tab's content scripts to report their viewing now (the popup opened). */
export const REPORT_NOW = 'playback/now';

export interface PlaybackReport extends ViewingReport {
  type: typeof PLAYBACK_REPORT;
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

/** The background's answer to a report, checked: it came over a message. */
export function readNextReport(answer: unknown): NextReport | null | undefined {
  if (!isRecord(answer) || !('next' in answer)) return undefined;
  const { next } = answer;
  if (next === null) return null;
  if (!isRecord(next)) return undefined;
  const { forward, position } = next;
  return typeof forward === 'number' && Number.isFinite(forward) && typeof position === 'number' && Number.isFinite(position)
    ? { forward, position }
    : undefined;
}

const isLayer = (value: unknown): value is LayerName => (LAYER_NAMES as readonly unknown[]).includes(value);
const isResult = (value: unknown): value is LayerResult => (LAYER_RESULTS as readonly unknown[]).includes(value);

function readSources(value: unknown): Sources | undefined {
  if (!isRecord(value) || !Array.isArray(value.tried) || value.tried.length > LAYER_NAMES.length) return undefined;
  if (value.by !== undefined && !isLayer(value.by)) return undefined;
  const tried: Sources['tried'] = [];
  for (const step of value.tried) {
    if (!isRecord(step) || !isLayer(step.layer) || !isResult(step.result)) return undefined;
    tried.push({ layer: step.layer, result: step.result });
  }
  return value.by === undefined ? { tried } : { by: value.by, tried };
}

/**
 * The watch page's answer to a player frame, as the background relayed it, checked field by field
 * (it came over a message): its media cleaned as a layer's would be, null for anything malformed.
 */
export function readFrameAnswer(answer: unknown): FrameAnswer | null {
  if (!isRecord(answer)) return null;
  const { contentId, media, sources } = answer;
  if (typeof contentId !== 'string' || contentId.length > 200) return null;
  let named: Media | null = null;
  if (media !== null) {
    if (!isRecord(media) || typeof media.title !== 'string') return null;
    named = normalizeMedia({ ...media, title: media.title });
    if (!named) return null;
  }
  if (sources === undefined) return { contentId, media: named };
  const read = readSources(sources);
  return read ? { contentId, media: named, sources: read } : null;
}
