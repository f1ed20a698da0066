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
  /** When the background first heard of this viewing: forward play can't have run ahead of it (see plausibleForward). */
  firstSeenAt: number;
  lastSeenAt: number;
}

/** A pause longer than this starts a new viewing of the same item. */
export const VIEWING_GAP_MS = 6 * 60 * 60 * 1000;

/** Browsers play media at most 16× (Chrome and Firefox both refuse a faster rate). */
export const MAX_PLAYBACK_RATE = 16;
/** Forward play a first report may already carry: the page counts from its video's start, a moment before. */
export const FORWARD_SLACK_SECONDS = 15;

/**
 * The most forward play a viewing can really have had by `now`: the wall clock since the background
 * first heard of it, at the fastest rate a browser plays. A report claiming more (a compromised
 * content script's "an hour played, ended") is counted only up to this.
 */
export function plausibleForward(firstSeenAt: number, now: number): number {
  return (Math.max(0, now - firstSeenAt) / 1000) * MAX_PLAYBACK_RATE + FORWARD_SLACK_SECONDS;
}
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

/** A viewing nothing has been played of yet, first heard of at `heardSince`. */
export function newViewing(
  base: { key: string; site: string; media: Media },
  id: string,
  heardSince: number,
  now: number,
): ViewingRecord {
  return {
    ...base,
    id,
    segments: {},
    duration: 0,
    position: 0,
    ended: false,
    watchingSent: false,
    watchedSent: false,
    firstSeenAt: Math.min(heardSince, now),
    lastSeenAt: now,
  };
}

/**
 * Folds a page's report into the viewing it belongs to, starting a new viewing after a long gap.
 * `heardSince` is when the background first heard of it, for a viewing not kept yet.
 */
export function applyReport(
  existing: ViewingRecord | undefined,
  base: { key: string; site: string; media: Media },
  report: ProgressReport,
  now: number,
  newId: () => string,
  heardSince = now,
): ViewingRecord {
  const fresh = !existing || now - existing.lastSeenAt > VIEWING_GAP_MS;
  const viewing: ViewingRecord = fresh
    ? newViewing(base, newId(), heardSince, now)
    : { ...existing, media: base.media, segments: { ...existing.segments } };
  const segment = { forward: report.forwardSeconds, start: report.startPosition };
  viewing.segments[report.segmentId] = segment;
  const ids = Object.keys(viewing.segments);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_SEGMENTS))) delete viewing.segments[id];
  const excess = forwardTotal(viewing) - plausibleForward(viewing.firstSeenAt, now);
  if (excess > 0) segment.forward = Math.max(0, segment.forward - excess);
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
