import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, mediaFromPlayerLines, parseSeasonEpisode } from '../episode-text';
import type { Connector } from '../types';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `/watch/playback/vod/<content id>/<provider variant uuid>`; the content id can be `_`, the uuid absent. */
const VOD = new RegExp(`^/watch/playback/vod/([\\w.:-]{1,200})(?:/(${UUID}))?/?$`, 'i');

const TITLE = '[data-testid="metadata-title"]';
const DESCRIPTION = '[data-testid="metadata-description"]';

/** The watch page's content id (`GMO_…`), else the provider variant uuid that follows it. */
function watchPage(url: URL): string | null {
  const match = VOD.exec(url.pathname);
  if (!match?.[1]) return null;
  return match[1] !== '_' ? match[1] : (match[2] ?? null);
}

/** Detail pages play a muted preview in a short-form player; it can linger under the real player. */
export function isMainVideo(video: HTMLVideoElement): boolean {
  return video.closest('[data-gsp-shortform-player]') === null;
}

/** The node names what plays when one of its ids is the watch page's. */
function namesContent(attributes: Record<string, unknown>, contentId: string): boolean {
  const formats = Object.values(read.record(attributes.formats) ?? {});
  return (
    read.id(attributes.providerVariantId) === contentId ||
    formats.some((format) => read.id(read.record(format)?.contentId) === contentId)
  );
}

/**
 * Peacock's catalogue node for the content id (atom.peacocktv.com `adapter-calypso/v3/query/node`):
 * `type` `ASSET/PROGRAMME` is a film, `ASSET/EPISODE` an episode; clips, trailers and live events
 * are neither.
 */
export function mediaFromNode(data: unknown, contentId: string): Media | null {
  const node = read.record(data);
  const attributes = read.record(node?.attributes);
  if (!node || !attributes || !namesContent(attributes, contentId)) return null;
  if (node.type === 'ASSET/PROGRAMME') {
    const title = read.text(attributes.title) ?? read.text(attributes.titleLong);
    return title ? defined({ title: cleanTitle(title), year: read.year(attributes.year), mediaType: 'MOVIE' as const }) : null;
  }
  if (node.type !== 'ASSET/EPISODE') return null;
  // An episode's `title` and `year` are its own: only the series name identifies the show.
  const show = read.text(attributes.seriesName);
  if (!show) return null;
  return defined({
    title: cleanTitle(show),
    mediaType: 'TV' as const,
    season: read.int(attributes.seasonNumber),
    episode: read.int(attributes.episodeNumber),
  });
}

/** The player's metadata: the show or film, and a line under it that names an episode's season and number. */
export function mediaFromPlayer(document: Document): Media | null {
  return mediaFromPlayerLines(
    read.text(document.querySelector(TITLE)?.textContent),
    read.text(document.querySelector(DESCRIPTION)?.textContent),
  );
}

/**
 * "The Office - Peacock". While an episode plays the tab may name the episode rather than the show,
 * so a page whose player shows an episode line gets nothing from here.
 */
export function mediaFromDocumentTitle(document: Document): Media | null {
  if (parseSeasonEpisode(document.querySelector(DESCRIPTION)?.textContent ?? '')) return null;
  const match = /^(.+?)\s+-\s+Peacock$/i.exec(document.title.trim());
  const title = match?.[1] ? cleanTitle(match[1]) : '';
  return title && !/^Peacock(?:\s*TV)?$/i.test(title) ? { title } : null;
}

export const peacock: Connector = {
  id: 'peacock',
  label: 'Peacock',
  matches: ['https://www.peacocktv.com/*'],
  watchPage,
  isMainVideo,
  pageScript: '/peacock-page.js',
  layers: [
    { name: 'page', read: async ({ pageData, contentId }) => mediaFromNode(await pageData(), contentId) },
    { name: 'dom', read: ({ document }) => mediaFromPlayer(document) },
    { name: 'title', read: ({ document }) => mediaFromDocumentTitle(document) },
  ],
  sampleUrls: {
    watch: [
      'https://www.peacocktv.com/watch/playback/vod/GMO_00000000261361_02_HDSDR/c84393dc-6aca-3466-b3cd-76f44c79a236',
      'https://www.peacocktv.com/watch/playback/vod/GMO_00000000465887_01/82e6739f-fea9-351d-ad6c-6e700091567e',
      'https://www.peacocktv.com/watch/playback/vod/GMO_00000000224510_02_HDSDR',
      'https://www.peacocktv.com/watch/playback/vod/_/c84393dc-6aca-3466-b3cd-76f44c79a236',
    ],
    notWatch: [
      'https://www.peacocktv.com/watch/home',
      'https://www.peacocktv.com/watch/asset/movies/bugonia/c84393dc-6aca-3466-b3cd-76f44c79a236',
      'https://www.peacocktv.com/watch/asset/tv/the-office/4902514835143843112',
      'https://www.peacocktv.com/watch/playback/playlist/the-office-superfan-episodes/3a5f1c2e-7d4b-4e9a-8c6f-0b1d2e3f4a5c',
      'https://www.peacocktv.com/watch/playback/vod/_',
      'https://www.peacocktv.com/watch/search',
    ],
  },
};
