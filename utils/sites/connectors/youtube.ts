import type { Media } from '../../media';
import { read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import { fromPageData } from '../layers';
import type { Connector } from '../types';

/**
 * YouTube counts only a film or an episode YouTube itself offers (bought, rented or free with ads
 * under "Movies & TV"), never an upload however long, never an ad. The evidence is the player
 * response YouTube hands its own player, read in the page's world by youtube.page.ts: Movies & TV
 * (`videoDetails.isTvfilmVideo: true`, or the Movies & TV channel as owner of something a feature's
 * length), `playabilityStatus.status: 'OK'` (not an offer screen and its trailer), not live, and a
 * `<video>` not shorter than `lengthSeconds` (not an ad or a trailer in the element). An episode has
 * "<Show> S1 • E3" above its title (`superTitleLink`, as yt-dlp reads it); no line in the watch
 * page's own data for this video means a film. No year is given anywhere, so none is sent.
 * No JSON-LD, meta or tab layer: they name the video but tell neither Movies & TV from an upload nor a
 * film from an episode. The evidence for each field, and why not m.youtube.com: docs/sites.md.
 */

/** What youtube.page.ts hands back for a video id; each part only from a copy naming that id. */
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
  const runs = read.array(node?.runs).map((run) => read.record(run)?.text);
  return read.text(node?.simpleText) ?? read.text(runs.map((text) => (typeof text === 'string' ? text : '')).join(''));
}

const sameId = (value: unknown, contentId: string) => read.id(value) === contentId;

/** The "Movies & TV" channel, owner of YouTube's free-with-ads films (YoutubeExplode special-cases it). */
export const MOVIES_AND_TV_CHANNEL = 'UCuVPpxrm2VAgpH3Ktln4HXg';
/** "Never log this channel": the owner, unless a storefront (Movies & TV, YouTube Movies): that would block every film. */
function ownerOf(details?: Record<string, unknown>): { id: string; name: string } | null {
  const [id, name] = [read.text(details?.channelId), read.text(details?.author)];
  return id && name && ![MOVIES_AND_TV_CHANNEL, 'UClgRkhTL3_hImCAmdLfDE4g'].includes(id) ? { id, name } : null;
}

/** YouTube's own flag, or its Movies & TV channel owning something over ten minutes (not a trailer or a clip). */
const isMoviesAndTv = (details: Record<string, unknown>, length: number) =>
  details.isTvfilmVideo === true || (details.channelId === MOVIES_AND_TV_CHANNEL && length >= 600);

/**
 * The video's details when the player response proves a Movies & TV item that really plays here:
 * for this id, playable, Movies & TV, not live, and the element at least as long as the item.
 */
export function movieOrEpisodeDetails(
  data: unknown,
  contentId: string,
  video?: HTMLVideoElement,
): Record<string, unknown> | undefined {
  const response = read.record(read.record(data)?.playerResponse);
  const details = read.record(response?.videoDetails);
  if (!details || !sameId(details.videoId, contentId)) return undefined;
  if (read.record(response?.playabilityStatus)?.status !== 'OK') return undefined;
  if (details.isLiveContent === true || details.isLive === true || details.isUpcoming === true) return undefined;
  const length = read.int(details.lengthSeconds);
  if (!length || !isMoviesAndTv(details, length)) return undefined;
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

/** Layer 'dom': the episode line above the title, for a proven Movies & TV item (never a film: the line may be late). */
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
  // Not m.youtube.com: its watch-next data (`singleColumnWatchNextResults`) has no episode line anyone
  // has documented, so a film could not be told from an episode there.
  matches: ['https://www.youtube.com/*'],
  watchPage: (url) => {
    const id = url.searchParams.get('v') ?? '';
    return url.pathname === '/watch' && VIDEO_ID.test(id) ? id : null;
  },
  isMainVideo,
  pageScript: '/youtube-page.js',
  unnamedIsOrdinary: true,
  layers: [
    fromPageData((data, { contentId, video }) => mediaFromPageData(data, contentId, video)),
    {
      name: 'dom',
      read: async ({ document, pageData, contentId, video }) =>
        mediaFromWatchMetadata(document, contentId, movieOrEpisodeDetails(await pageData(), contentId, video)),
    },
  ],
  channel: async ({ pageData, contentId, video }) => ownerOf(movieOrEpisodeDetails(await pageData(), contentId, video)),
};
