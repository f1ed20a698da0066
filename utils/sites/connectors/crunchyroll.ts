import { read } from '../../untrusted';
import { cleanTitle } from '../episode-text';
import { fromLinkedData, fromPageData, type LinkedNode, nodePath, typesOf } from '../layers';
import type { Connector, Reading } from '../types';

const GENERIC = /^(?:movies?|films?|season \d+)$/i;
const WATCH = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?watch\/([A-Z0-9]{6,20})(?:\/|$)/;

/** "…-season-2", "Season 3", "Staffel 2", "Saison 1"; OVA seasons are season 0, as UTS maps them. */
function seasonFromLabel(label: string | undefined): number | undefined {
  const numbered = /(?:^|[\s-])(?:season|staffel|temporada|saison|stagione)[\s-](\d{1,3})(?:$|[\s-])/iu.exec(label ?? '');
  if (numbered?.[1]) return Number(numbered[1]);
  return /(?:^|[\s-])ovas?(?:$|[\s-])/i.test(label ?? '') ? 0 : undefined;
}

/**
 * Seasons here are Crunchyroll's own (One Piece's arcs are "seasons": its tenth is Thriller Bark), and
 * episode numbers often run on across seasons (Re:ZERO's third season carries episode 66). Only in a
 * first season do absolute and in-season numbers agree, so numbers go out only there; elsewhere the
 * show alone is sent and ReelRifter advances it. A film is filed as an episode too (no number, or
 * "movie" in its season): then the most specific name that is not a placeholder is the film's.
 */
function reading(series: unknown, labels: (string | undefined)[], numbers: [unknown, unknown], film: unknown[] | false): Reading {
  if (film) {
    const title = film.map((value) => cleanTitle(read.text(value) ?? '')).find((text) => text && !GENERIC.test(text));
    return title ? { title, mediaType: 'MOVIE' } : null;
  }
  const name = read.text(series);
  if (!name) return null;
  const season = labels.map(seasonFromLabel).find((n) => n !== undefined) ?? read.int(numbers[0]);
  const episode = read.int(numbers[1]);
  return season === 1 && episode !== undefined
    ? { title: cleanTitle(name), mediaType: 'TV', season, episode }
    : { title: cleanTitle(name), mediaType: 'TV' };
}

/**
 * The catalogue's answer (`/content/v2/cms/objects/<id>`, from crunchyroll.page.ts) for the watch
 * id: an `episode` with its `episode_metadata`, or a `movie`.
 */
export function mediaFromObjects(data: unknown, contentId: string): Reading {
  const item = read
    .array(read.record(data)?.data)
    .map(read.record)
    .find((entry) => read.id(entry?.id) === contentId);
  if (item?.type === 'movie')
    return reading(undefined, [], [undefined, undefined], [read.record(item.movie_metadata)?.movie_listing_title, item.title]);
  const meta = read.record(item?.episode_metadata);
  if (item?.type !== 'episode' || !meta) return null;
  const slug = read.text(meta.season_slug_title);
  const film = meta.episode_number === null || /(?:^|-)movies?(?:-|$)/i.test(slug ?? '');
  return reading(
    meta.series_title,
    [slug, read.text(meta.season_title)],
    [meta.season_number, meta.episode_number],
    film && [meta.season_title, item.title, meta.series_title],
  );
}

/** JSON-LD in `<head>`: `partOfSeries.name`, `partOfSeason.{name, seasonNumber}`, `episodeNumber`; a film's `name`. */
function mediaFromNode(node: LinkedNode): Reading {
  if (typesOf(node).includes('Movie')) return reading(undefined, [], [undefined, undefined], [node.name]);
  const season = read.record(node.partOfSeason);
  const seasonName = read.text(season?.name);
  const series = read.record(node.partOfSeries)?.name;
  const film = seasonName !== undefined && /\bmovie\b/i.test(seasonName);
  return reading(series, [seasonName], [season?.seasonNumber, node.episodeNumber], film && [seasonName, node.name, series]);
}

/**
 * The block under the player: the series in `.show-title-link h4`, the episode in `h1.title` ("E9 -
 * Aura the Guillotine"). The "E9" names no season, so it only says this is an episode.
 */
export function mediaFromMediaInfo(document: Document): Reading {
  const info = document.querySelector('.erc-current-media-info');
  const series = read.text(info?.querySelector('.show-title-link h4, [data-t="show-title-link"] h4')?.textContent);
  if (!series) return null;
  const heading = read.text(info?.querySelector('h1')?.textContent) ?? '';
  return /^E\d+(?:\.\d+)?\s+[-–]/.test(heading) ? { title: cleanTitle(series), mediaType: 'TV' } : { title: cleanTitle(series) };
}

/**
 * The player sits in the page or in a static.crunchyroll.com frame, whose URL names nothing: the
 * engine asks the watch page around it (through the background) what plays. Tab titles are left
 * out: they glue Crunchyroll's season name (an arc such as "Thriller Bark (337-381)", or just
 * "Season 1") to the episode's, never the show.
 */
export const crunchyroll: Connector = {
  id: 'crunchyroll',
  label: 'Crunchyroll',
  matches: ['https://www.crunchyroll.com/*', 'https://static.crunchyroll.com/*'],
  allFrames: true,
  watchPage: (url) => (url.hostname === 'www.crunchyroll.com' ? (WATCH.exec(url.pathname)?.[1] ?? null) : null),
  // The in-page player (`#player-container`, Bitmovin's `bitmovinplayer-video-…`) or the player in
  // the static.crunchyroll.com frame (`#player0`); promos and upsell loops are not.
  isMainVideo: (video) =>
    video.closest('#player-container, #vilosRoot') !== null ||
    video.id.startsWith('bitmovinplayer-video') ||
    (video.ownerDocument.location?.hostname === 'static.crunchyroll.com' && video.id === 'player0'),
  pageScript: '/crunchyroll-page.js',
  layers: [
    fromPageData((data, { contentId }) => mediaFromObjects(data, contentId)),
    fromLinkedData({
      // One whose URL names another watch id is a previous page's.
      current: (node, { url, contentId }) => {
        const path = nodePath(node, url);
        const watchId = path ? WATCH.exec(path.join('/'))?.[1] : undefined;
        return watchId === undefined || watchId === contentId;
      },
      media: mediaFromNode,
    }),
    { name: 'dom', read: ({ document }) => mediaFromMediaInfo(document) },
  ],
};
