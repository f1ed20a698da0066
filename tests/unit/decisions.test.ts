import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, nextDecision, type ViewingTotals } from '@/utils/scrobble/decisions';
import { DEFAULT_SCROBBLE_SETTINGS } from '@/utils/store/items';

const EPISODE = 45 * 60;
const base: ViewingTotals = {
  duration: EPISODE,
  position: 0,
  startPosition: 0,
  forwardSeconds: 0,
  ended: false,
  watchingSent: false,
  watchedSent: false,
};

describe('decide', () => {
  it.each<[string, Partial<ViewingTotals>, string[]]>([
    ['nothing before the minimum play', { position: 20, forwardSeconds: 20 }, []],
    ['watching after the minimum play', { position: 31, forwardSeconds: 31 }, ['watching']],
    ['watching only once', { position: 600, forwardSeconds: 600, watchingSent: true }, []],
    ['watched at the threshold', { position: 0.8 * EPISODE, forwardSeconds: 0.8 * EPISODE, watchingSent: true }, ['watched']],
    [
      'both when the first report is already past the threshold',
      { position: 0.9 * EPISODE, forwardSeconds: 0.9 * EPISODE },
      ['watching', 'watched'],
    ],
    ['watched only once', { position: EPISODE, forwardSeconds: EPISODE, ended: true, watchingSent: true, watchedSent: true }, []],
    ['seeking to the end is not watching', { position: EPISODE, forwardSeconds: 40, ended: true, watchingSent: true }, []],
    [
      'reaching the end by skipping half is not enough',
      { position: 0.95 * EPISODE, forwardSeconds: 0.5 * EPISODE, watchingSent: true },
      [],
    ],
    [
      'a film resumed half way and finished counts',
      { startPosition: 0.5 * EPISODE, position: 0.95 * EPISODE, forwardSeconds: 0.45 * EPISODE, watchingSent: true },
      ['watched'],
    ],
    [
      'ended with enough real play counts below the position threshold',
      { position: 0.7 * EPISODE, forwardSeconds: 0.85 * EPISODE, ended: true, watchingSent: true },
      ['watched'],
    ],
    ['a trailer-length video never counts', { duration: 150, position: 150, forwardSeconds: 150, ended: true }, []],
    ['an unknown duration never counts', { duration: 0, position: 100, forwardSeconds: 100 }, []],
  ])('%s', (_name, patch, expected) => {
    expect(decide({ ...base, ...patch }, DEFAULT_SCROBBLE_SETTINGS)).toEqual(expected);
  });

  it('follows the settings', () => {
    const progress = { ...base, position: 0.6 * EPISODE, forwardSeconds: 0.6 * EPISODE, watchingSent: true };
    expect(decide(progress, { watchedThreshold: 0.8, minWatchingSeconds: 30 })).toEqual([]);
    expect(decide(progress, { watchedThreshold: 0.5, minWatchingSeconds: 30 })).toEqual(['watched']);
    expect(decide({ ...base, forwardSeconds: 100, position: 100 }, { watchedThreshold: 0.8, minWatchingSeconds: 120 })).toEqual(
      [],
    );
  });
});

describe('nextDecision', () => {
  it('names when watching, then watched, comes due, and nothing once both went', () => {
    expect(nextDecision(base, DEFAULT_SCROBBLE_SETTINGS)).toEqual({ forward: 30, position: 0 });
    expect(nextDecision({ ...base, forwardSeconds: 40, watchingSent: true }, DEFAULT_SCROBBLE_SETTINGS)).toEqual({
      forward: 0.8 * EPISODE,
      position: 0.8 * EPISODE,
    });
    // Resumed half way: the rest, not the whole film, has to be played.
    expect(nextDecision({ ...base, startPosition: EPISODE / 2, watchingSent: true }, DEFAULT_SCROBBLE_SETTINGS)).toEqual({
      forward: 0.4 * EPISODE,
      position: 0.8 * EPISODE,
    });
    expect(nextDecision({ ...base, watchingSent: true, watchedSent: true }, DEFAULT_SCROBBLE_SETTINGS)).toBeNull();
    expect(nextDecision({ ...base, duration: 120 }, DEFAULT_SCROBBLE_SETTINGS)).toBeNull();
  });

  // The page reports only when told to: a decision must never come due before the time named for
  // it, or it would wait for the heartbeat.
  it('no decision comes due before the forward play and position it names (1,000 cases)', () => {
    const viewing = fc.record({
      duration: fc.integer({ min: 300, max: 20_000 }),
      startShare: fc.double({ min: 0, max: 1, noNaN: true }),
      playedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      watchingSent: fc.boolean(),
      threshold: fc.double({ min: 0.05, max: 1, noNaN: true }),
      minWatching: fc.integer({ min: 0, max: 3600 }),
    });
    fc.assert(
      fc.property(viewing, (v) => {
        const settings = { watchedThreshold: v.threshold, minWatchingSeconds: v.minWatching };
        const startPosition = Math.floor(v.duration * v.startShare);
        const played = (v.duration - startPosition) * v.playedShare;
        const progress: ViewingTotals = {
          ...base,
          duration: v.duration,
          startPosition,
          position: startPosition + played,
          forwardSeconds: played,
          watchingSent: v.watchingSent,
        };
        const due = nextDecision(progress, settings);
        const now = decide(progress, settings);
        if (!due) return now.includes('watched') || (progress.watchingSent && now.length > 0);
        // Short of either figure, nothing is due (unless something already is, which the fold sends).
        if (now.length > 0) return true;
        const atDue = {
          ...progress,
          forwardSeconds: Math.max(progress.forwardSeconds, due.forward),
          position: Math.min(progress.duration, Math.max(progress.position, due.position)),
        };
        return decide(atDue, settings).length > 0;
      }),
      { numRuns: 1_000 },
    );
  });
});
