import type { Media } from '../media';
import { defined, read } from '../untrusted';
import { cleanTitle, mediaFromPlayerLines, parseSeasonEpisode } from './episode-text';
import type { Layer, LayerInput, Reading } from './types';

/**
 * The shapes every connector is built from. A connector lists the layers it reads, best first,
 * each one of these configured for the site, and writes by hand only what is odd about the site.
 */

/** A film, by its title and, when known, its release year. */
export function film(title: unknown, year?: unknown): Media | null {
  const name = read.text(title);
  return name ? defined({ title: cleanTitle(name), year: read.year(year), mediaType: 'MOVIE' as const }) : null;
}

/**
 * An episode, by its show's name (never the episode's own, which would be matched as a show).
 * `pairsOnly`: numbers go only together, where one alone would be a guess.
 */
export function episodeOf(show: unknown, season?: unknown, number?: unknown, pairsOnly = false): Media | null {
  const name = read.text(show);
  if (!name) return null;
  const s = read.int(season);
  const e = read.int(number);
  const both = s !== undefined && e !== undefined;
  return defined({
    title: cleanTitle(name),
    mediaType: 'TV' as const,
    season: pairsOnly && !both ? undefined : s,
    episode: pairsOnly && !both ? undefined : e,
  });
}

/** A title and whatever season and episode it carries; no numbers leaves the type unknown. */
export function titleWithNumbers(text: string, title = text): Media | null {
  const numbers = parseSeasonEpisode(text);
  const name = cleanTitle(numbers && title === text ? numbers.rest : title);
  if (!name) return null;
  return defined({
    title: name,
    mediaType: numbers ? ('TV' as const) : undefined,
    season: numbers?.season,
    episode: numbers?.episode,
  });
}

/**
 * A self-hosted server's item is the one playing only if its runtime (seconds) is the video's, give
 * or take 10 %: the server may describe another session's item, or a trailer played before it.
 */
export function sameRuntime(seconds: unknown, video: HTMLVideoElement | undefined): boolean {
  const positive = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);
  const item = positive(seconds);
  const playing = positive(video?.duration);
  return item === undefined || playing === undefined || Math.abs(playing - item) <= item * 0.1;
}

/** Just a title, of no known type: where a tab or a line names a show or a film but never says which. */
export function justTitle(text: string): Media | null {
  const title = cleanTitle(text);
  return title ? { title } : null;
}

/** Layer 'page': the site's own data, handed over by its page-world script (asked once per identification). */
export function fromPageData(parse: (data: unknown, input: LayerInput) => Reading): Layer {
  return { name: 'page', read: async (input) => parse(await input.pageData(), input) };
}

// --- JSON-LD ---------------------------------------------------------------------------------

export type LinkedNode = Record<string, unknown>;

export const typesOf = (node: LinkedNode): unknown[] => [node['@type']].flat();
const FILM_OR_EPISODE = ['Movie', 'TVEpisode', 'Episode'];

/** The page's JSON-LD nodes of `types`: at the top of a block, in an array or in `@graph`. */
export function linkedNodes(document: Document, types: readonly string[] = FILM_OR_EPISODE): LinkedNode[] {
  const nodes: LinkedNode[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const roots = (Array.isArray(parsed) ? parsed : [parsed]).map(read.record);
    for (const node of roots.flatMap((root) => [root, ...read.array(root?.['@graph']).map(read.record)])) {
      if (node && typesOf(node).some((type) => typeof type === 'string' && types.includes(type))) nodes.push(node);
    }
  }
  return nodes;
}

/** The path segments of a node's `url` (or `@id`), resolved against the page. */
export function nodePath(node: LinkedNode, base: URL): string[] | undefined {
  const url = read.text(node.url) ?? read.text(node['@id']);
  return url && URL.canParse(url, base) ? new URL(url, base).pathname.split('/') : undefined;
}

/**
 * A schema.org `Movie` (its `name`, the year of `datePublished`) or episode (`partOfSeries.name`,
 * `partOfSeason.seasonNumber` or a bare number, `episodeNumber`). An episode's `name` is its own.
 */
export function schemaMedia(node: LinkedNode, filmYear = true): Media | null {
  if (typesOf(node).includes('Movie')) return film(node.name, filmYear ? read.text(node.datePublished)?.slice(0, 4) : undefined);
  const season = node.partOfSeason;
  return episodeOf(
    read.record(node.partOfSeries)?.name,
    read.int(read.record(season)?.seasonNumber) ?? read.int(season),
    node.episodeNumber,
  );
}

export interface LinkedDataOptions {
  /** This node describes what plays now, not a page left behind by the single-page app. `only`: it is the page's one candidate. */
  current: (node: LinkedNode, input: LayerInput, only: boolean) => boolean;
  /** The node as media; schemaMedia by default. */
  media?: (node: LinkedNode, input: LayerInput) => Reading;
}

/** Layer 'json-ld': the first film or episode node that is the current item. */
export function fromLinkedData({ current, media = (node) => schemaMedia(node) }: LinkedDataOptions): Layer {
  return {
    name: 'json-ld',
    read: (input) => {
      const nodes = linkedNodes(input.document);
      const node = nodes.find((candidate) => current(candidate, input, nodes.length === 1));
      return node ? media(node, input) : null;
    },
  };
}

/** A `<meta name|property>`'s content. */
export const metaContent = (document: Document, key: string): string | undefined =>
  read.text(document.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.getAttribute('content'));

// --- the player's own lines ------------------------------------------------------------------

export interface PlayerOptions {
  /** The player's box: a selector (the whole document while no such box is there), or a function (none found: nothing read). */
  scope?: string | ((document: Document) => Element | null | undefined);
  /** The show's or film's name. */
  title: string;
  /** The line(s) beside it that number an episode; their texts are read together. */
  lines?: string;
  /** What no line means: 'film' where only episodes get one (the default), 'unknown' where films get one too. */
  bare?: 'film' | 'unknown';
}

/** The player's text lines, in its box: the title and the line(s) beside it. */
export function playerLines(document: Document, { scope, title, lines }: PlayerOptions): { title?: string; lines?: string } {
  const box = typeof scope === 'function' ? scope(document) : ((scope && document.querySelector(scope)) ?? document);
  if (!box) return {};
  const name = read.text(box.querySelector(title)?.textContent);
  // Some titles repeat their name on the second line: that is no episode line.
  const beside = lines
    ? Array.from(box.querySelectorAll(lines), (line) => read.text(line.textContent))
        .filter((line) => line && line !== name)
        .join(' ')
    : '';
  return { title: name, lines: beside || undefined };
}

/** Layer 'dom': the player's title and the "S1:E3" line beside it. */
export function fromPlayer(options: PlayerOptions): Layer {
  return { name: 'dom', read: ({ document }) => mediaFromPlayer(document, options) };
}

export function mediaFromPlayer(document: Document, options: PlayerOptions): Media | null {
  const { title, lines } = playerLines(document, options);
  if (options.bare === 'unknown' && !lines) return title ? { title: cleanTitle(title) } : null;
  return mediaFromPlayerLines(title, lines);
}

// --- the tab's title -------------------------------------------------------------------------

export interface TabTitleOptions {
  /** The site's name as tabs print it beside the title: /Netflix/, /(?:HBO\s+)?Max/. */
  brand: RegExp;
  /** 'after': the name only ever follows the title, and a tab that starts with it names no title. */
  brandAt?: 'after' | 'either';
  /** A tab without the site's name is some other page's (the site's own always has it). */
  brandRequired?: boolean;
  /** What stands between the title and the site's name, where the site's own tabs use only one (" - "). */
  separator?: RegExp;
  /** More the tab wraps around the title ("Watch ", " - Watch Online"), removed after the site's name. */
  extra?: RegExp[];
  /** The tab can name an episode's own name here (an episode marker is on the page): nothing to read. */
  unless?: (input: LayerInput) => boolean;
  /** The title as media: by default, "Show S1:E3" or just a title, of no known type. */
  media?: (text: string, input: LayerInput) => Reading;
}

/** The tab's title without the site's name around it; undefined when nothing else is left. */
export function tabTitle(document: Document, options: TabTitleOptions): string | undefined {
  const { brand, brandAt = 'either', brandRequired = false, extra = [], separator } = options;
  let text = document.title.replace(/\s+/g, ' ').trim();
  const before = new RegExp(`^(?:${brand.source})(?:${separator?.source ?? '\\s*[|:•–—-]\\s*'}|$)`, 'i');
  const after = new RegExp(`${separator?.source ?? '\\s*[|•–—-]\\s*'}(?:${brand.source})$`, 'i');
  if (brandAt === 'after' && before.test(text)) return undefined;
  const branded = after.test(text) || (brandAt === 'either' && before.test(text));
  if (brandRequired && !branded) return undefined;
  text = text.replace(before, '').replace(after, '').trim();
  for (const pattern of extra) text = text.replace(pattern, '').trim();
  return text || undefined;
}

/** Layer 'title': the tab's title. */
export function fromTabTitle(options: TabTitleOptions): Layer {
  const { unless, media = (text) => titleWithNumbers(text) } = options;
  return {
    name: 'title',
    read: (input) => {
      if (unless?.(input)) return null;
      const text = tabTitle(input.document, options);
      return text ? media(text, input) : null;
    },
  };
}

/** A layer whose reading is then corrected for a site's oddity (Hulu's running episode numbers). */
export function adjusted(layer: Layer, fix: (media: Media, input: LayerInput) => Reading): Layer {
  return {
    name: layer.name,
    read: async (input) => {
      const reading = await layer.read(input);
      return reading && reading !== 'other' ? fix(reading, input) : reading;
    },
  };
}
