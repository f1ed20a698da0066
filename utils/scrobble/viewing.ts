import type { Media } from '../media';
import { ANY_SITE } from '../sites/chosen';
import { db, type ViewingRecord } from '../store/db';

/** Viewings remembered; the least recently seen without anything queued go first. */
export const VIEWINGS_LIMIT = 500;

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

/**
 * The viewing a report belongs to: its site's content id (the title where the address names
 * nothing), season and episode. On a site the person chose, the content id is the whole address and
 * the title joins it: a player at a fixed address plays one film after another.
 */
export function viewingKey(site: string, contentId: string | undefined, media: Media): string {
  const title = media.title.toLowerCase().replace(/\s+/g, ' ').trim();
  const item = !contentId ? title : site === ANY_SITE ? `${contentId}|${title}` : contentId;
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

export async function readViewing(key: string): Promise<ViewingRecord | undefined> {
  return (await db()).get('viewings', key);
}

/**
 * Forgets viewings past the gap after which a new one would start anyway, and the least recently
 * seen past the limit; a viewing with a scrobble still queued, or in `keep`, stays.
 */
export async function pruneViewings(now: number, limit = VIEWINGS_LIMIT, keep: ReadonlySet<string> = new Set()): Promise<number> {
  const tx = (await db()).transaction(['viewings', 'scrobbles'], 'readwrite');
  const viewings = tx.objectStore('viewings');
  const queued = new Set((await tx.objectStore('scrobbles').index('byState').getAll('queued')).map((entry) => entry.viewingKey));
  let count = await viewings.count();
  let deleted = 0;
  let cursor = await viewings.index('byLastSeen').openCursor();
  while (cursor) {
    const { key, lastSeenAt } = cursor.value;
    if (lastSeenAt >= now - VIEWING_GAP_MS && count <= limit) break;
    if (!queued.has(key) && !keep.has(key)) {
      await cursor.delete();
      count -= 1;
      deleted += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}
