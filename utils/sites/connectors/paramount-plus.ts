import { read } from '../../untrusted';
import { parseSeasonEpisode } from '../episode-text';
import { episodeOf, film, fromLinkedData, fromPageData, fromTabTitle, nodePath, schemaMedia, typesOf } from '../layers';
import type { Connector } from '../types';

/** Content ids are 32 url-safe base64 characters, so a slug (all lower case) is never taken for one. */
const CONTENT_ID = /^(?=[\w-]*[A-Z])[\w-]{24,40}$/;
/** `/shows/<slug>/video/<id>/<slug>/`, `/shows/video/<id>/`, `/movies/<slug>/<id>/`, `/movies/video/<id>/`; `/gb/` in front abroad. */
const WATCH = /^\/(?:[a-z]{2}\/)?(?:(shows)\/(?:[^/]+\/)?video|(movies)\/[^/]+)\/((?=[\w-]*[A-Z])[\w-]{24,40})(?:\/|$)/;

function kindOf(url: URL) {
  const match = WATCH.exec(url.pathname);
  return match?.[1] ? 'show' : match?.[2] ? 'movie' : undefined;
}

export const paramountPlus: Connector = {
  id: 'paramount-plus',
  label: 'Paramount+',
  matches: ['https://www.paramountplus.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[3] ?? null,
  // A film's page loops a muted preview (`video.marqueeVideo`) outside the player area.
  isMainVideo: (video) => video.closest('.video__player-area') !== null && !video.classList.contains('marqueeVideo'),
  pageScript: '/paramount-plus-page.js',
  // No player-text layer: no maintained peer reads one (PreMiD reads JSON-LD only); an unverified one would guess.
  layers: [
    fromLinkedData({
      // A node whose URL (or `mainEntityOfPage`, as a film's page gives it) names another id is a page left
      // behind; one without the id (a film's slug page) still counts when it is the page's only one, as PreMiD reads it.
      current: (node, { url, contentId }, only) => {
        const path = nodePath(node, url) ?? nodePath({ url: read.record(node.mainEntityOfPage)?.['@id'] }, url);
        return !path || path.includes(contentId) || (only && !path.some((part) => CONTENT_ID.test(part)));
      },
      media: (node, { url }) => {
        // A film's data on a show's page (or the reverse) was left by the page before.
        const isFilm = typesOf(node).includes('Movie');
        return isFilm === (kindOf(url) === 'movie') ? schemaMedia(node, false) : null;
      },
    }),
    // JSON-LD left behind by in-app navigation, or none: the episode by its own id in the site's own list (paramount-plus.page.ts).
    fromPageData((data, { contentId, url }) => {
      const item = read.record(data);
      const numbered = read.int(item?.season_number) !== undefined && Boolean(read.int(item?.episode_number));
      if (!item || !numbered || kindOf(url) !== 'show' || read.id(item.content_id) !== contentId) return null;
      return episodeOf(item.series_title, item.season_number, item.episode_number);
    }),
    // "Watch Tulsa King Season 1 Episode 3: Token Joe - Full show on Paramount Plus", "Top Gun: Maverick (2022) | Paramount+".
    // On a show's page only a season and episode make the tab usable: without them it names an episode or a clip.
    fromTabTitle({
      brand: /(?:Full (?:show|movie|episode)s? on |Watch on )?Paramount(?:\+|\s+Plus)/,
      extra: [/^Watch\s+/i],
      media: (text, { url }) => {
        const year = /\s*\((\d{4})\)$/.exec(text);
        if (kindOf(url) === 'movie') return film(year ? text.slice(0, year.index) : text, year?.[1]);
        const numbers = parseSeasonEpisode(text);
        return kindOf(url) === 'show' && numbers ? episodeOf(numbers.before, numbers.season, numbers.episode) : null;
      },
    }),
  ],
};
