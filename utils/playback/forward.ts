/** A moment of playback as the tracker last saw it. */
export interface PlaybackPoint {
  position: number;
  /** Wall clock, milliseconds. */
  at: number;
  playing: boolean;
  rate: number;
}

/** Slack for event timing: a position may run a little ahead of the wall clock. */
const TOLERANCE_SECONDS = 1.5;

/**
 * Seconds of forward playback between two points. Only time the video actually played counts:
 * a jump forward (seek, skip to the end) earns at most the wall-clock time that passed, and
 * going backwards earns nothing. `seeked` says the new position came from a seek, so the time
 * played before it is credited from the clock instead of the (now moved) position.
 */
export function forwardSeconds(previous: PlaybackPoint, position: number, at: number, seeked = false): number {
  if (!previous.playing) return 0;
  const elapsed = Math.max(0, ((at - previous.at) / 1000) * previous.rate);
  if (seeked) return elapsed;
  const moved = position - previous.position;
  if (!(moved > 0)) return 0;
  return moved > elapsed + TOLERANCE_SECONDS ? elapsed : moved;
}
