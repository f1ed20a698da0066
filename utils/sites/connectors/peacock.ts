import { read } from '../../untrusted';
import { parseSeasonEpisode } from '../episode-text';
import { episodeOf, film, fromPageData, fromPlayer, fromTabTitle, justTitle } from '../layers';
import type { Connector, Reading } from '../types';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `/watch/playback/vod/<content id>/<provider variant uuid>`; the content id can be `_`, the uuid absent. */
const VOD = new RegExp(`^/watch/playback/vod/([\\w.:-]{1,200})(?:/(${UUID}))?/?$`, 'i');

/** A Sky platform's watch page (Peacock, SkyShowtime): its content id (`GMO_…`), else the provider variant uuid that follows it. */
export function skyWatchPage(url: URL): string | null {
  const match = VOD.exec(url.pathname);
  return match?.[1] && match[1] !== '_' ? match[1] : (match?.[2] ?? null);
}
const DESCRIPTION = '[data-testid="metadata-description"]';

/**
 * Peacock's catalogue node for the content id (atom.peacocktv.com `adapter-calypso/v3/query/node`,
 * asked by peacock.page.ts) when one of its ids is the watch page's: `ASSET/PROGRAMME` is a film,
 * `ASSET/EPISODE` an episode (its own `title` and `year` name the episode, so only `seriesName`);
 * clips, trailers and live events are neither.
 */
export function mediaFromNode(data: unknown, contentId: string): Reading {
  const node = read.record(data);
  const attributes = read.record(node?.attributes);
  const formats = Object.values(read.record(attributes?.formats) ?? {});
  const ids = [attributes?.providerVariantId, ...formats.map((format) => read.record(format)?.contentId)];
  if (!node || !attributes || !ids.some((id) => read.id(id) === contentId)) return null;
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
