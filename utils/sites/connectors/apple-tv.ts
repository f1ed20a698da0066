import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import { film, fromLinkedData, fromTabTitle, metaContent, nodePath, schemaMedia } from '../layers';
import type { Connector, LayerInput, Reading } from '../types';

const ROUTE = /^\/(?:[a-z]{2}(?:-[a-z]{2,4})?\/)?(movie|episode|show)\/[^/]+\/(umc\.cmc\.[a-z0-9]+)(?:\/|$)/i;
/** The home page, where playback from a shelf opens the player and leaves the URL at the locale root. */
const HOME = /^\/(?:[a-z]{2}(?:-[a-z]{2,4})?\/?)?$/i;

type Kind = 'movie' | 'episode' | 'show';
const comparable = (text: string) =>
  text
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Title and subtitle of the long-form player's overlay, read only while that player is open. */
function overlay(document: Document): { title?: string; subtitle?: string } {
  const player = document.querySelector('[data-testid="video-player"]');
  const line = (id: string) => read.text(player?.querySelector(`[data-testid="player-metadata-${id}"]`)?.textContent);
  return { title: line('title'), subtitle: line('subtitle') };
}

/**
 * What kind of item plays: the URL's, or on the home page the one kind of the page's links to
 * items whose name is the overlay's title (their label, title, artwork text or text).
 */
function kindOf({ url, document }: Pick<LayerInput, 'url' | 'document'>): Kind | undefined {
  const routed = ROUTE.exec(url.pathname)?.[1]?.toLowerCase() as Kind | undefined;
  const title = overlay(document).title;
  if (routed || !HOME.test(url.pathname) || !title) return routed;
  const kinds = new Set<Kind>();
  for (const link of document.querySelectorAll<HTMLAnchorElement>(
    'a[href*="/movie/"], a[href*="/show/"], a[href*="/episode/"]',
  )) {
    const names = [link.getAttribute('aria-label'), link.title, link.querySelector('img')?.alt, link.textContent];
    const kind = ROUTE.exec(new URL(link.href, url).pathname)?.[1]?.toLowerCase() as Kind | undefined;
    if (kind && names.some((name) => name && comparable(name) === comparable(title))) kinds.add(kind);
  }
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/** On a film's page the player can be showing a bonus feature: the page then describes something else. */
function playerShowsOther(input: Pick<LayerInput, 'url' | 'document'>, title: string): boolean {
  const playing = overlay(input.document).title;
  return kindOf(input) === 'movie' && playing !== undefined && comparable(playing) !== comparable(title);
}

/** The page's own title for this id, from `apple:*` meta (a single-page app can leave a previous page's behind). */
const pageTitle = ({ document, contentId }: LayerInput) =>
  contentId && metaContent(document, 'apple:content_id') === contentId ? metaContent(document, 'apple:title') : undefined;

/** The player overlay: show and "S1, E3 · Episode" (in either line), or just the film's title. */
export function mediaFromPlayer(input: LayerInput): Reading {
  const { title, subtitle } = overlay(input.document);
  const named = pageTitle(input);
  if (!title || (named && playerShowsOther(input, named))) return null;
  const inSubtitle = subtitle ? parseSeasonEpisode(subtitle) : null;
  const inTitle = inSubtitle ? null : parseSeasonEpisode(title);
  const name = inTitle ? subtitle : title;
  const numbers = inSubtitle ?? inTitle;
  const kind = kindOf(input);
  if (!name) return null;
  if (numbers) return { title: cleanTitle(name), mediaType: 'TV', season: numbers.season, episode: numbers.episode };
  const type: Media['mediaType'] = kind === 'movie' ? 'MOVIE' : kind ? 'TV' : undefined;
  return defined({ title: cleanTitle(name), mediaType: type });
}

export const appleTv: Connector = {
  id: 'apple-tv',
  label: 'Apple TV+',
  matches: ['https://tv.apple.com/*'],
  watchPage: (url) => ROUTE.exec(url.pathname)?.[2] ?? (HOME.test(url.pathname) ? '' : null),
  // Promos autoplay all over the site; the long-form player has its own container.
  isMainVideo: (video) =>
    video.closest('[data-testid="video-container"]') !== null &&
    video.ownerDocument.querySelector('[data-testid="video-player"]') !== null,
  layers: [
    fromLinkedData({
      // A node without its own url is trusted only when the page's meta names the same id.
      current: (node, { url, document, contentId }) =>
        contentId !== '' && (nodePath(node, url)?.includes(contentId) ?? metaContent(document, 'apple:content_id') === contentId),
      // An episode's year is its own air date: none is sent.
      media: (node, input) => {
        const media = schemaMedia(node);
        return media?.mediaType === 'MOVIE' && playerShowsOther(input, media.title) ? null : media;
      },
    }),
    {
      name: 'meta',
      // A film's `apple:*` meta for this id. An episode's `apple:title` is the episode's own name: no use.
      read: (input) => {
        const { document, contentId } = input;
        if (!contentId || kindOf(input) !== 'movie' || metaContent(document, 'apple:content_id') !== contentId) return null;
        const title = metaContent(document, 'apple:title') ?? metaContent(document, 'og:title');
        if (!title || playerShowsOther(input, title)) return null;
        return film(title, metaContent(document, 'og:video:release_date')?.slice(0, 4));
      },
    },
    { name: 'dom', read: mediaFromPlayer },
    // "CODA - Apple TV+" on a film's or a show's page. An episode's page may name the episode: nothing.
    fromTabTitle({
      brand: /Apple\s+TV\+?/,
      media: (text, input) => {
        const kind = kindOf(input);
        if ((kind !== 'movie' && kind !== 'show') || !ROUTE.test(input.url.pathname) || playerShowsOther(input, text))
          return null;
        return { title: cleanTitle(text), mediaType: kind === 'movie' ? 'MOVIE' : 'TV' };
      },
    }),
  ],
};
