import { forwardSeconds, type PlaybackPoint } from './forward';

export type PlaybackState = 'playing' | 'paused' | 'ended';

export interface ProgressFacts {
  /** Seconds into the video. */
  position: number;
  duration: number;
  /** Where this tracker first saw the video: a resumed film starts part way. */
  startPosition: number;
  /** Seconds of real forward playback seen by this tracker. */
  forwardSeconds: number;
  state: PlaybackState;
}

export type ReportReason = 'start' | 'pause' | 'sample' | 'ended' | 'stop';

export interface TrackerOptions {
  signal: AbortSignal;
  report: (facts: ProgressFacts, reason: ReportReason) => void;
  /** How often to report while playing. */
  sampleMs?: number;
  now?: () => number;
  /**
   * The element now plays something else: its duration changed under the same URL (Prime Video and
   * overlay players load the next item into the same `<video>`). The tracker stops itself first,
   * reporting the old item's last known facts.
   */
  onNewSource?: () => void;
}

/** The slow sample: one report per half minute of playback at most. */
export const SAMPLE_MS = 30_000;

/**
 * Follows one `<video>` through its media events and reports forward progress. No polling faster
 * than the sample, no observers: everything else is driven by the element's own events.
 */
export function trackVideo(video: HTMLVideoElement, options: TrackerOptions): { stop: () => void } {
  const now = options.now ?? (() => Date.now());
  const startPosition = finite(video.currentTime);
  let forward = 0;
  let ended = false;
  let point: PlaybackPoint = { position: startPosition, at: now(), playing: isPlaying(video), rate: video.playbackRate };
  let sampler: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  let newSource = false;
  // The item's duration as first known; a different one later means a different item.
  let itemDuration = finite(video.duration);

  const duration = () => itemDuration;

  function account(seeked = false) {
    const at = now();
    const position = finite(video.currentTime);
    const room = duration() > 0 ? Math.max(0, duration() - point.position) : Number.POSITIVE_INFINITY;
    forward += Math.min(forwardSeconds(point, position, at, seeked), room);
    point = { position, at, playing: isPlaying(video), rate: video.playbackRate };
  }

  function facts(): ProgressFacts {
    const state: PlaybackState = ended ? 'ended' : point.playing ? 'playing' : 'paused';
    return {
      position: point.position,
      duration: duration(),
      startPosition,
      forwardSeconds: Math.round(forward * 10) / 10,
      state,
    };
  }

  function setSampling(on: boolean) {
    if (on && !sampler) {
      sampler = setInterval(() => {
        account();
        options.report(facts(), 'sample');
      }, options.sampleMs ?? SAMPLE_MS);
    } else if (!on && sampler) {
      clearInterval(sampler);
      sampler = undefined;
    }
  }

  const listen = (type: string, handler: () => void) => video.addEventListener(type, handler, { signal: options.signal });

  let started = false;
  listen('playing', () => {
    account();
    ended = false;
    setSampling(true);
    if (!started) {
      started = true;
      options.report(facts(), 'start');
    }
  });
  listen('pause', () => {
    account();
    setSampling(false);
    if (!video.ended) options.report(facts(), 'pause');
  });
  listen('waiting', () => account());
  listen('durationchange', () => {
    if (stopped) return;
    const next = finite(video.duration);
    if (itemDuration === 0) itemDuration = next;
    else if (next > 0 && Math.abs(next - itemDuration) > 1) {
      newSource = true;
      stop();
      options.onNewSource?.();
    }
  });
  // By 'seeking' the position has already moved: credit what played before it from the clock.
  listen('seeking', () => account(true));
  listen('ratechange', () => account());
  listen('ended', () => {
    account();
    ended = true;
    setSampling(false);
    options.report(facts(), 'ended');
  });

  if (point.playing) {
    started = true;
    setSampling(true);
    options.report(facts(), 'start');
  }

  function stop() {
    if (stopped) return;
    stopped = true;
    if (newSource) {
      // The element's clock now belongs to the next item: credit the time played since the last
      // look from the wall clock, and keep the old item's last position.
      const { position } = point;
      account(true);
      point = { ...point, position };
    } else {
      account();
    }
    setSampling(false);
    if (started) options.report(facts(), 'stop');
  }
  options.signal.addEventListener('abort', () => setSampling(false), { once: true });

  return { stop };
}

function isPlaying(video: HTMLVideoElement): boolean {
  return !video.paused && !video.ended && video.readyState > 2;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
