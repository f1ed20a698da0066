import { read } from '../../untrusted';
import { episodeOf, film, fromPageData, fromTabTitle, titleWithNumbers } from '../layers';
import type { Connector, Reading } from '../types';

/** `/films/<id or slug>/player`, after an optional language and country (`/en/us/…`). */
const PLAYER = /^(?:\/[a-z]{2}){0,2}\/films\/([\w-]{1,200})\/player\/?$/;

/**
 * A MUBI film, as its API and Next.js's `__NEXT_DATA__` (`initFilm`) describe it, counted only when
 * its id or slug is the player's. Since 2025 MUBI also streams series, each episode a "film" whose
 * `episode` and `series` say so (null for a film).
 */
export function mediaFromFilm(data: unknown, contentId: string): Reading {
  const served = read.record(data);
  if (!served || (read.id(served.id) !== contentId && served.slug !== contentId)) return null;
  const episode = read.record(served.episode);
  const series = read.record(served.series);
  if (episode) return episodeOf(series?.title ?? episode.series_title, episode.season_number, episode.number, true);
  return film(served.title, served.year);
}

/** The film the page was served with; in-app navigation leaves it as it was. */
function servedFilm(document: Document): Record<string, unknown> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(document.getElementById('__NEXT_DATA__')?.textContent ?? 'null');
  } catch {
    return undefined;
  }
  const props = read.record(read.record(data)?.props);
  return read.record(read.record(read.record(props?.initialProps)?.pageProps)?.initFilm);
}

/** "Twin Peaks - Episode 1": an episode's label (its `episode.label` in the API). */
const EPISODE_LABEL = /\bEpisode\s+\d{1,4}\b/i;

export const mubi: Connector = {
  id: 'mubi',
  label: 'MUBI',
  matches: ['https://mubi.com/*'],
  // Only the player: a film's page plays its trailer.
  watchPage: (url) => PLAYER.exec(url.pathname)?.[1] ?? null,
  pageScript: '/mubi-page.js',
  layers: [
    // The app's own answer for the player's film, else the film the page was served with.
    fromPageData(
      (data, { document, contentId }) => mediaFromFilm(data, contentId) ?? mediaFromFilm(servedFilm(document), contentId),
    ),
    // "Perfect Days | MUBI": a film, unless the tab or the page's data speak of episodes.
    fromTabTitle({
      brand: /MUBI/,
      brandAt: 'after',
      brandRequired: true,
      media: (text, { document }) => {
        const numbered = titleWithNumbers(text);
        const served = servedFilm(document);
        const episodes = EPISODE_LABEL.test(text) || Boolean(read.record(served?.episode) ?? read.record(served?.series));
        return episodes || numbered?.mediaType ? numbered : film(text);
      },
    }),
  ],
};
