import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportReason } from '@/utils/model/playback';
import { forwardSeconds } from '@/utils/playback/forward';
import { HOURLY_MS, type ProgressFacts, SAMPLE_MS, trackVideo } from '@/utils/playback/tracker';
import type { NextReport } from '@/utils/protocol/content';
import { readFrameAnswer, readNextReport } from '@/utils/protocol/content';

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

/**
 * A tracked fake video. `answer` is what the background says to each report (by default nothing, as
 * when it could not answer); `next` sets it.
 */
function setup(start = 0) {
  const video = new FakeVideo();
  video.currentTime = start;
  const reports: Array<[ReportReason, ProgressFacts]> = [];
  const controller = new AbortController();
  let answer: unknown;
  const tracker = trackVideo(video as unknown as HTMLVideoElement, {
    signal: controller.signal,
    now,
    // The fake's events are the script's own; the browser's would be trusted.
    trusted: () => true,
    report: (facts, reason) => {
      reports.push([reason, facts]);
      return Promise.resolve(answer);
    },
  });
  const next = (due: NextReport | null) => {
    answer = { next: due };
  };
  const start_ = () => {
    video.paused = false;
    video.fire('playing');
  };
  return { video, reports, tracker, controller, start: start_, next };
}

beforeEach(() => {
  clock = 1_000_000;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());
/** Lets the background's answer to the report on its way arrive (one report at a time per video). */
const settle = () => vi.advanceTimersByTimeAsync(0);

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
  it('reports start, samples while playing when the background does not answer, pause and ended with forward time', async () => {
    const { video, reports, start } = setup();
    start();
    expect(reports.map(([r]) => r)).toEqual(['start']);
    play(video, 30);
    await vi.advanceTimersByTimeAsync(SAMPLE_MS);
    expect(reports.at(-1)?.[0]).toBe('sample');
    expect(reports.at(-1)?.[1].forwardSeconds).toBeCloseTo(30);

    video.paused = true;
    video.fire('pause');
    expect(reports.at(-1)?.[0]).toBe('pause');
    const count = reports.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(reports.length).toBe(count);

    video.paused = false;
    video.fire('playing');
    await settle();
    play(video, 2670);
    video.ended = true;
    video.paused = true;
    video.fire('ended');
    const [reason, facts] = reports.at(-1) ?? [];
    expect(reason).toBe('ended');
    expect(facts).toMatchObject({ state: 'ended', position: 2700, duration: 2700 });
    expect(facts?.forwardSeconds).toBeCloseTo(2700);
  });

  it('seeking to the end earns nothing for the skipped part', async () => {
    const { video, reports, start } = setup();
    start();
    await settle();
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
      trusted: () => true,
      report: (facts, reason) => {
        reports.push([reason, facts]);
        return undefined;
      },
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
      trusted: () => true,
      report: () => undefined,
      onNewSource,
    });
    video.duration = 2700;
    video.fire('durationchange');
    video.duration = 2700.4;
    video.fire('durationchange');
    expect(onNewSource).not.toHaveBeenCalled();
  });

  it('does not count time spent buffering', async () => {
    const { video, reports, start } = setup();
    start();
    await settle();
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

  it('reports when the background says the next decision is due, and nothing in between within the hour', async () => {
    const { video, reports, start, next } = setup();
    // Watching is due after 30 s of forward play.
    next({ forward: 30, position: 0 });
    start();
    await vi.advanceTimersByTimeAsync(0);
    play(video, 29);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(reports.map(([r]) => r)).toEqual(['start']);
    // After watching, watched is due at 80 % of a 45-minute film: nothing until then (no heartbeat).
    next({ forward: 2160, position: 2160 });
    play(video, 1);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(reports.map(([r]) => r)).toEqual(['start', 'sample']);
    expect(reports[1]?.[1].forwardSeconds).toBeGreaterThanOrEqual(30);
    for (let minute = 0; minute < 35; minute++) {
      play(video, 60);
      await vi.advanceTimersByTimeAsync(60_000);
    }
    expect(reports).toHaveLength(2);
    // Due at 2,160 s of forward play (2,130 more after the 30 s): the report comes then, once.
    play(video, 30);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(reports.map(([r]) => r)).toEqual(['start', 'sample', 'sample']);
    expect(reports[2]?.[1].forwardSeconds).toBeGreaterThanOrEqual(2160);
  });

  it('a faster rate brings the due report sooner, and a seek past the due position too', async () => {
    const { video, reports, start, next } = setup();
    next({ forward: 30, position: 0 });
    start();
    await vi.advanceTimersByTimeAsync(0);
    video.playbackRate = 2;
    video.fire('ratechange');
    // Then the position is what is left: forward play is done, the video is not that far yet.
    next({ forward: 0, position: 2160 });
    play(video, 30);
    await vi.advanceTimersByTimeAsync(16_000);
    expect(reports.map(([r]) => r)).toEqual(['start', 'sample']);

    video.currentTime = 2200;
    video.fire('seeking');
    video.fire('seeked');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reports.map(([r]) => r)).toEqual(['start', 'sample', 'sample']);
  });

  it('nothing left to decide: only the hourly report while it plays; a pause and playing again report at once', async () => {
    const { video, reports, start, next } = setup();
    next(null);
    start();
    await vi.advanceTimersByTimeAsync(HOURLY_MS - 1_000);
    expect(reports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reports.map(([r]) => r)).toEqual(['start', 'sample']);
    await vi.advanceTimersByTimeAsync(HOURLY_MS);
    expect(reports.map(([r]) => r)).toEqual(['start', 'sample', 'sample']);
    reports.length = 1;
    video.paused = true;
    video.fire('pause');
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(reports.map(([r]) => r)).toEqual(['start', 'pause']);
    video.paused = false;
    video.fire('playing');
    expect(reports.map(([r]) => r)).toEqual(['start', 'pause', 'sample']);
    // Buffering is no pause: coming back from it sends nothing.
    video.fire('waiting');
    video.fire('playing');
    expect(reports).toHaveLength(3);
  });

  it('without an answer from the background, the fallback sample every half minute, buffering or not', async () => {
    const { video, reports, start } = setup();
    start();
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(SAMPLE_MS / 3);
      video.readyState = 1;
      video.fire('waiting');
      video.readyState = 4;
      video.fire('playing');
    }
    await vi.advanceTimersByTimeAsync(3_000);
    expect(reports.map(([r]) => r)).toEqual(['start', 'sample']);
  });

  it('reportNow sends the facts as they are at once, and only for a started video', async () => {
    const { video, reports, tracker, start } = setup();
    await tracker.reportNow();
    expect(reports).toHaveLength(0);
    start();
    play(video, 12);
    await tracker.reportNow();
    expect(reports.at(-1)?.[0]).toBe('sample');
    expect(reports.at(-1)?.[1].forwardSeconds).toBeCloseTo(12);
  });

  it('reads only a well-formed answer', () => {
    expect(readNextReport({ next: { forward: 30, position: 0 } })).toEqual({ forward: 30, position: 0 });
    expect(readNextReport({ next: null })).toBeNull();
    for (const bad of [
      undefined,
      null,
      'x',
      {},
      { next: { forward: '30', position: 0 } },
      { next: { forward: Number.NaN, position: 0 } },
    ])
      expect(readNextReport(bad)).toBeUndefined();
  });
});

describe('the watch page’s answer to a player frame, read without zod', () => {
  const named = { contentId: 'G4VUQ1ZKW', media: { title: 'Frieren', season: 1, episode: 12, mediaType: 'TV' } };

  it('keeps a well-formed answer, its media cleaned as a layer’s would be', () => {
    expect(readFrameAnswer(named)).toEqual(named);
    expect(readFrameAnswer({ contentId: '', media: null })).toEqual({ contentId: '', media: null });
    const sources = { by: 'page', tried: [{ layer: 'page', result: 'named' }] };
    expect(readFrameAnswer({ ...named, sources })).toEqual({ ...named, sources });
    expect(readFrameAnswer({ contentId: 'x', media: { title: '  Frieren\u202E  ', year: 1700, season: 'one' } })).toEqual({
      contentId: 'x',
      media: { title: 'Frieren' },
    });
  });

  it('refuses anything malformed', () => {
    for (const bad of [
      undefined,
      null,
      'x',
      { media: null },
      { contentId: 7, media: null },
      { contentId: 'x'.repeat(201), media: null },
      { contentId: 'x' },
      { contentId: 'x', media: { title: 42 } },
      { contentId: 'x', media: { title: '\u0000 ' } },
      { contentId: 'x', media: [] },
      { ...named, sources: { tried: [{ layer: 'guess', result: 'named' }] } },
      { ...named, sources: { by: 'nowhere', tried: [] } },
      { ...named, sources: { tried: 'all' } },
    ])
      expect(readFrameAnswer(bad), JSON.stringify(bad)).toBeNull();
  });
});

describe('a page that fires media events itself', () => {
  it('gets no report for a synthetic event: only the browser’s own count', () => {
    const video = new FakeVideo();
    const reports: ReportReason[] = [];
    trackVideo(video as unknown as HTMLVideoElement, {
      signal: new AbortController().signal,
      now,
      report: (_facts, reason) => {
        reports.push(reason);
        return undefined;
      },
    });
    video.paused = false;
    for (let i = 0; i < 1_000; i += 1) {
      video.fire('playing');
      video.fire('pause');
      video.fire('ended');
    }
    expect(reports).toEqual([]);
  });

  it('events while a report is on its way become one report after it, with the facts as of then', async () => {
    const video = new FakeVideo();
    const reports: Array<[ReportReason, ProgressFacts]> = [];
    let answer: (() => void) | undefined;
    trackVideo(video as unknown as HTMLVideoElement, {
      signal: new AbortController().signal,
      now,
      trusted: () => true,
      report: (facts, reason) => {
        reports.push([reason, facts]);
        return new Promise((done) => {
          answer = () => done({ next: null });
        });
      },
    });
    video.paused = false;
    video.fire('playing');
    for (let i = 0; i < 3_000; i += 1) {
      play(video, 0.01);
      video.paused = true;
      video.fire('pause');
      video.paused = false;
      video.fire('playing');
    }
    expect(reports.map(([r]) => r)).toEqual(['start']);
    answer?.();
    await settle();
    expect(reports.map(([r]) => r)).toEqual(['start', 'pause']);
    expect(reports[1]?.[1].forwardSeconds).toBeCloseTo(30, 0);
  });
});
