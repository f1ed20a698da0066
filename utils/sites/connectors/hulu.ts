import { defined, read } from '../../untrusted';
import { adjusted, episodeOf, film, fromPageData, fromPlayer } from '../layers';
import type { Connector, Reading } from '../types';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `/watch/<uuid>`; a link may put a slug before the id, which is the segment's last 36 characters. */
const WATCH = new RegExp(`^/watch/(?:[\\w-]*-)?(${UUID})/?$`, 'i');
/** The content player, not the ad player beside it, and not a live channel (Hulu + Live TV's badge). */
export function isMainVideo(video: HTMLVideoElement): boolean {
  const player = video.id === 'content-video-player' || video.closest('#web-player-app') !== null;
  const live = video.ownerDocument.querySelector('.BottomUiControls__playbackControls [aria-label*="LIVE"]');
  return video.id !== 'ad-video-player' && player && live === null;
}

/**
 * Hulu can number a later season's episodes on from the season before (season 2 starting at E14),
 * so its number is the season's own only in season 1, or in a season known to have an episode 1.
 */
const ownEpisode = (season: number | undefined, number: number | undefined, seasonHasOne: boolean) =>
  season === 1 || (season !== undefined && season > 1 && seasonHasOne) ? number : undefined;

/**
 * What hulu.page.ts found: `entity` is discover.hulu.com's `content/v3/entity` answer for the id
 * (`items[]` with `_type`, `name`, `series_name`, and `season`/`number` as text); `season` is the
 * season's episode list, fetched only for seasons after the first.
 */
export function mediaFromEntity(data: unknown, contentId: string): Reading {
  const answer = read.record(data);
  const items = read.array(read.record(answer?.entity)?.items).map(read.record);
  const item = items.find((entry) => read.id(entry?.id)?.toLowerCase() === contentId.toLowerCase());
  if (item?._type === 'movie') return film(item.name);
  if (!item || (item._type !== undefined && item._type !== 'episode')) return null;
  const season = read.int(item.season);
  const hasOne = read.array(read.record(answer?.season)?.items).some((entry) => {
    const other = read.record(entry);
    const series = read.id(other?.series_id);
    return read.int(other?.season) === season && read.int(other?.number) === 1 && (!series || series === read.id(item.series_id));
  });
  return episodeOf(item.series_name, season, ownEpisode(season, read.int(item.number), hasOne));
}

export const hulu: Connector = {
  id: 'hulu',
  label: 'Hulu',
  matches: ['https://www.hulu.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[1] ?? null,
  isMainVideo,
  pageScript: '/hulu-page.js',
  layers: [
    fromPageData((data, { contentId }) => mediaFromEntity(data, contentId)),
    // The player's title (show or film) and the line under it: "S1 E3- Episode", absent for a film.
    // Nothing on the page says whether a later season's numbering starts again at 1.
    adjusted(
      fromPlayer({
        scope: (d) => d.querySelector('#web-player-app'),
        title: '.PlayerMetadata__titleText',
        lines: '.PlayerMetadata__subTitle',
      }),
      (media) => defined({ ...media, episode: ownEpisode(media.season, media.episode, false) }),
    ),
  ],
};
