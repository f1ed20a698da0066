import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import type { Connector } from '../types';

const ROUTE = /^\/(?:[a-z]{2}(?:-[a-z]{2,4})?\/)?(movie|episode|show)\/[^/]+\/(umc\.cmc\.[a-z0-9]+)(?:\/|$)/i;

type Kind = 'movie' | 'episode' | 'show';

function kindOf(url: URL): Kind | undefined {
  return ROUTE.exec(url.pathname)?.[1]?.toLowerCase() as Kind | undefined;
}

const meta = (document: Document, key: string) =>
  read.text(document.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.getAttribute('content'));

function pathOf(url: string): string | undefined {
  try {
    return new URL(url, 'https://tv.apple.com/').pathname;
  } catch {
    return undefined;
  }
}

const yearOf = (date: unknown) => read.year(read.text(date)?.slice(0, 4));

/** Title and subtitle of the long-form player's overlay, read only while that player is open. */
function overlay(document: Document): { title?: string; subtitle?: string } {
  const player = document.querySelector('[data-testid="video-player"]');
  return {
    title: read.text(player?.querySelector('[data-testid="player-metadata-title"]')?.textContent),
    subtitle: read.text(player?.querySelector('[data-testid="player-metadata-subtitle"]')?.textContent),
  };
}

const comparable = (text: string) =>
  text
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** On a film's page the player can be showing a bonus feature: the page then describes something else. */
function playerShowsOther(document: Document, kind: Kind | undefined, title: string): boolean {
  const playing = overlay(document).title;
  return kind === 'movie' && playing !== undefined && comparable(playing) !== comparable(title);
}

/** The page's JSON-LD `Movie` or `Episode` (at the top, in an array or in `@graph`) for this id. */
function linkedData(document: Document, contentId: string): Record<string, unknown> | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const roots = (Array.isArray(parsed) ? parsed : [parsed]).map(read.record);
    const items = roots.flatMap((root) => [root, ...read.array(root?.['@graph']).map(read.record)]);
    for (const item of items) {
      const types = [item?.['@type']].flat();
      if (!item || !(types.includes('Movie') || types.includes('Episode'))) continue;
      // A node without its own url is trusted only when the page's meta names the same id.
      const url = read.text(item.url);
      const current = url ? pathOf(url)?.split('/').includes(contentId) : meta(document, 'apple:content_id') === contentId;
      if (current) return item;
    }
  }
  return undefined;
}

export function mediaFromLinkedData(document: Document, url: URL, contentId: string): Media | null {
  const item = linkedData(document, contentId);
  if (!item) return null;
  if ([item['@type']].flat().includes('Episode')) {
    // `name` is the episode's; only the series name identifies the show.
    const show = read.text(read.record(item.partOfSeries)?.name);
    if (!show) return null;
    const season = item.partOfSeason;
    return defined({
      title: cleanTitle(show),
      mediaType: 'TV' as const,
      season: read.int(season) ?? read.int(read.record(season)?.seasonNumber),
      episode: read.int(item.episodeNumber),
    });
  }
  const title = read.text(item.name);
  if (!title || playerShowsOther(document, kindOf(url), title)) return null;
  return defined({ title: cleanTitle(title), year: yearOf(item.datePublished), mediaType: 'MOVIE' as const });
}

/**
 * A film's `apple:*` meta, when `apple:content_id` is this page's id (a single-page app can leave a
 * previous page's tags behind). An episode's `apple:title` is the episode's own name: no use here.
 */
export function mediaFromMeta(document: Document, url: URL, contentId: string): Media | null {
  if (kindOf(url) !== 'movie' || meta(document, 'apple:content_id') !== contentId) return null;
  const title = meta(document, 'apple:title') ?? meta(document, 'og:title');
  if (!title || playerShowsOther(document, 'movie', title)) return null;
  return defined({
    title: cleanTitle(title),
    year: yearOf(meta(document, 'og:video:release_date')),
    mediaType: 'MOVIE' as const,
  });
}

/**
 * The player overlay: show and "S1, E3 · Episode" (in either line), or just the film's title. On a
 * film's page whose meta names another title, the player shows a bonus feature: nothing to scrobble.
 */
export function mediaFromPlayer(document: Document, url: URL, contentId: string): Media | null {
  const { title, subtitle } = overlay(document);
  if (!title) return null;
  const pageTitle = meta(document, 'apple:content_id') === contentId ? meta(document, 'apple:title') : undefined;
  if (pageTitle && playerShowsOther(document, kindOf(url), pageTitle)) return null;
  const inSubtitle = subtitle ? parseSeasonEpisode(subtitle) : null;
  const inTitle = inSubtitle ? null : parseSeasonEpisode(title);
  const numbers = inSubtitle ?? inTitle;
  const name = inTitle ? subtitle : title;
  if (!name) return null;
  const kind = kindOf(url);
  let mediaType: Media['mediaType'];
  if (numbers || kind === 'episode' || kind === 'show') mediaType = 'TV';
  else if (kind === 'movie') mediaType = 'MOVIE';
  return defined({
    title: cleanTitle(name),
    mediaType,
    season: numbers?.season,
    episode: numbers?.episode,
  });
}

/**
 * "CODA - Apple TV+" on a film's or a show's page. What an episode's page puts there is
 * undocumented, and an episode's own name would pass for the show's, so episodes get nothing.
 */
export function mediaFromDocumentTitle(document: Document, url: URL): Media | null {
  const kind = kindOf(url);
  if (kind !== 'movie' && kind !== 'show') return null;
  const text = document.title.replace(/\s*[|•–—-]\s*Apple\s+TV\+?\s*$/i, '').trim();
  if (!text || /^Apple\s+TV\+?$/i.test(text) || playerShowsOther(document, kind, text)) return null;
  return { title: cleanTitle(text), mediaType: kind === 'movie' ? 'MOVIE' : 'TV' };
}

export const appleTv: Connector = {
  id: 'apple-tv',
  label: 'Apple TV+',
  matches: ['https://tv.apple.com/*'],
  watchPage: (url) => ROUTE.exec(url.pathname)?.[2] ?? null,
  // Promos autoplay all over the site; the long-form player has its own container.
  isMainVideo: (video) =>
    video.closest('[data-testid="video-container"]') !== null &&
    video.ownerDocument.querySelector('[data-testid="video-player"]') !== null,
  layers: [
    { name: 'json-ld', read: ({ document, url, contentId }) => mediaFromLinkedData(document, url, contentId) },
    { name: 'meta', read: ({ document, url, contentId }) => mediaFromMeta(document, url, contentId) },
    { name: 'dom', read: ({ document, url, contentId }) => mediaFromPlayer(document, url, contentId) },
    { name: 'title', read: ({ document, url }) => mediaFromDocumentTitle(document, url) },
  ],
  sampleUrls: {
    watch: [
      'https://tv.apple.com/us/movie/coda/umc.cmc.3eh9r5iz32ggdm4ccvw5igiir',
      'https://tv.apple.com/gb/episode/pilot/umc.cmc.2sp4pbfnp4sai5qen74ub8skc?showId=umc.cmc.vtoh0mn0xn7t3c643xqonfzy',
      'https://tv.apple.com/us/show/severance/umc.cmc.1srk2goyh2q2zdxcx605w8vtx?ctx_brand=tvs.sbd.4000',
      'https://tv.apple.com/movie/greyhound/umc.cmc.4grsbj5bx4ej6stc1mde8nx8j',
    ],
    notWatch: [
      'https://tv.apple.com/us',
      'https://tv.apple.com/us/clip/severance-official-trailer/umc.cmc.6ckglz6x8hjc7ffbqhzbx5b3i',
      'https://tv.apple.com/us/sporting-event/lafc-vs-inter-miami/umc.cse.4bgeabwvh0a5s21wawqa5ojrg',
      'https://tv.apple.com/us/channel/apple-tv/tvs.sbd.4000',
      'https://tv.apple.com/us/person/adam-scott/umc.cpc.2tg4v3xbvgo05ujqh1h8udj0k',
    ],
  },
};
