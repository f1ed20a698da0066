import type { Media } from './entry';

/** One person watching one film or episode, possibly across reloads and several pages. */
export interface ViewingRecord {
  /** site, the site's content id (or the title when it has none), season and episode. */
  key: string;
  /** Random per viewing: the same episode watched again tomorrow is a new viewing. */
  id: string;
  site: string;
  media: Media;
  /** Forward seconds and start position as reported by each page (tracker) that showed it. */
  segments: Record<string, { forward: number; start: number }>;
  duration: number;
  position: number;
  ended: boolean;
  watchingSent: boolean;
  watchedSent: boolean;
  /** The person chose "Don't scrobble this": followed, never sent. */
  ignored?: boolean;
  firstSeenAt: number;
  lastSeenAt: number;
}

/** A pause longer than this starts a new viewing of the same item. */
export const VIEWING_GAP_MS = 6 * 60 * 60 * 1000;
const MAX_SEGMENTS = 24;

export function viewingKey(site: string, contentId: string | undefined, media: Media): string {
  const item = contentId || media.title.toLowerCase().replace(/\s+/g, ' ').trim();
  return [site, item, media.season ?? '', media.episode ?? ''].join('|');
}

export interface ProgressReport {
  segmentId: string;
  position: number;
  duration: number;
  startPosition: number;
  forwardSeconds: number;
  ended: boolean;
}

/** Folds a page's report into the viewing it belongs to, starting a new viewing after a long gap. */
export function applyReport(
  existing: ViewingRecord | undefined,
  base: { key: string; site: string; media: Media },
  report: ProgressReport,
  now: number,
  newId: () => string,
): ViewingRecord {
  const fresh = !existing || now - existing.lastSeenAt > VIEWING_GAP_MS;
  const viewing: ViewingRecord = fresh
    ? {
        ...base,
        id: newId(),
        segments: {},
        duration: 0,
        position: 0,
        ended: false,
        watchingSent: false,
        watchedSent: false,
        firstSeenAt: now,
        lastSeenAt: now,
      }
    : { ...existing, media: base.media, segments: { ...existing.segments } };
  viewing.segments[report.segmentId] = { forward: report.forwardSeconds, start: report.startPosition };
  const ids = Object.keys(viewing.segments);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_SEGMENTS))) delete viewing.segments[id];
  viewing.duration = report.duration || viewing.duration;
  viewing.position = report.position;
  viewing.ended = viewing.ended || report.ended;
  viewing.lastSeenAt = now;
  return viewing;
}

export function forwardTotal(viewing: ViewingRecord): number {
  return Object.values(viewing.segments).reduce((sum, s) => sum + s.forward, 0);
}

export function startPosition(viewing: ViewingRecord): number {
  const starts = Object.values(viewing.segments).map((s) => s.start);
  return starts.length ? Math.min(...starts) : 0;
}
