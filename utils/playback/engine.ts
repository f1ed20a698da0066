import type { Media } from '../media';
import type { PageChannel, PageProfile, ReportReason, Sources } from '../model/playback';
import {
  FRAME_QUESTION,
  type FrameAnswer,
  PLAYBACK_REPORT,
  type PlaybackReport,
  REPORT_NOW,
  readFrameAnswer,
} from '../protocol/content';
import { MIN_DURATION_SECONDS } from '../scrobble/decisions';
import { identifyWithSources } from '../sites/identify';
import type { Connector } from '../sites/types';
import { isRecord } from '../untrusted';
import { ext, extensionAlive, onExtensionMessage } from './ext';
import { pageBridge } from './page-bridge';
import { type ProgressFacts, trackVideo } from './tracker';
import { watchShadowRoots } from './videos';

/** The one video this page's engine follows, and how to stop following it. */
interface TrackedVideo {
  url: string;
  video: HTMLVideoElement;
  controller: AbortController;
  stop?: () => void;
  reportNow?: () => Promise<unknown>;
}

/** How often a page without the Navigation API (Firefox) checks its address while a video plays. */
const ADDRESS_CHECK_MS = 1_000;

/**
 * Runs one site connector on a page: waits for a film-length video to play on a watch page,
 * identifies it, tracks it, and ends the viewing when the page navigates or the video changes.
 * Listens to media events in the capture phase, so no observer watches the document. Everything
 * stops for good once the extension is gone from under the page (reloaded, updated, removed).
 */
export function runConnector(connector: Connector, send = sendReport): void {
  let current: TrackedVideo | undefined;
  const life = new AbortController();
  const lifetime = life.signal;
  const askPage = connector.pageScript ? pageBridge(lifetime) : undefined;
  const inFrame = window !== window.top;
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  const sendWhileAlive = (report: PlaybackReport): Promise<unknown> | undefined => {
    if (extensionAlive()) return send(report);
    life.abort();
    return undefined;
  };
  let answersPopup = false;
  /** The popup, through the background, asks for this page's progress now (see viewing/current). */
  const answerPopup = () => {
    if (answersPopup) return;
    answersPopup = true;
    onExtensionMessage((message, reply) => {
      if (!isRecord(message) || message.type !== REPORT_NOW || !current?.reportNow) return false;
      current.reportNow().then(() => reply(true));
      return true;
    }, lifetime);
  };

  if (connector.allFrames && !inFrame) {
    // Answers this tab's player frames: what does this watch page name?
    onExtensionMessage((message, reply) => {
      if (!isRecord(message) || message.type !== FRAME_QUESTION || message.site !== connector.id) return false;
      const url = new URL(location.href);
      const contentId = connector.watchPage(url);
      if (contentId === null) {
        reply(null);
        return false;
      }
      const input = { document, url, contentId, pageData: () => askPage?.(contentId) ?? Promise.resolve(null) };
      identifyWithSources(connector, input).then(({ media, by, tried }) =>
        reply({ contentId, media, sources: { by, tried } } satisfies FrameAnswer),
      );
      return true;
    }, lifetime);
  }

  function end() {
    if (!current) return;
    current.stop?.();
    current.controller.abort();
    current = undefined;
  }

  async function begin(video: HTMLVideoElement) {
    const url = new URL(location.href);
    if (current?.video === video && current.url === url.href) return;
    if (!video.isConnected) return;
    if (connector.isMainVideo && !connector.isMainVideo(video)) return;
    if (!(video.duration >= MIN_DURATION_SECONDS) || video.duration === Number.POSITIVE_INFINITY) return;
    const ownId = connector.watchPage(url);
    // A player frame asks the watch page around it, through the background: one from another host
    // (Crunchyroll's static.crunchyroll.com) names nothing itself, and a chosen site's player frame
    // (an embed address) names less than the page it is in, so there its own reading is the fallback.
    const relay = inFrame && Boolean(connector.allFrames) && (ownId === null || Boolean(connector.chosen));
    if (ownId === null && !relay) return;
    end();
    const viewing: TrackedVideo = { url: url.href, video, controller: new AbortController() };
    current = viewing;
    const signal = AbortSignal.any([viewing.controller.signal, lifetime]);

    let contentId: string;
    let media: Media | null;
    let sources: Sources | undefined;
    let profile: PageProfile | undefined;
    let channel: PageChannel | undefined;
    const answer = relay ? await askWatchPage(connector.id) : null;
    if (signal.aborted) return;
    if (answer && (ownId === null || answer.media)) {
      ({ contentId, media, sources } = answer);
    } else if (ownId === null) {
      return;
    } else {
      contentId = ownId;
      const found = await identifyWithSources(connector, {
        document,
        url,
        contentId,
        video,
        pageData: () => askPage?.(ownId) ?? Promise.resolve(null),
      });
      media = found.media;
      sources = { by: found.by, tried: found.tried };
      profile = found.profile;
      channel = found.channel;
    }
    if (signal.aborted || (!media && connector.unnamedIsOrdinary)) return;
    const segmentId = crypto.randomUUID();
    const report = (facts: ProgressFacts, reason: ReportReason) =>
      sendWhileAlive({
        type: PLAYBACK_REPORT,
        site: connector.id,
        contentId: contentId || undefined,
        segmentId,
        media,
        sources,
        ...(profile ? { profile } : {}),
        ...(channel ? { channel } : {}),
        reason,
        ...facts,
      });
    const onNewSource = () => {
      end();
      if (!video.paused) void begin(video);
    };
    ({ stop: viewing.stop, reportNow: viewing.reportNow } = trackVideo(video, { signal, report, onNewSource }));
    answerPopup();
    video.addEventListener('emptied', end, { signal });
    if (!navigation) {
      const timer = setInterval(onNavigate, ADDRESS_CHECK_MS);
      signal.addEventListener('abort', () => clearInterval(timer), { once: true });
    }
  }

  const onPlaying = (event: Event) => {
    // Only the browser's own events: a page's synthetic ones start nothing.
    if (event.isTrusted && event.target instanceof HTMLVideoElement) void begin(event.target);
  };
  // A playing video the person turns the sound on for was a muted preview until now (any-site's isMainVideo).
  const onVolume = (event: Event) => {
    const video = event.target;
    if (!event.isTrusted || !(video instanceof HTMLVideoElement) || current?.video === video) return;
    if (!video.muted && !video.paused && !video.ended) void begin(video);
  };
  const listenAt = (root: Document | ShadowRoot) => {
    root.addEventListener('playing', onPlaying, { capture: true, signal: lifetime });
    root.addEventListener('volumechange', onVolume, { capture: true, signal: lifetime });
  };
  listenAt(document);

  const onNavigate = () => {
    if (!current || current.url === location.href) return;
    const video = current.video;
    if (connector.floatingPlayer && !video.ended && connector.watchPage(new URL(location.href)) === null) {
      current.url = location.href;
      return;
    }
    end();
    if (!video.paused && !video.ended) void begin(video);
  };
  // Without the Navigation API, each viewing checks the address itself while it lasts (see begin).
  if (navigation) navigation.addEventListener('currententrychange', onNavigate, { signal: lifetime });
  window.addEventListener('pagehide', end, { signal: lifetime });
  lifetime.addEventListener('abort', end, { once: true });

  for (const video of document.querySelectorAll('video')) {
    if (!video.paused && !video.ended) void begin(video);
  }
  // A chosen site's player may keep its video in an open shadow root (a web component): its events
  // stop at the root, which is listened at too. The known sites' players are in the page itself.
  if (connector.chosen) {
    const found = (root: ShadowRoot) => {
      listenAt(root);
      for (const video of root.querySelectorAll('video')) if (!video.paused && !video.ended) void begin(video);
    };
    watchShadowRoots(document, found, () => current === undefined, lifetime);
  }
}

async function askWatchPage(site: string): Promise<FrameAnswer | null> {
  try {
    return readFrameAnswer(await ext.runtime.sendMessage({ type: FRAME_QUESTION, site }));
  } catch {
    return null;
  }
}

/** Resolves with the background's answer (when to report next), or undefined when there was none. */
function sendReport(report: PlaybackReport): Promise<unknown> {
  return ext.runtime.sendMessage(report).catch(() => {
    // The extension was reloaded or the worker is starting: the next report carries the same totals.
    return undefined;
  });
}
