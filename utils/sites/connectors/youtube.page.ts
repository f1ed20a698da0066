import { answerPageRequests } from '../page-world';
import type { YouTubePageData } from './youtube';

type Fields = Record<string, unknown> | undefined;

const node = (value: unknown): Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function call(owner: unknown, method: string): unknown {
  const fn = node(owner)?.[method];
  try {
    return typeof fn === 'function' ? fn.call(owner) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs in YouTube's own world. YouTube is a single-page app: `ytInitialPlayerResponse` and
 * `ytInitialData` describe the first video the tab loaded, so each copy is used only when it names
 * the id asked for. The live player and the page manager hold the current video's; the globals are
 * the fallback for a first load. Hands back the few fields the connector reads, in YouTube's shapes.
 */
export function youtubePage(): void {
  answerPageRequests(async (id) => {
    if (!/^[\w-]{11}$/.test(id)) return null;
    const page = window as unknown as Record<string, unknown>;
    const current = node(call(document.querySelector('ytd-page-manager'), 'getCurrentData'));

    const player = [
      call(document.getElementById('movie_player'), 'getPlayerResponse'),
      current?.playerResponse,
      page.ytInitialPlayerResponse,
    ]
      .map(node)
      .find((response) => node(response?.videoDetails)?.videoId === id);
    const watchNext = [current?.response, page.ytInitialData]
      .map(node)
      .find((response) => node(node(response?.currentVideoEndpoint)?.watchEndpoint)?.videoId === id);
    const contents = node(node(node(node(watchNext?.contents)?.twoColumnWatchNextResults)?.results)?.results)?.contents;
    const primary = (Array.isArray(contents) ? contents : [])
      .map((item) => node(node(item)?.videoPrimaryInfoRenderer))
      .find(Boolean);

    const data: YouTubePageData = {
      playerResponse: player
        ? { videoDetails: player.videoDetails, playabilityStatus: { status: node(player.playabilityStatus)?.status } }
        : null,
      watchNext: watchNext
        ? {
            currentVideoEndpoint: watchNext.currentVideoEndpoint,
            videoPrimaryInfoRenderer: primary ? { title: primary.title, superTitleLink: primary.superTitleLink } : null,
          }
        : null,
    };
    return data;
  });
}
