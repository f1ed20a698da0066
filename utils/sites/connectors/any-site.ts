import type { Media } from '../../media';
import { read } from '../../untrusted';
import { parseSeasonEpisode } from '../episode-text';
import {
  adjusted,
  episodeOf,
  film,
  fromLinkedData,
  fromTabTitle,
  justTitle,
  metaContent,
  nodePath,
  schemaMedia,
  typesOf,
} from '../layers';
import type { Connector, Layer, Reading } from '../types';

/** "Dark 1x05": season and episode as some sites print them, beside the forms episode-text.ts knows ("1920x1080" is not). */
const CROSSED = /(?<![\p{L}\p{N}])(\d{1,2})[x×](\d{2,3})(?![\p{L}\p{N}])/u;
const EDGES = /^[\s:,.·|–—-]+|[\s:,.·|–—-]+$/g;

function numbersIn(text: string): { season: number; episode: number; before: string; rest: string } | null {
  const known = parseSeasonEpisode(text);
  if (known) return known;
  const match = CROSSED.exec(text);
  if (!match?.[1] || !match[2]) return null;
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + match[0].length);
  return {
    season: Number(match[1]),
    episode: Number(match[2]),
    before: before.replace(EDGES, ''),
    rest: `${before} ${after}`.replace(EDGES, '').replace(/\s+/g, ' '),
  };
}

/** "Show – S02E05 – Name", "Show: Season 2, Episode 5", "Show 2x05": an episode of the show before the numbers; else just a title. */
function named(text: string | undefined, show?: string): Reading {
  if (!text) return null;
  const numbers = numbersIn(text);
  if (numbers) return episodeOf(show ?? (numbers.before || numbers.rest), numbers.season, numbers.episode);
  return justTitle(text);
}

/** "Nosferatu (1922)", "Watch Dune: Part Two (2024) Online": the title before the year in brackets, and the year. */
const YEAR_IN_TITLE = /^(.*?\S)\s*\((\d{4})\)/;

function dated(media: Media): Media {
  const match = YEAR_IN_TITLE.exec(media.title);
  const year = read.year(match?.[2]);
  if (!match?.[1] || year === undefined) return media;
  return { ...media, title: match[1], year: media.year ?? year };
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The site's own name, as `og:site_name` says it, to take off the tab's title ("… | Example Films"). */
function siteName(document: Document): RegExp | undefined {
  const name = metaContent(document, 'og:site_name');
  return name ? new RegExp(escaped(name)) : undefined;
}

const layers: Layer[] = [
  fromLinkedData({
    types: ['Movie', 'TVEpisode', 'Episode', 'VideoObject'],
    // The page's only node, one whose address is the page's, or one with no address (it describes
    // the page it is on). When one names nothing (Tubi-style: a `TVEpisode` without its show), the next.
    current: (node, { url }, only) => {
      const path = nodePath(node, url);
      return only || path === undefined || path.join('/') === url.pathname;
    },
    tryNext: true,
    media: (node) => (typesOf(node).includes('VideoObject') ? named(read.text(node.name)) : schemaMedia(node)),
  }),
  // Open Graph: `video.movie` or `video.episode` (its show in `video:series` when that is a name).
  {
    name: 'meta',
    read: ({ document }) => {
      const type = metaContent(document, 'og:type');
      const title = metaContent(document, 'og:title');
      const year = metaContent(document, 'video:release_date')?.slice(0, 4);
      if (type === 'video.movie') return film(title, year);
      if (type !== 'video.episode') return null;
      const series = metaContent(document, 'video:series');
      return named(title, series && !URL.canParse(series) ? series : undefined);
    },
  },
  // The player's own words, before the tab's; a player that puts the site's name there (alone, or
  // after the title as tabs print it) leaves the tab layer to cut it.
  {
    name: 'session',
    read: ({ document }) => {
      const metadata = globalThis.navigator?.mediaSession?.metadata;
      const title = read.text(metadata?.title);
      const site = metaContent(document, 'og:site_name');
      if (!title || (site && new RegExp(`(?:^|[|•·–—-]\\s*)${escaped(site)}$`, 'i').test(title))) return null;
      return named(title, read.text(metadata?.artist));
    },
  },
  // The tab's title, once the site's name is cut from it: the one `og:site_name` gives, or else the
  // last part after a separator ("Dune | Example Films"). A tab with nothing to cut ("Now playing",
  // the site's bare name) or that starts with the site's name (one of its own pages) names nothing.
  fromTabTitle({ brand: siteName, brandAt: 'after', orLastPart: true, media: (text) => named(text) }),
];

/** The route of a hash-routed app ("#/movie/123", "#!/watch/9"); other hashes name a place in a page. */
const ROUTE = /^#[!/]/;

/**
 * Any site the person chose, with no connector of its own: what the page says of itself, in the
 * order sites say it most reliably. Every reading is a guess until the person confirms it.
 */
export const anySite: Connector = {
  id: 'any-site',
  label: 'Sites you chose',
  matches: [],
  chosen: true,
  // Players in frames of the chosen origin (its own embed pages) run the connector too, and ask the
  // page around them what plays (utils/playback/engine.ts).
  allFrames: true,
  // The whole address: another site, path, query or hash route is another video. A player at a fixed
  // address plays many: the title joins the address in the viewing's key (utils/scrobble/viewing.ts).
  watchPage: (url) => (url.origin + url.pathname + url.search + (ROUTE.test(url.hash) ? url.hash : '')).slice(0, 200),
  // A muted video is a preview (hover, hero autoplay, background loop) until the person turns its
  // sound on; the engine looks at it again then.
  isMainVideo: (video) => !video.muted,
  layers: layers.map((layer) => adjusted(layer, dated)),
};
