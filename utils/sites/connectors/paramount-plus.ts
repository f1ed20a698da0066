import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import type { Connector } from '../types';

/**
 * `/shows/<slug>/video/<id>/<slug>/`, `/shows/video/<id>/`, `/movies/<slug>/<id>/`, `/movies/video/<id>/`,
 * with a region in front abroad (`/gb/`). Content ids are 32 url-safe base64 characters, so a slug
 * (all lower case) is never taken for one.
 */
const WATCH = /^\/(?:[a-z]{2}\/)?(?:(shows)\/(?:[^/]+\/)?video|(movies)\/[^/]+)\/((?=[\w-]*[A-Z])[\w-]{24,40})(?:\/|$)/;

type Kind = 'show' | 'movie';

function kindOf(url: URL): Kind | undefined {
  const match = WATCH.exec(url.pathname);
  if (match?.[1]) return 'show';
  return match?.[2] ? 'movie' : undefined;
}

function idsIn(url: string): string[] {
  return URL.canParse(url, 'https://www.paramountplus.com/')
    ? new URL(url, 'https://www.paramountplus.com/').pathname.split('/')
    : [];
}

/** The page's JSON-LD `TVEpisode` or `Movie`; one whose URL names another id is a previous page's. */
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
      if (!url || idsIn(url).includes(contentId)) return item;
    }
  }
  return undefined;
}

/** JSON-LD: an episode's `partOfSeries.name`, `partOfSeason.seasonNumber` and `episodeNumber`; a film's `name`. */
export function mediaFromLinkedData(document: Document, url: URL, contentId: string): Media | null {
  const item = linkedData(document, contentId);
  if (!item) return null;
  const isMovie = [item['@type']].flat().includes('Movie');
  // A film's data on a show's page (or the reverse) was left by the page before.
  if (isMovie !== (kindOf(url) === 'movie')) return null;
  if (isMovie) {
    const title = read.text(item.name);
    return title ? { title: cleanTitle(title), mediaType: 'MOVIE' } : null;
  }
  // `name` is the episode's own; only the series names the show.
  const show = read.text(read.record(item.partOfSeries)?.name);
  if (!show) return null;
  const season = item.partOfSeason;
  return defined({
    title: cleanTitle(show),
    mediaType: 'TV' as const,
    season: read.int(read.record(season)?.seasonNumber) ?? read.int(season),
    episode: read.int(item.episodeNumber),
  });
}

/**
 * The player's title (`.title-name` in `.video__player-area`) and the "S2 E3" or "Staffel 2, Folge 3"
 * printed beside it. No marker on a film's URL is a film; on a show's URL it could be an extra.
 */
export function mediaFromPlayer(document: Document, url: URL): Media | null {
  const name = document.querySelector('.video__player-area .title-name');
  const title = read.text(name?.textContent);
  if (!name || !title) return null;
  const beside = Array.from(name.parentElement?.children ?? [], (element) => (element === name ? '' : element.textContent)).join(
    ' ',
  );
  const numbers = parseSeasonEpisode(beside);
  let mediaType: Media['mediaType'];
  if (numbers) mediaType = 'TV';
  else if (kindOf(url) === 'movie') mediaType = 'MOVIE';
  return defined({ title: cleanTitle(title), mediaType, season: numbers?.season, episode: numbers?.episode });
}

const SEASON_WORD = /\s*[-–:|,]?\s*\b(?:Season|Staffel|Temporada|Saison|Stagione|Seizoen)\s+\d/iu;

/**
 * "Watch Tulsa King Season 1 Episode 3: Token Joe - Full show on Paramount Plus", "Top Gun: Maverick | Paramount+".
 * On a show's page only a season and episode make the tab usable: without them it names an episode or a clip.
 */
export function mediaFromDocumentTitle(document: Document, url: URL): Media | null {
  const kind = kindOf(url);
  const text = document.title
    .replace(/\s*(?:[|–-]\s*)?(?:Full (?:show|movie|episode)s? on |Watch on )?Paramount(?:\+|\s+Plus)\s*$/i, '')
    .replace(/^Watch\s+/i, '')
    .trim();
  if (!text || /^Paramount(?:\+|\s+Plus)$/i.test(text)) return null;
  if (kind === 'movie') {
    const year = /\s*\((\d{4})\)$/.exec(text);
    const title = cleanTitle(year ? text.slice(0, year.index) : text);
    return title ? defined({ title, year: read.year(year?.[1]), mediaType: 'MOVIE' as const }) : null;
  }
  const numbers = parseSeasonEpisode(text);
  const marker = SEASON_WORD.exec(text);
  if (kind !== 'show' || !numbers || !marker) return null;
  const show = cleanTitle(text.slice(0, marker.index));
  return show ? { title: show, mediaType: 'TV', season: numbers.season, episode: numbers.episode } : null;
}

export const paramountPlus: Connector = {
  id: 'paramount-plus',
  label: 'Paramount+',
  matches: ['https://www.paramountplus.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[3] ?? null,
  // A film's page loops a muted preview (`video.marqueeVideo`) outside the player area.
  isMainVideo: (video) => video.closest('.video__player-area') !== null && !video.classList.contains('marqueeVideo'),
  layers: [
    { name: 'json-ld', read: ({ document, url, contentId }) => mediaFromLinkedData(document, url, contentId) },
    { name: 'dom', read: ({ document, url }) => mediaFromPlayer(document, url) },
    { name: 'title', read: ({ document, url }) => mediaFromDocumentTitle(document, url) },
  ],
  sampleUrls: {
    watch: [
      'https://www.paramountplus.com/shows/catdog/video/Oe44g5_NrlgiZE3aQVONleD6vXc8kP0k/catdog-climb-every-catdog-the-canine-mutiny/',
      'https://www.paramountplus.com/shows/star-trek-prodigy/video/3htV4fvVt4Z8gDZHqlzPOGLSMgcGc_vy/star-trek-prodigy-dreamcatcher',
      'https://www.paramountplus.com/shows/video/Oe44g5_NrlgiZE3aQVONleD6vXc8kP0k/',
      'https://www.paramountplus.com/movies/zodiac/wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q/',
      'https://www.paramountplus.com/movies/video/wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q/',
      'https://www.paramountplus.com/gb/movies/video/3DcGhIoTusoQFB_YLGCtLvefraLxuZMJ/',
    ],
    notWatch: [
      'https://www.paramountplus.com/',
      'https://www.paramountplus.com/home/',
      'https://www.paramountplus.com/shows/catdog/',
      'https://www.paramountplus.com/shows/star-trek-prodigy/video/',
      'https://www.paramountplus.com/movies/',
      'https://www.paramountplus.com/movies/genre/action/',
      'https://www.paramountplus.com/movies/collections/paramount-pictures-new-releases-collection/',
      'https://www.paramountplus.com/live-tv/',
      'https://www.paramountplus.com/search/',
    ],
  },
};
