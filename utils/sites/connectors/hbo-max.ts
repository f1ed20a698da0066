import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import type { Connector } from '../types';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const WATCH = new RegExp(`^/video/watch/(${UUID})/${UUID}(?:/|$)`, 'i');

/**
 * The page's own `cms/routes<pathname>` answer (JSON:API). The video is the `included` item whose
 * `alternateId` is the first uuid of the watch URL; an episode names its show through
 * `relationships.show`.
 */
export function mediaFromRoute(data: unknown, contentId: string): Media | null {
  const included = read.array(read.record(data)?.included).map(read.record);
  const video = included.find((item) => read.record(item?.attributes)?.alternateId === contentId);
  const attributes = read.record(video?.attributes);
  if (!video || !attributes) return null;

  const showId = read.id(read.record(read.record(read.record(video.relationships)?.show)?.data)?.id);
  const show = showId
    ? (included.find((item) => read.id(item?.id) === showId) ??
      included.find((item) => read.record(item?.attributes)?.alternateId === showId))
    : undefined;
  const showName = read.text(read.record(show?.attributes)?.name);
  const name = read.text(attributes.name);

  switch (attributes.videoType) {
    case 'MOVIE': {
      const title = name ?? showName;
      return title ? { title: cleanTitle(title), mediaType: 'MOVIE' } : null;
    }
    case 'EPISODE':
      // The episode's own name would be matched as if it were the series: without the show, pass.
      if (!showName) return null;
      return defined({
        title: cleanTitle(showName),
        mediaType: 'TV' as const,
        season: read.int(attributes.seasonNumber),
        episode: read.int(attributes.episodeNumber),
      });
    case 'SPECIAL': {
      // Nothing says where a special sits in a season, so no numbers and no guessed type.
      const title = showName ?? name;
      return title ? { title: cleanTitle(title) } : null;
    }
    default:
      // EXTRA (bonus material) and anything new is neither a film nor an episode.
      return null;
  }
}

/** The player's overlay: the show or film in `player-ux-asset-title`, an episode's "S1 E3" ("T1 Ep.3" in pt-BR) beside it. */
export function mediaFromPlayer(document: Document): Media | null {
  const title = read.text(document.querySelector('[data-testid="player-ux-asset-title"]')?.textContent);
  if (!title) return null;
  const marker = document.querySelector('span[data-testid="player-ux-season-episode"]')?.textContent;
  const numbers = marker ? parseSeasonEpisode(marker) : null;
  return defined({
    title: cleanTitle(title),
    mediaType: numbers ? ('TV' as const) : undefined,
    season: numbers?.season,
    episode: numbers?.episode,
  });
}

/**
 * "Dune: Part Two • HBO Max". While an episode plays the tab names the episode, not the show, so
 * a page that shows an episode marker gets nothing from here.
 */
export function mediaFromDocumentTitle(document: Document): Media | null {
  if (document.querySelector('[data-testid="player-ux-season-episode"]')) return null;
  const text = document.title.replace(/\s*[•|–-]\s*(?:HBO\s+)?Max\s*$/i, '').trim();
  if (!text || /^(?:HBO\s+)?Max$/i.test(text)) return null;
  return { title: cleanTitle(text) };
}

export const hboMax: Connector = {
  id: 'hbo-max',
  label: 'HBO Max',
  matches: ['https://play.hbomax.com/*', 'https://play.max.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[1] ?? null,
  pageScript: '/hbo-max-page.js',
  layers: [
    { name: 'page', read: async ({ pageData, contentId }) => mediaFromRoute(await pageData(), contentId) },
    { name: 'dom', read: ({ document }) => mediaFromPlayer(document) },
    { name: 'title', read: ({ document }) => mediaFromDocumentTitle(document) },
  ],
  sampleUrls: {
    watch: [
      'https://play.hbomax.com/video/watch/3a1e2a6c-6f0b-4d51-9a1c-0e8b3c2f7d41/9b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d5e',
      'https://play.max.com/video/watch/c0ffee00-1234-4abc-8def-001122334455/c0ffee00-5678-4abc-8def-665544332211?t=120',
    ],
    notWatch: [
      'https://play.hbomax.com/',
      'https://play.hbomax.com/show/4d8a7b7e-2c1f-4e3a-9b5d-6c7e8f9a0b1c',
      'https://play.hbomax.com/movie/5e9b8c8f-3d2a-4f4b-8c6e-7d8f9a0b1c2d',
      'https://play.hbomax.com/video/watch-sport/6fac9d90-4e3b-4a5c-9d7f-8e9a0b1c2d3e/7abdae01-5f4c-4b6d-8e80-9f0a1b2c3d4e',
      'https://play.max.com/video/watch/not-a-uuid/either',
    ],
  },
};
