import type { Media } from '../../media';
import { read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import type { Connector } from '../types';

/**
 * YouTube counts only a film or an episode that YouTube itself offers (bought, rented or free with
 * ads under "Movies & TV"), never an ordinary upload however long, never an ad. The evidence is the
 * player response YouTube hands its own player, read in the page's world by entrypoints/youtube-page.ts:
 * - `videoDetails.isTvfilmVideo: true`. "Tvfilm" is YouTube's internal name for Movies & TV (its
 *   player reads the flag; its renderers are `tvfilmOffersRenderer`, `tvfilmShowWatchForwardOverlayRenderer`).
 *   The flag is YouTube's, where an uploader's category ("Film & Animation") or a "FULL MOVIE"
 *   title proves nothing.
 * - `playabilityStatus.status: 'OK'`: someone who has not bought the film gets an offer screen
 *   (`errorScreen.ypcTrailerRenderer`) and its trailer instead.
 * - not live, and the `<video>` is not shorter than `lengthSeconds`, so an ad or a trailer
 *   in the element is not taken for the feature.
 *
 * Film or episode: YouTube prints "<Show> S1 • E3" above an episode's title (`superTitleLink`,
 * parsed the same way by yt-dlp). Creators' own series get that line too, so it counts only on top
 * of the flag. No line in the watch page's own data for this video means a film; without that data
 * the type is unknown and nothing is named. Nothing here gives a release year, so none is sent.
 *
 * No JSON-LD, meta or title layer: the page's microdata and `document.title` name the video but can
 * tell neither a Movies & TV item from an upload nor a film from an episode (an episode's title is
 * its own name, not the show's).
 */

/** What entrypoints/youtube-page.ts hands back for a video id; each part only from a copy naming that id. */
export interface YouTubePageData {
  /** `{ videoDetails, playabilityStatus: { status } }` of the player response. */
  playerResponse: unknown;
  /** `{ currentVideoEndpoint, videoPrimaryInfoRenderer: { title, superTitleLink } }` of the watch-next response. */
  watchNext: unknown;
}

const VIDEO_ID = /^[\w-]{11}$/;

/** YouTube text: `{ simpleText }` or `{ runs: [{ text }] }`. */
function textOf(value: unknown): string | undefined {
  const node = read.record(value);
  const runs = read.array(node?.runs).map((run) => {
    const text = read.record(run)?.text;
    return typeof text === 'string' ? text : '';
  });
  return read.text(node?.simpleText) ?? read.text(runs.join(''));
}

const sameId = (value: unknown, contentId: string) => read.id(value) === contentId;

/**
 * The video's details when the player response proves a Movies & TV item that really plays here:
 * for this id, playable, flagged, not live, and the element at least as long as the item.
 */
export function movieOrEpisodeDetails(
  data: unknown,
  contentId: string,
  video?: HTMLVideoElement,
): Record<string, unknown> | undefined {
  const response = read.record(read.record(data)?.playerResponse);
  const details = read.record(response?.videoDetails);
  if (!details || !sameId(details.videoId, contentId)) return undefined;
  if (read.record(response?.playabilityStatus)?.status !== 'OK' || details.isTvfilmVideo !== true) return undefined;
  if (details.isLiveContent === true || details.isLive === true || details.isUpcoming === true) return undefined;
  const length = read.int(details.lengthSeconds);
  if (!length) return undefined;
  // Shorter than the item: an ad or a trailer is in the element. Longer is fine: ads stitched in add to it.
  const duration = video?.duration ?? Number.NaN;
  if (Number.isFinite(duration) && duration + Math.max(15, length * 0.02) < length) return undefined;
  return details;
}

/** "Breaking Bad S1 • E3" (also localized "Staffel 1 • Folge 3"): the show and its numbers. */
function episodeLine(line: string): Media | null {
  const numbers = parseSeasonEpisode(line.replace(/\s*•\s*/gu, ' · '));
  const show = numbers ? cleanTitle(numbers.rest) : '';
  return numbers && show ? { title: show, mediaType: 'TV', season: numbers.season, episode: numbers.episode } : null;
}

/** Layer 'page': the player response and the watch page's own data for this video. */
export function mediaFromPageData(data: unknown, contentId: string, video?: HTMLVideoElement): Media | null {
  const details = movieOrEpisodeDetails(data, contentId, video);
  const title = read.text(details?.title);
  const watchNext = read.record(read.record(data)?.watchNext);
  const primary = read.record(watchNext?.videoPrimaryInfoRenderer);
  const endpoint = read.record(read.record(watchNext?.currentVideoEndpoint)?.watchEndpoint);
  if (!title || !primary || !sameId(endpoint?.videoId, contentId)) return null;
  const line = textOf(primary.superTitleLink);
  // A line that is not an episode's (a language YouTube words differently) leaves the type unknown.
  if (line) return episodeLine(line);
  return { title: cleanTitle(title), mediaType: 'MOVIE' };
}

/**
 * Layer 'dom': the episode line above the rendered title, when the player response proves a
 * Movies & TV item. It never names a film: a missing line may just not be rendered yet.
 */
export function mediaFromWatchMetadata(document: Document, contentId: string, details: unknown): Media | null {
  if (!details || !VIDEO_ID.test(contentId)) return null;
  const metadata = document.querySelector(`ytd-watch-metadata[video-id="${contentId}"]`);
  const line = read.text(metadata?.querySelector('#super-title')?.textContent);
  return line ? episodeLine(line) : null;
}

/**
 * The watch page's own player, not a hover preview (`#inline-preview-player`) or the Shorts player,
 * and not while it shows an ad: ads play in this same `<video>`, with `ad-showing` (and for
 * mid-rolls `ad-interrupting`) on the player.
 */
export function isMainVideo(video: HTMLVideoElement): boolean {
  const player = video.closest('.html5-video-player');
  return (
    player?.id === 'movie_player' &&
    video.classList.contains('html5-main-video') &&
    !player.classList.contains('ad-showing') &&
    !player.classList.contains('ad-interrupting')
  );
}

export const youtube: Connector = {
  id: 'youtube',
  label: 'YouTube',
  matches: ['https://www.youtube.com/*', 'https://m.youtube.com/*'],
  watchPage: (url) => {
    const id = url.searchParams.get('v') ?? '';
    return url.pathname === '/watch' && VIDEO_ID.test(id) ? id : null;
  },
  isMainVideo,
  pageScript: '/youtube-page.js',
  unnamedIsOrdinary: true,
  layers: [
    { name: 'page', read: async ({ pageData, contentId, video }) => mediaFromPageData(await pageData(), contentId, video) },
    {
      name: 'dom',
      read: async ({ document, pageData, contentId, video }) =>
        mediaFromWatchMetadata(document, contentId, movieOrEpisodeDetails(await pageData(), contentId, video)),
    },
  ],
  sampleUrls: {
    watch: [
      'https://www.youtube.com/watch?v=qw6rvUwXMfc',
      'https://www.youtube.com/watch?v=zKQGAv8gtBA&t=1s',
      'https://www.youtube.com/watch?v=iqKdEhx-dD4&list=PLZRRxQcaEjA4qyEuYfAMCazlL0vQDkIj2&index=1',
      'https://m.youtube.com/watch?v=yYr8q0y5Jfg',
    ],
    notWatch: [
      'https://www.youtube.com/',
      'https://www.youtube.com/shorts/dQw4w9WgXcQ',
      'https://m.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube.com/channel/UClgRkhTL3_hImCAmdLfDE4g',
      'https://www.youtube.com/@YouTube/videos',
      'https://www.youtube.com/feed/storefront',
      'https://www.youtube.com/show/SCLKZr4NmdhyFZXLCYhehRmg',
      'https://www.youtube.com/results?search_query=knives+out',
      'https://www.youtube.com/playlist?list=PLZRRxQcaEjA4qyEuYfAMCazlL0vQDkIj2',
      'https://www.youtube.com/embed/qw6rvUwXMfc',
      'https://www.youtube.com/watch?v=qw6rvUwXMf',
      'https://www.youtube.com/watch?list=PLZRRxQcaEjA4qyEuYfAMCazlL0vQDkIj2',
    ],
  },
};
