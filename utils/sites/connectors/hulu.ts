import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, mediaFromPlayerLines } from '../episode-text';
import type { Connector } from '../types';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `/watch/<uuid>`; a link may put a slug before the id, which is the segment's last 36 characters. */
const WATCH = new RegExp(`^/watch/(?:[\\w-]*-)?(${UUID})/?$`, 'i');
/** The player's live badge (Hulu + Live TV): live never counts. */
const LIVE_BADGE = '.BottomUiControls__playbackControls [aria-label*="LIVE"]';

/** The content player, not the ad player Hulu shows beside it, and not a live channel. */
export function isMainVideo(video: HTMLVideoElement): boolean {
  if (video.id === 'ad-video-player') return false;
  const player = video.id === 'content-video-player' || video.closest('#web-player-app') !== null;
  return player && video.ownerDocument.querySelector(LIVE_BADGE) === null;
}

/**
 * Hulu can number a later season's episodes on from the season before (season 2 starting at E14),
 * so its number is the season's own only in season 1, or in a season known to have an episode 1.
 */
function ownEpisode(season: number | undefined, number: number | undefined, seasonHasEpisodeOne: boolean): number | undefined {
  return season === 1 || (season !== undefined && season > 1 && seasonHasEpisodeOne) ? number : undefined;
}

function hasEpisodeOne(hub: unknown, seriesId: string | undefined, season: number | undefined): boolean {
  return read.array(read.record(hub)?.items).some((entry) => {
    const item = read.record(entry);
    const series = read.id(item?.series_id);
    return read.int(item?.season) === season && read.int(item?.number) === 1 && (series === undefined || series === seriesId);
  });
}

/**
 * What the page script found: `entity` is discover.hulu.com's `content/v3/entity` answer for the id
 * (`items[]` with `_type`, `name`, `series_name`, and `season`/`number` as text); `season` is the
 * season's episode list, fetched only for seasons after the first.
 */
export function mediaFromEntity(data: unknown, contentId: string): Media | null {
  const answer = read.record(data);
  const item = read
    .array(read.record(answer?.entity)?.items)
    .map(read.record)
    .find((entry) => read.id(entry?.id)?.toLowerCase() === contentId.toLowerCase());
  if (!item) return null;
  if (item._type === 'movie') {
    const name = read.text(item.name);
    return name ? { title: cleanTitle(name), mediaType: 'MOVIE' } : null;
  }
  // `name` is the episode's own: only the series name identifies the show.
  const show = read.text(item.series_name);
  if (!show || (item._type !== undefined && item._type !== 'episode')) return null;
  const seriesId = read.id(item.series_id);
  const season = read.int(item.season);
  return defined({
    title: cleanTitle(show),
    mediaType: 'TV' as const,
    season,
    episode: ownEpisode(season, read.int(item.number), hasEpisodeOne(answer?.season, seriesId, season)),
  });
}

/** The player's title (show or film) and the line under it: "S1 E3- Episode", absent for a film. */
export function mediaFromPlayer(document: Document): Media | null {
  const player = document.querySelector('#web-player-app');
  const media = mediaFromPlayerLines(
    read.text(player?.querySelector('.PlayerMetadata__titleText')?.textContent),
    read.text(player?.querySelector('.PlayerMetadata__subTitle')?.textContent),
  );
  if (!media) return null;
  // Nothing on the page says whether a later season's numbering starts again at 1.
  return defined({ ...media, episode: ownEpisode(media.season, media.episode, false) });
}

export const hulu: Connector = {
  id: 'hulu',
  label: 'Hulu',
  matches: ['https://www.hulu.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[1] ?? null,
  isMainVideo,
  pageScript: '/hulu-page.js',
  layers: [
    { name: 'page', read: async ({ pageData, contentId }) => mediaFromEntity(await pageData(), contentId) },
    { name: 'dom', read: ({ document }) => mediaFromPlayer(document) },
  ],
  sampleUrls: {
    watch: [
      'https://www.hulu.com/watch/0a3f6c2e-8b1d-4f5a-9c7e-2d4b6a8f1e30',
      'https://www.hulu.com/watch/e4d1b8f2-6a3c-4b9e-8d7f-1c2a3b4d5e6f?lp_referrer=https%3A%2F%2Fwww.hulu.com%2Fhub%2Fhome',
    ],
    notWatch: [
      'https://www.hulu.com/hub/home',
      'https://www.hulu.com/series/only-murders-in-the-building-a2a4ee5c-1f13-4c8e-9b6d-3e7f2a1c5d90',
      'https://www.hulu.com/movie/poor-things-e4d1b8f2-6a3c-4b9e-8d7f-1c2a3b4d5e6f',
      'https://www.hulu.com/live',
      'https://www.hulu.com/watch/',
      'https://www.hulu.com/my-stuff',
    ],
  },
};
