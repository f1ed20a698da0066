import type { ScrobbleSettings } from '../model/records';

/** Shorter than this is a trailer, a preview or an ad, never a film or an episode. */
export const MIN_DURATION_SECONDS = 300;

/** What a viewing adds up to, over every page that showed it, and what was sent for it already. */
export interface ViewingTotals {
  duration: number;
  /** Furthest position reached. */
  position: number;
  /** Where the viewing began: a resumed film starts part way in. */
  startPosition: number;
  /** Seconds of real forward play, summed over every page that showed this viewing. */
  forwardSeconds: number;
  ended: boolean;
  watchingSent: boolean;
  watchedSent: boolean;
}

export type ScrobbleAction = 'watching' | 'watched';

/**
 * What to send now for a viewing, given what has been sent already. Pure: the background feeds it
 * every progress report and queues what it returns.
 *
 * `watched` needs both: the position reached the threshold (or the video ended), and the part
 * between where the viewing began and the end was really played up to the threshold. So seeking
 * to the end counts for nothing, and finishing a film resumed half way counts.
 */
export function decide(progress: ViewingTotals, settings: ScrobbleSettings): ScrobbleAction[] {
  if (!(progress.duration >= MIN_DURATION_SECONDS)) return [];
  const mark = marks(progress, settings);
  const actions: ScrobbleAction[] = [];
  const playedEnough = progress.forwardSeconds >= mark.watching;
  if (!progress.watchingSent && !progress.watchedSent && playedEnough) actions.push('watching');

  const reached = progress.ended || progress.position >= mark.watchedPosition;
  const covered = progress.forwardSeconds >= mark.watchedForward;
  if (!progress.watchedSent && playedEnough && reached && covered) actions.push('watched');
  return actions;
}

/**
 * The marks a viewing must pass, from the settings: the forward play for `watching`, and for
 * `watched` the forward play over the part to cover and the position.
 */
function marks(progress: ViewingTotals, settings: ScrobbleSettings) {
  const threshold = clamp(settings.watchedThreshold, 0.05, 1);
  return {
    watching: Math.min(settings.minWatchingSeconds, progress.duration),
    watchedForward: threshold * Math.max(0, progress.duration - progress.startPosition),
    watchedPosition: threshold * progress.duration,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : max;
}

/**
 * When `decide` could next return something, as a viewing total of forward play and a position:
 * the background hands it to the page (in the page's own terms) so the page reports then and not
 * every half minute. Null: nothing is left to decide before the video ends (which the page reports
 * anyway), because both went, the video is too short, or nothing can be sent for it.
 */
export function nextDecision(progress: ViewingTotals, settings: ScrobbleSettings): { forward: number; position: number } | null {
  if (!(progress.duration >= MIN_DURATION_SECONDS) || progress.watchedSent) return null;
  const mark = marks(progress, settings);
  if (!progress.watchingSent && progress.forwardSeconds < mark.watching) return { forward: mark.watching, position: 0 };
  return { forward: Math.max(mark.watching, mark.watchedForward), position: mark.watchedPosition };
}
