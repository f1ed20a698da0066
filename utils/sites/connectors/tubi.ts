import { read } from '../../untrusted';
import { parseSeasonEpisode } from '../episode-text';
import { episodeOf, film, fromPageData, metaContent } from '../layers';
import type { Connector, Reading } from '../types';

/** `/movies/<id>/<slug>`, `/tv-shows/<episode id>/<slug>`, after an optional locale (`/es-mx`). */
const WATCH = /^(?:\/[a-z]{2}-[a-z]{2})?\/(movies|tv-shows)\/(\d{1,12})(?:\/|$)/;

/** An episode's own title is "S01:E01 - Rise of the Snakes": its numbers, and its show's title from the page. */
function media(show: unknown, title: unknown, year: unknown, path: string): Reading {
  const text = read.text(title);
  if (!text) return null;
  if (path.includes('/movies/')) return film(text, year);
  const numbers = parseSeasonEpisode(text);
  return numbers ? episodeOf(show ?? numbers.before, numbers.season, numbers.episode) : null;
}

/** Tubi's head names a film "The 39 Steps (1935)" (`getVideoMetaForSEO` in its web source): the year is no part of its title. */
const FILM_YEAR = /\s*\(((?:18|19|20)\d\d)\)$/;

/** Tubi (free, with ads between parts of the programme; the ads are shorter than any film or episode). */
export const tubi: Connector = {
  id: 'tubi',
  label: 'Tubi',
  matches: ['https://tubitv.com/*', 'https://www.tubitv.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[2] ?? null,
  pageScript: '/tubi-page.js',
  // Leaving a playing video's page for one that plays nothing keeps it playing in a corner
  // (`useSetupFloatingPlayerWhenNavigating` in Tubi's web source).
  floatingPlayer: true,
  layers: [
    fromPageData((data, { contentId, url }) => {
      const video = read.record(data);
      return read.id(video?.id) === contentId ? media(video?.seriesTitle, video?.title, video?.year, url.pathname) : null;
    }),
    // The app keeps `og:title` current: "The 39 Steps (1935)", "Ninjago: Masters of Spinjitzu S01:E01 - Rise of the Snakes".
    {
      name: 'meta',
      read: ({ document, url }) => {
        const text = metaContent(document, 'og:title') ?? '';
        const year = url.pathname.includes('/movies/') ? FILM_YEAR.exec(text) : null;
        return media(undefined, year ? text.slice(0, year.index) : text, year?.[1], url.pathname);
      },
    },
  ],
};
