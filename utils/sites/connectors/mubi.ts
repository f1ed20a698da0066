import { read } from '../../untrusted';
import { episodeOf, film, fromTabTitle } from '../layers';
import type { Connector } from '../types';

/** `/films/<id or slug>/player`, after an optional language and country (`/en/us/…`). */
const PLAYER = /^(?:\/[a-z]{2}){0,2}\/films\/([\w-]{1,200})\/player\/?$/;

/**
 * The film the page was served for: Next.js's `__NEXT_DATA__` (`props.initialProps.pageProps.initFilm`),
 * counted only when its id or slug is the player's (in-app navigation leaves it as it was). Since 2025
 * MUBI also streams series, each episode a "film" whose `episode` and `series` say so.
 */
function servedFilm(document: Document, contentId: string) {
  let data: unknown;
  try {
    data = JSON.parse(document.getElementById('__NEXT_DATA__')?.textContent ?? 'null');
  } catch {
    return null;
  }
  const props = read.record(read.record(data)?.props);
  const served = read.record(read.record(read.record(props?.initialProps)?.pageProps)?.initFilm);
  if (!served || (read.id(served.id) !== contentId && served.slug !== contentId)) return null;
  const episode = read.record(served.episode);
  const series = read.record(served.series);
  if (episode) return episodeOf(series?.title ?? episode.series_title, episode.season_number, episode.number, true);
  return film(served.title, served.year);
}

export const mubi: Connector = {
  id: 'mubi',
  label: 'MUBI',
  matches: ['https://mubi.com/*'],
  // Only the player: a film's page plays its trailer.
  watchPage: (url) => PLAYER.exec(url.pathname)?.[1] ?? null,
  layers: [
    { name: 'page', read: ({ document, contentId }) => servedFilm(document, contentId) },
    // "Perfect Days | MUBI"
    fromTabTitle({ brand: /MUBI/, brandAt: 'after', brandRequired: true }),
  ],
};
