import type { Media } from '../../media';
import { read } from '../../untrusted';
import { cleanTitle } from '../episode-text';
import type { Connector } from '../types';

const WATCH = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?watch\/([A-Z0-9]{6,20})(?:\/|$)/;

/** "…-season-2", "Season 3", "Staffel 2", "Saison 1"; OVA seasons are season 0, as UTS maps them. */
function seasonFromLabel(label: string | undefined): number | undefined {
  if (!label) return undefined;
  const numbered = /(?:^|[\s-])(?:season|staffel|temporada|saison|stagione)[\s-](\d{1,3})(?:$|[\s-])/iu.exec(label);
  if (numbered?.[1]) return Number(numbered[1]);
  return /(?:^|[\s-])ovas?(?:$|[\s-])/i.test(label) ? 0 : undefined;
}

/**
 * Seasons here are Crunchyroll's own (One Piece's arcs are "seasons": its tenth is Thriller Bark), and
 * episode numbers often run on across seasons (Re:ZERO's third season carries episode 66). UTS flags
 * them as absolute; a scrobble cannot. Only in a first season do absolute and in-season numbers agree,
 * so numbers go out only there; elsewhere the show alone is sent and ReelRifter advances it.
 */
function firstSeasonNumbers(labels: (string | undefined)[], seasonNumber: unknown, episodeNumber: unknown) {
  const season = labels.map(seasonFromLabel).find((n) => n !== undefined) ?? read.int(seasonNumber);
  const episode = read.int(episodeNumber);
  return season === 1 && episode !== undefined ? { season, episode } : {};
}

const GENERIC = /^(?:movies?|films?|season \d+)$/i;

/** A film filed as an episode: the most specific name that is not a placeholder. */
function movieTitle(candidates: unknown[]): string | undefined {
  return candidates
    .map((value) => read.text(value))
    .map((text) => (text ? cleanTitle(text) : undefined))
    .find((text) => text && !GENERIC.test(text));
}

/**
 * Crunchyroll's catalogue answer (`/content/v2/cms/objects/<id>`, in English) for the watch id: an
 * `episode` with its `episode_metadata`, or a `movie`. Films are also filed as episodes, with
 * `episode_number: null` or "movie" in the season's slug.
 */
export function mediaFromObjects(data: unknown, contentId: string): Media | null {
  const item = read
    .array(read.record(data)?.data)
    .map(read.record)
    .find((entry) => read.id(entry?.id) === contentId);
  if (!item) return null;
  if (item.type === 'movie') {
    const title = movieTitle([read.record(item.movie_metadata)?.movie_listing_title, item.title]);
    return title ? { title, mediaType: 'MOVIE' } : null;
  }
  const meta = read.record(item.episode_metadata);
  if (item.type !== 'episode' || !meta) return null;
  const seasonSlug = read.text(meta.season_slug_title);
  if (meta.episode_number === null || /(?:^|-)movies?(?:-|$)/i.test(seasonSlug ?? '')) {
    const title = movieTitle([meta.season_title, item.title, meta.series_title]);
    return title ? { title, mediaType: 'MOVIE' } : null;
  }
  const series = read.text(meta.series_title);
  if (!series) return null;
  return {
    title: cleanTitle(series),
    mediaType: 'TV',
    ...firstSeasonNumbers([seasonSlug, read.text(meta.season_title)], meta.season_number, meta.episode_number),
  };
}

/** The page's JSON-LD `TVEpisode` or `Movie`; one whose URL names another watch id is a previous page's. */
function linkedData(document: Document, contentId: string): Record<string, unknown> | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const roots = (Array.isArray(parsed) ? parsed : [parsed]).map(read.record);
    for (const item of roots.flatMap((root) => [root, ...read.array(root?.['@graph']).map(read.record)])) {
      const types = [item?.['@type']].flat();
      if (!item || !['TVEpisode', 'Episode', 'Movie'].some((type) => types.includes(type))) continue;
      const url = read.text(item.url) ?? read.text(item['@id']);
      const watchId = url && URL.canParse(url) ? WATCH.exec(new URL(url).pathname)?.[1] : undefined;
      if (watchId === undefined || watchId === contentId) return item;
    }
  }
  return undefined;
}

/** JSON-LD in `<head>`: `partOfSeries.name`, `partOfSeason.{name, seasonNumber}`, `episodeNumber`. */
export function mediaFromLinkedData(document: Document, contentId: string): Media | null {
  const item = linkedData(document, contentId);
  if (!item) return null;
  if ([item['@type']].flat().includes('Movie')) {
    const title = movieTitle([item.name]);
    return title ? { title, mediaType: 'MOVIE' } : null;
  }
  const season = read.record(item.partOfSeason);
  const seasonName = read.text(season?.name);
  const series = read.text(read.record(item.partOfSeries)?.name);
  if (seasonName && /\bmovie\b/i.test(seasonName)) {
    const title = movieTitle([seasonName, item.name, series]);
    return title ? { title, mediaType: 'MOVIE' } : null;
  }
  // `name` is the episode's own: without the series nothing here names the show.
  if (!series) return null;
  return {
    title: cleanTitle(series),
    mediaType: 'TV',
    ...firstSeasonNumbers([seasonName], season?.seasonNumber, item.episodeNumber),
  };
}

/**
 * The block under the player: the series in `.show-title-link h4`, the episode in `h1.title` ("E9 -
 * Aura the Guillotine"). The "E9" names no season, so it only says this is an episode.
 */
export function mediaFromMediaInfo(document: Document): Media | null {
  const info = document.querySelector('.erc-current-media-info');
  const show = read.text(info?.querySelector('.show-title-link h4, [data-t="show-title-link"] h4')?.textContent);
  if (!show) return null;
  const heading = read.text(info?.querySelector('h1')?.textContent) ?? '';
  return /^E\d+(?:\.\d+)?\s+[-–]/.test(heading) ? { title: cleanTitle(show), mediaType: 'TV' } : { title: cleanTitle(show) };
}

/**
 * The player sits in the page or in a static.crunchyroll.com iframe. The iframe's URL names nothing,
 * its origin cannot read the watch page, and the top page posts it no id it could trust, so inside it
 * `watchPage` is null: nothing is scrobbled from the iframe player until the engine can relay the top
 * page's watch id and metadata to a frame. Document titles are left out: they glue Crunchyroll's season
 * name (an arc such as "Thriller Bark (337-381)", or just "Season 1") to the episode's, never the show.
 */
export const crunchyroll: Connector = {
  id: 'crunchyroll',
  label: 'Crunchyroll',
  matches: ['https://www.crunchyroll.com/*', 'https://static.crunchyroll.com/*'],
  allFrames: true,
  watchPage: (url) => (url.hostname === 'www.crunchyroll.com' ? (WATCH.exec(url.pathname)?.[1] ?? null) : null),
  // The in-page player (`#player-container`, Bitmovin's `bitmovinplayer-video-…`) or the Vilos player in
  // the static.crunchyroll.com frame (`#player0`); promos and upsell loops are not.
  isMainVideo: (video) =>
    video.closest('#player-container, #vilosRoot') !== null ||
    video.id.startsWith('bitmovinplayer-video') ||
    (video.ownerDocument.location?.hostname === 'static.crunchyroll.com' && video.id === 'player0'),

  pageScript: '/crunchyroll-page.js',
  layers: [
    { name: 'page', read: async ({ pageData, contentId }) => mediaFromObjects(await pageData(), contentId) },
    { name: 'json-ld', read: ({ document, contentId }) => mediaFromLinkedData(document, contentId) },
    { name: 'dom', read: ({ document }) => mediaFromMediaInfo(document) },
  ],
  sampleUrls: {
    watch: [
      'https://www.crunchyroll.com/watch/G0DUNPNW8/brooks-past-a-sad-farewell-with-his-cheerful-comrade',
      'https://www.crunchyroll.com/de/watch/GK9UG2E49/the-result-of-the-battle-for-priestella',
      'https://www.crunchyroll.com/pt-br/watch/G14UVJGX1/ceremony',
      'https://www.crunchyroll.com/watch/GE00379230JAJP/leave-it-to-laffey',
      'https://www.crunchyroll.com/watch/GY8VEQ95Y',
    ],
    notWatch: [
      'https://www.crunchyroll.com/',
      'https://www.crunchyroll.com/series/GG5H5XQX4/frieren-beyond-journeys-end',
      'https://www.crunchyroll.com/de/series/GRGG9798R/rezero--starting-life-in-another-world-',
      'https://www.crunchyroll.com/search?q=frieren',
      'https://www.crunchyroll.com/simulcasts',
      'https://static.crunchyroll.com/vilos-v2/web/vilos/player.html',
    ],
  },
};
