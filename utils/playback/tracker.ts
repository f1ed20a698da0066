import type { PlaybackState, ReportReason } from '../model/playback';
import { type NextReport, readNextReport } from '../protocol/content';
import { forwardSeconds, type PlaybackPoint } from './forward';

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

export interface TrackerOptions {
  signal: AbortSignal;
  /** Sends a report; resolves with the background's answer, read by `readNextReport`. */
  report: (facts: ProgressFacts, reason: ReportReason) => Promise<unknown> | undefined;
  now?: () => number;
  /**
   * The element now plays something else: its duration changed under the same URL (Prime Video and
   * overlay players load the next item into the same `<video>`). The tracker stops itself first,
   * reporting the old item's last known facts.
   */
  onNewSource?: () => void;
  /**
   * Whether an event came from the browser (a person, the player) rather than from a page's script;
   * only those count. A page that fires a thousand synthetic `pause` events gets no report for them.
   */
  trusted?: (event: Event) => boolean;
}

/** Which of two owed reports to send: the one that says more. */
const WEIGHT: Record<ReportReason, number> = { sample: 0, start: 1, pause: 2, ended: 3, stop: 4 };

/** Without an answer from the background (it failed, or is not there yet): report every half minute. */
export const SAMPLE_MS = 30_000;
/**
 * Otherwise at least once an hour of playback, whatever is due: the viewing's totals stay within an
 * hour of the truth if the page dies without its closing report, and a change of mind (a profile
 * turned on, scrobbling resumed) is heard. Within a film's first hour, what is due comes sooner (the
 * start, `watching` at 30 s, `watched` at 80 %), so this adds no start of the worker there.
 */
export const HOURLY_MS = 60 * 60_000;
/** A due report waits this much longer than the arithmetic says, so it never arrives a hair early. */
const DUE_SLACK_MS = 500;
/** However the answers disagree with the page's own counts, reports never come faster than this. */
const MIN_WAIT_MS = 2_000;

/**
 * Follows one `<video>` through its media events and reports forward progress. Reports go out on
 * the element's own events (start, pause, resume, end) and when the background's next decision is
 * due, which it says in its answer to each report; between those, nothing but an hourly report
 * (each report starts the extension's worker again). The popup asks for a report when it opens, and
 * leaving the page reports where the viewing stands. No polling, no observers.
 */
export function trackVideo(
  video: HTMLVideoElement,
  options: TrackerOptions,
): { stop: () => void; reportNow: () => Promise<unknown> } {
  const now = options.now ?? (() => Date.now());
  const startPosition = finite(video.currentTime);
  let forward = 0;
  let ended = false;
  let point: PlaybackPoint = { position: startPosition, at: now(), playing: isPlaying(video), rate: video.playbackRate };
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The background's last word: undefined until it answers (or when it could not). */
  let next: NextReport | null | undefined;
  let stopped = false;
  let newSource = false;
  let pausedByPerson = false;
  /** Wall clock of the last report: the hourly report and the fallback sample count from it, whatever buffering did since. */
  let lastSentAt = Date.now();
  // The item's duration as first known; a different one later means a different item.
  let itemDuration = finite(video.duration);

  const duration = () => itemDuration;

  /** Counts the forward play since the last look, and looks again. */
  function tally(seeked = false) {
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

  /**
   * Arms the one timer: the report the background said is due next, or the hourly one, or, while the
   * background has not answered, the fallback sample.
   */
  function schedule() {
    clearTimeout(timer);
    timer = undefined;
    if (stopped || options.signal.aborted || !point.playing) return;
    let wait = (next === undefined ? SAMPLE_MS : HOURLY_MS) - (Date.now() - lastSentAt);
    if (next) {
      const rate = point.rate > 0 ? point.rate : 1;
      const film = Math.max(0, next.forward - forward, next.position - finite(video.currentTime));
      wait = Math.min(wait, (film / rate) * 1000 + DUE_SLACK_MS);
    }
    wait = Math.max(MIN_WAIT_MS, wait);
    timer = setTimeout(() => {
      tally();
      send('sample');
    }, wait);
  }

  /** The report on its way, and the reason for one more once it is answered: one at a time per video. */
  let inFlight: Promise<unknown> | undefined;
  let owed: ReportReason | undefined;

  function send(reason: ReportReason): Promise<unknown> {
    if (inFlight) {
      // Events while a report is on its way fold into one report after it, with the facts as of then.
      owed = owed === undefined || WEIGHT[reason] > WEIGHT[owed] ? reason : owed;
      return inFlight;
    }
    next = undefined;
    lastSentAt = Date.now();
    const answer = options.report(facts(), reason);
    schedule();
    if (!answer) return Promise.resolve();
    const settled = answer.then(
      (reply) => {
        next = readNextReport(reply);
      },
      () => undefined,
    );
    inFlight = settled.then(() => {
      inFlight = undefined;
      const again = owed;
      owed = undefined;
      if (again !== undefined && !stopped) {
        tally();
        return send(again);
      }
      schedule();
    });
    return inFlight;
  }

  const trusted = options.trusted ?? ((event: Event) => event.isTrusted);
  const listen = (type: string, handler: () => void) =>
    video.addEventListener(
      type,
      (event) => {
        if (trusted(event)) handler();
      },
      { signal: options.signal },
    );

  let started = false;
  listen('playing', () => {
    tally();
    ended = false;
    if (!started) {
      started = true;
      void send('start');
    } else if (pausedByPerson) {
      // Playing again after a pause: the popup shows it, and the background says what is due next.
      void send('sample');
    } else {
      schedule();
    }
    pausedByPerson = false;
  });
  listen('pause', () => {
    tally();
    if (video.ended) {
      schedule();
      return;
    }
    pausedByPerson = true;
    void send('pause');
  });
  // Buffering: the clock stops counting until 'playing' comes back.
  listen('waiting', () => {
    tally();
    schedule();
  });
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
  listen('seeking', () => tally(true));
  listen('seeked', () => {
    tally();
    schedule();
  });
  listen('ratechange', () => {
    tally();
    schedule();
  });
  listen('ended', () => {
    tally();
    ended = true;
    void send('ended');
  });

  if (point.playing) {
    started = true;
    void send('start');
  }

  function stop() {
    if (stopped) return;
    stopped = true;
    if (newSource) {
      // The element's clock now belongs to the next item: credit the time played since the last
      // look from the wall clock, and keep the old item's last position.
      const { position } = point;
      tally(true);
      point = { ...point, position };
    } else {
      tally();
    }
    schedule();
    if (started) options.report(facts(), 'stop');
  }
  options.signal.addEventListener('abort', schedule, { once: true });

  /** The popup asks how far this viewing has come: a report now, answered once the background has it. */
  function reportNow(): Promise<unknown> {
    if (stopped || !started) return Promise.resolve();
    tally();
    return send('sample');
  }

  return { stop, reportNow };
}

function isPlaying(video: HTMLVideoElement): boolean {
  return !video.paused && !video.ended && video.readyState > 2;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
