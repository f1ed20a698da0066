import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PlaybackReport } from '../background/content-messages';
import { MIN_DURATION_SECONDS } from '../scrobble/decisions';
import type { Media } from '../scrobble/entry';
import { normalizeMedia } from '../sites/read';
import type { Connector, LayerInput } from '../sites/types';
import { FRAME_QUESTION, type FrameAnswer } from './frames';
import { isRecord, pageBridge } from './page-bridge';
import { type ProgressFacts, type ReportReason, trackVideo } from './tracker';

/** Tries each layer in order; the first that names what plays wins. A throwing layer is skipped. */
export async function identify(connector: Connector, input: LayerInput): Promise<Media | null> {
  for (const layer of connector.layers) {
    try {
      const media = await layer.read(input);
      const clean = media?.title ? normalizeMedia(media) : null;
      if (clean) return clean;
    } catch {
      // A site changed under us: fall through to the next layer.
    }
  }
  return null;
}

interface Viewing {
  url: string;
  video: HTMLVideoElement;
  controller: AbortController;
  stop?: () => void;
}

/**
 * Runs one site connector on a page: waits for a film-length video to play on a watch page,
 * identifies it, tracks it, and ends the viewing when the page navigates or the video changes.
 * Listens to media events in the capture phase, so no observer watches the document.
 */
export function runConnector(connector: Connector, ctx: ContentScriptContext, send = sendReport): void {
  let current: Viewing | undefined;
  const askPage = connector.pageScript ? pageBridge(connector.pageScript, ctx.signal) : undefined;
  const inFrame = window !== window.top;

  if (connector.allFrames && !inFrame) {
    // Answers this tab's player frames: what does this watch page name?
    const onFrameQuestion = (message: unknown) => {
      if (!isRecord(message) || message.type !== FRAME_QUESTION || message.site !== connector.id) return undefined;
      const url = new URL(location.href);
      const contentId = connector.watchPage(url);
      if (contentId === null) return Promise.resolve(null);
      const input = { document, url, contentId, pageData: () => askPage?.(contentId) ?? Promise.resolve(null) };
      return identify(connector, input).then((media): FrameAnswer => ({ contentId, media }));
    };
    browser.runtime.onMessage.addListener(onFrameQuestion);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onFrameQuestion));
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
    // A player frame from another host (Crunchyroll's static.crunchyroll.com) names nothing itself:
    // the watch page around it does, through the background.
    const relay = ownId === null && inFrame && Boolean(connector.allFrames);
    if (ownId === null && !relay) return;
    end();
    const viewing: Viewing = { url: url.href, video, controller: new AbortController() };
    current = viewing;
    const signal = AbortSignal.any([viewing.controller.signal, ctx.signal]);

    let contentId: string;
    let media: Media | null;
    if (ownId === null) {
      const answer = await askWatchPage(connector.id);
      if (signal.aborted || !answer) return;
      ({ contentId, media } = answer);
    } else {
      contentId = ownId;
      media = await identify(connector, {
        document,
        url,
        contentId,
        video,
        pageData: () => askPage?.(ownId) ?? Promise.resolve(null),
      });
    }
    if (signal.aborted || (!media && connector.unnamedIsOrdinary)) return;
    const segmentId = crypto.randomUUID();
    const report = (facts: ProgressFacts, reason: ReportReason) =>
      send({
        type: 'playback/report',
        site: connector.id,
        contentId: contentId || undefined,
        segmentId,
        media,
        reason,
        ...facts,
      });
    const onNewSource = () => {
      end();
      if (!video.paused) void begin(video);
    };
    viewing.stop = trackVideo(video, { signal, report, onNewSource }).stop;
    video.addEventListener('emptied', end, { signal });
  }

  const onPlaying = (event: Event) => {
    if (event.target instanceof HTMLVideoElement) void begin(event.target);
  };
  document.addEventListener('playing', onPlaying, { capture: true, signal: ctx.signal });

  const onNavigate = () => {
    if (!current || current.url === location.href) return;
    const video = current.video;
    end();
    if (!video.paused && !video.ended) void begin(video);
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', onNavigate, { signal: ctx.signal });
  else ctx.addEventListener(window, 'wxt:locationchange', onNavigate);
  ctx.addEventListener(window, 'pagehide', end);
  ctx.onInvalidated(end);

  for (const video of document.querySelectorAll('video')) {
    if (!video.paused && !video.ended) void begin(video);
  }
}

async function askWatchPage(site: string): Promise<FrameAnswer | null> {
  try {
    const answer: unknown = await browser.runtime.sendMessage({ type: FRAME_QUESTION, site });
    return isRecord(answer) && typeof answer.contentId === 'string' ? (answer as unknown as FrameAnswer) : null;
  } catch {
    return null;
  }
}

function sendReport(report: PlaybackReport): void {
  browser.runtime.sendMessage(report).catch(() => {
    // The extension was reloaded or the worker is starting: the next report carries the same totals.
  });
}
