import { read } from '../../untrusted';
import { episodeOf, film, fromPageData, fromSlug } from '../layers';
import type { Connector, Reading } from '../types';

/** `/player/default/<section>/<show>/<season>/<episode>` or `…/<section>/<film>`, on viaplay.com after `/<country>-<language>`. */
const PLAYER = /^(?:\/[a-z]{2}-[a-z]{2})?\/player\/default\/([\w.-]+(?:\/[\w.-]+){1,4})\/?$/;
const SERIES = /^(?:serier|sarjat|series)$/;
const FILMS = /^(?:film|filmer|elokuvat|films|movies)$/;
const SEASON = /^(?:sesong|sasong|säsong|saeson|sæson|kausi|season|seizoen)-(\d{1,4})$/;
const EPISODE = /^(?:episode|avsnitt|afsnit|jakso|aflevering)-(\d{1,5})$/;

/**
 * The content API's product: an episode names its show in `originalTitle`, else in `series.title`,
 * universal-trakt-scrobbler's order (a localised `series.title` would match the catalogue worse; the
 * product's own `title` is often the episode's); the production year is the episode's, never sent
 * for the show. Sport is neither film nor episode.
 */
export function mediaFromProduct(data: unknown): Reading {
  const product = read.record(data);
  const content = read.record(product?.content);
  const series = read.record(content?.series);
  switch (product?.type) {
    case 'episode':
      return episodeOf(content?.originalTitle ?? series?.title, read.record(series?.season)?.seasonNumber, series?.episodeNumber);
    case 'movie':
      return film(content?.title, read.record(content?.production)?.year);
    default:
      return product ? 'other' : null;
  }
}

/** The address alone: "serier/mr.-robot/sesong-4/episode-1", "film/arrival-2016", in the site's language. */
function mediaFromPath(path: string): Reading {
  const [section = '', name, season, episode, ...rest] = path.split('/');
  if (!name || rest.length > 0) return null;
  if (SERIES.test(section) && season && episode) {
    const s = SEASON.exec(season)?.[1];
    const e = EPISODE.exec(episode)?.[1];
    return s && e ? episodeOf(fromSlug(name), s, e) : null;
  }
  if (!FILMS.test(section) || season || episode) return null;
  const year = /-((?:19|20)\d\d)$/.exec(name);
  return film(fromSlug(year ? name.slice(0, year.index) : name), year?.[1]);
}

/** Viaplay (the Nordics and the Netherlands); one site per country domain. */
export const viaplay: Connector = {
  id: 'viaplay',
  label: 'Viaplay',
  matches: ['se', 'dk', 'no', 'fi', 'is', 'com'].map((tld) => `https://viaplay.${tld}/*`),
  watchPage: (url) => PLAYER.exec(url.pathname)?.[1] ?? null,
  pageScript: '/viaplay-page.js',
  layers: [fromPageData(mediaFromProduct), { name: 'address', read: ({ contentId }) => mediaFromPath(contentId) }],
};
