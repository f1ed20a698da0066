import { read } from '../../untrusted';
import { cleanTitle } from '../episode-text';
import { episodeOf, fromPageData, fromPlayer, fromTabTitle, justTitle, profileFromPageData } from '../layers';
import type { Connector, Reading } from '../types';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `/video/watch/<video>/<edit>`, and the one-id form universal-search links and some markets use. */
const WATCH = new RegExp(`^/video/watch/(${UUID})(?:/${UUID})?(?:/|$)`, 'i');
/** A watch page of HBO Max's platform (HBO Max, Discovery+): the video's uuid. */
export const hboMaxWatchPage = (url: URL) => WATCH.exec(url.pathname)?.[1] ?? null;

const EPISODE_MARKER = 'span[data-testid="player-ux-season-episode"]';

/**
 * The `cms/routes<pathname>` answer (JSON:API, from hbo-max.page.ts). The video is the `included`
 * item whose `alternateId` is the watch URL's first uuid; an episode names its show through
 * `relationships.show`. EXTRA (bonus material) and anything new is neither film nor episode.
 */
export function mediaFromRoute(data: unknown, contentId: string): Reading {
  const included = read.array(read.record(data)?.included).map(read.record);
  const byId = (id: unknown) =>
    included.find((item) => read.id(item?.id) === id) ??
    included.find((item) => read.record(item?.attributes)?.alternateId === id);
  const video = included.find((item) => read.record(item?.attributes)?.alternateId === contentId);
  const attributes = read.record(video?.attributes);
  const showId = read.id(read.record(read.record(read.record(video?.relationships)?.show)?.data)?.id);
  const showName = read.text(read.record((showId ? byId(showId) : undefined)?.attributes)?.name);
  const name = read.text(attributes?.name);
  switch (attributes?.videoType) {
    case 'MOVIE': {
      const title = name ?? showName;
      return title ? { title: cleanTitle(title), mediaType: 'MOVIE' } : null;
    }
    case 'EPISODE':
      return episodeOf(showName, attributes.seasonNumber, attributes.episodeNumber);
    case 'SPECIAL':
      // Nothing says where a special sits in a season, so no numbers and no guessed type.
      return justTitle(showName ?? name ?? '');
    default:
      return null;
  }
}

export const hboMax: Connector = {
  id: 'hbo-max',
  label: 'HBO Max',
  matches: ['https://play.hbomax.com/*', 'https://play.max.com/*'],
  watchPage: hboMaxWatchPage,
  pageScript: '/hbo-max-page.js',
  // The profile that watches and whether it is a kids' one, from the account API (hbo-max.page.ts).
  profile: profileFromPageData,
  layers: [
    fromPageData((data, { contentId }) => mediaFromRoute(data, contentId)),
    // The overlay: the show or film in `player-ux-asset-title`, an episode's "S1 E3" ("T1 Ep.3" in pt-BR) beside it.
    fromPlayer({ title: '[data-testid="player-ux-asset-title"]', lines: EPISODE_MARKER, bare: 'unknown' }),
    // "Dune: Part Two • HBO Max". While an episode plays the tab names the episode, not the show.
    fromTabTitle({
      brand: /(?:HBO\s+)?Max/,
      unless: ({ document }) => document.querySelector(EPISODE_MARKER) !== null,
      media: justTitle,
    }),
  ],
};
