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

/** Tubi (free, with ads between parts of the programme; the ads are shorter than any film or episode). */
export const tubi: Connector = {
  id: 'tubi',
  label: 'Tubi',
  matches: ['https://tubitv.com/*', 'https://www.tubitv.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[2] ?? null,
  pageScript: '/tubi-page.js',
  layers: [
    fromPageData((data, { contentId, url }) => {
      const video = read.record(data);
      return read.id(video?.id) === contentId ? media(video?.seriesTitle, video?.title, video?.year, url.pathname) : null;
    }),
    // While a video plays the page's `og:title` names it ("Behind Bars S01:E01 - Episode 1 | Tubi").
    {
      name: 'meta',
      read: ({ document, url }) => {
        const title = metaContent(document, 'og:title')?.replace(/\s*\|\s*Tubi(?:\s*TV)?$/i, '');
        return media(undefined, title, undefined, url.pathname);
      },
    },
  ],
};
