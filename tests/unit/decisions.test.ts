import { describe, expect, it } from 'vitest';
import { DEFAULT_SCROBBLE_SETTINGS, decide, type ViewingProgress } from '@/utils/scrobble/decisions';

const EPISODE = 45 * 60;
const base: ViewingProgress = {
  duration: EPISODE,
  position: 0,
  startPosition: 0,
  forwardSeconds: 0,
  ended: false,
  watchingSent: false,
  watchedSent: false,
};

describe('decide', () => {
  it.each<[string, Partial<ViewingProgress>, string[]]>([
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
