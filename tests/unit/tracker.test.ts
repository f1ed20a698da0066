import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forwardSeconds } from '@/utils/playback/forward';
import { type ProgressFacts, type ReportReason, trackVideo } from '@/utils/playback/tracker';

/** Just enough of a <video> for the tracker: its clock, its state and its events. */
class FakeVideo extends EventTarget {
  currentTime = 0;
  duration = 2700;
  paused = true;
  ended = false;
  readyState = 4;
  playbackRate = 1;
  fire(type: string) {
    this.dispatchEvent(new Event(type));
  }
}

let clock = 0;
const now = () => clock;
function play(video: FakeVideo, seconds: number) {
  clock += (seconds * 1000) / video.playbackRate;
  video.currentTime += seconds;
}

function setup(start = 0) {
  const video = new FakeVideo();
  video.currentTime = start;
  const reports: Array<[ReportReason, ProgressFacts]> = [];
  const controller = new AbortController();
  const tracker = trackVideo(video as unknown as HTMLVideoElement, {
    signal: controller.signal,
    now,
    sampleMs: 30_000,
    report: (facts, reason) => reports.push([reason, facts]),
  });
  const start_ = () => {
    video.paused = false;
    video.fire('playing');
  };
  return { video, reports, tracker, controller, start: start_ };
}

beforeEach(() => {
  clock = 1_000_000;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('forwardSeconds', () => {
  const from = { position: 100, at: 0, playing: true, rate: 1 };
  it.each([
    ['plain play', 110, 10_000, false, 10],
    ['a jump forward earns only the time that passed', 2000, 10_000, false, 10],
    ['going back earns nothing', 50, 10_000, false, 0],
    ['a seek credits the clock up to it', 2000, 4_000, true, 4],
  ])('%s', (_name, position, at, seeked, expected) => {
    expect(forwardSeconds(from, position as number, at as number, seeked as boolean)).toBeCloseTo(expected as number);
  });
  it('a paused video earns nothing', () => {
    expect(forwardSeconds({ ...from, playing: false }, 200, 100_000)).toBe(0);
  });
  it('counts faster playback at its rate', () => {
    expect(forwardSeconds({ ...from, rate: 2 }, 120, 10_000)).toBe(20);
  });
});

describe('trackVideo', () => {
  it('reports start, samples while playing, pause and ended with forward time', () => {
    const { video, reports, start } = setup();
    start();
    expect(reports.map(([r]) => r)).toEqual(['start']);
    play(video, 30);
    vi.advanceTimersByTime(30_000);
    expect(reports.at(-1)?.[0]).toBe('sample');
    expect(reports.at(-1)?.[1].forwardSeconds).toBeCloseTo(30);

    video.paused = true;
    video.fire('pause');
    expect(reports.at(-1)?.[0]).toBe('pause');
    const count = reports.length;
    vi.advanceTimersByTime(120_000);
    expect(reports.length).toBe(count);

    video.paused = false;
    video.fire('playing');
    play(video, 2670);
    video.ended = true;
    video.paused = true;
    video.fire('ended');
    const [reason, facts] = reports.at(-1) ?? [];
    expect(reason).toBe('ended');
    expect(facts).toMatchObject({ state: 'ended', position: 2700, duration: 2700 });
    expect(facts?.forwardSeconds).toBeCloseTo(2700);
  });

  it('seeking to the end earns nothing for the skipped part', () => {
    const { video, reports, start } = setup();
    start();
    play(video, 60);
    clock += 0;
    video.currentTime = 2690;
    video.fire('seeking');
    video.fire('seeked');
    play(video, 10);
    video.ended = true;
    video.fire('ended');
    expect(reports.at(-1)?.[1].forwardSeconds).toBeCloseTo(70);
  });

  it('remembers where a resumed video started', () => {
    const { reports, start } = setup(1200);
    start();
    expect(reports[0]?.[1]).toMatchObject({ startPosition: 1200, position: 1200, forwardSeconds: 0 });
  });

  it('stop reports the final facts once, and nothing after abort', () => {
    const { video, reports, tracker, controller, start } = setup();
    start();
    play(video, 100);
    tracker.stop();
    tracker.stop();
    expect(reports.filter(([r]) => r === 'stop')).toHaveLength(1);
    controller.abort();
    const count = reports.length;
    video.fire('pause');
    vi.advanceTimersByTime(60_000);
    expect(reports.length).toBe(count);
  });

  it('a different item loaded into the same element stops the old one with its own facts, once', () => {
    const video = new FakeVideo();
    const reports: Array<[ReportReason, ProgressFacts]> = [];
    const onNewSource = vi.fn();
    trackVideo(video as unknown as HTMLVideoElement, {
      signal: new AbortController().signal,
      now,
      report: (facts, reason) => reports.push([reason, facts]),
      onNewSource,
    });
    video.paused = false;
    video.fire('playing');
    play(video, 2600);
    vi.advanceTimersByTime(0);
    video.fire('ratechange');
    play(video, 90);
    // The next episode: same element, new duration, clock back at zero.
    video.duration = 1500;
    video.currentTime = 0;
    video.fire('durationchange');
    video.fire('durationchange');
    expect(onNewSource).toHaveBeenCalledTimes(1);
    const stops = reports.filter(([r]) => r === 'stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]?.[1]).toMatchObject({ duration: 2700, position: 2600 });
    expect(stops[0]?.[1].forwardSeconds).toBeCloseTo(2690, 0);
  });

  it('a duration first known late, or nudged by a frame, is the same item', () => {
    const video = new FakeVideo();
    video.duration = Number.NaN;
    const onNewSource = vi.fn();
    trackVideo(video as unknown as HTMLVideoElement, {
      signal: new AbortController().signal,
      now,
      report: () => {},
      onNewSource,
    });
    video.duration = 2700;
    video.fire('durationchange');
    video.duration = 2700.4;
    video.fire('durationchange');
    expect(onNewSource).not.toHaveBeenCalled();
  });

  it('does not count time spent buffering', () => {
    const { video, reports, start } = setup();
    start();
    play(video, 10);
    video.readyState = 1;
    video.fire('waiting');
    clock += 60_000;
    video.readyState = 4;
    video.fire('playing');
    play(video, 10);
    video.paused = true;
    video.fire('pause');
    expect(reports.at(-1)?.[1].forwardSeconds).toBeCloseTo(20);
  });
});
