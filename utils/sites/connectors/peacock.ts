import { read } from '../../untrusted';
import { parseSeasonEpisode } from '../episode-text';
import { episodeOf, film, fromPageData, fromPlayer, fromTabTitle, justTitle } from '../layers';
import type { Connector, Reading } from '../types';
import { CONTENT_ID, unbranded, VOD } from './peacock.page';

/**
 * A Sky platform's watch page (Peacock, SkyShowtime): its content id (`GMO_…`, `SkyShowtime:GMO_…`),
 * else the provider variant uuid that follows it, else whatever else the address names there.
 */
export function skyWatchPage(url: URL): string | null {
  const [, first, variant] = VOD.exec(url.pathname) ?? [];
  if (first && CONTENT_ID.test(first)) return first;
  return variant ?? (first && first !== '_' ? first : null);
}
const DESCRIPTION = '[data-testid="metadata-description"]';

/**
 * Peacock's catalogue node (atom.peacocktv.com `adapter-calypso/v3/query/node`, asked by peacock.page.ts)
 * when one of its ids is the watch page's, a content id without any brand before it: `ASSET/PROGRAMME`
 * is a film, `ASSET/EPISODE` an episode (its own `title` and `year` name the episode, so only
 * `seriesName`); clips, trailers and live events are neither.
 */
export function mediaFromNode(data: unknown, contentId: string): Reading {
  const node = read.record(data);
  const attributes = read.record(node?.attributes);
  const formats = Object.values(read.record(attributes?.formats) ?? {});
  const ids = [attributes?.providerVariantId, ...formats.map((format) => read.record(format)?.contentId)];
  const playing = (id: unknown) => read.id(id) !== undefined && unbranded(String(id)) === unbranded(contentId);
  if (!node || !attributes || !ids.some(playing)) return null;
  if (node.type === 'ASSET/PROGRAMME') return film(read.text(attributes.title) ?? attributes.titleLong, attributes.year);
  if (node.type !== 'ASSET/EPISODE') return null;
  return episodeOf(attributes.seriesName, attributes.seasonNumber, attributes.episodeNumber);
}

/** Detail pages play a muted preview in a short-form player; it can linger under the real player. */
export const notShortForm = (video: HTMLVideoElement) => video.closest('[data-gsp-shortform-player]') === null;

export const peacock: Connector = {
  id: 'peacock',
  label: 'Peacock',
  matches: ['https://www.peacocktv.com/*'],
  watchPage: skyWatchPage,
  isMainVideo: notShortForm,
  pageScript: '/peacock-page.js',
  layers: [
    fromPageData((data, { contentId }) => mediaFromNode(data, contentId)),
    fromPlayer({ title: '[data-testid="metadata-title"]', lines: DESCRIPTION }),
    // "The Office - Peacock". While an episode plays the tab may name the episode, not the show.
    fromTabTitle({
      brand: /Peacock(?:\s*TV)?/,
      brandAt: 'after',
      brandRequired: true,
      // The site's other pages end " | Peacock" ("Stream TV and Movies Live and Online | Peacock").
      separator: /\s+-\s+/,
      unless: ({ document }) => parseSeasonEpisode(document.querySelector(DESCRIPTION)?.textContent ?? '') !== null,
      media: justTitle,
    }),
  ],
};
