import type { Media } from '../media';
import { defined, read } from '../untrusted';
import { cleanTitle, parseSeasonEpisode } from './episode-text';
import type { Layer, LayerInput, LinkedDataOptions, LinkedNode, PlayerOptions, Reading, TabTitleOptions } from './types';

/**
 * The shapes every connector is built from. A connector lists the layers it reads, best first,
 * each one of these configured for the site, and writes by hand only what is odd about the site.
 * The builders only record the site's options: the content runtime reads them (readers.ts), so
 * the reading code is loaded once on a page, not once in every site's script.
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

/** An address's slug as a title ("mr.-robot" → "Mr. Robot"), where the address is all a layer has. */
export function fromSlug(slug: string): string {
  return slug.replace(/-/g, ' ').replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

/** Just a title, of no known type: where a tab or a line names a show or a film but never says which. */
export function justTitle(text: string): Media | null {
  const title = cleanTitle(text);
  return title ? { title } : null;
}

/** Layer 'page': the site's own data, handed over by its page-world script (asked once per identification). */
export function fromPageData(parse: (data: unknown, input: LayerInput) => Reading): Layer {
  return { name: 'page', shape: 'page', parse };
}

/**
 * The profile a page-world script handed back beside what plays (`{ profile: { name, kids } }`),
 * for a connector's `profile`; identify.ts bounds and cleans the name.
 */
export async function profileFromPageData({ pageData }: LayerInput): Promise<{ name: string; kids: boolean } | null> {
  const profile = read.record(read.record(await pageData())?.profile);
  return typeof profile?.name === 'string' ? { name: profile.name, kids: profile.kids === true } : null;
}

// --- JSON-LD ---------------------------------------------------------------------------------

export type { LinkedNode };

export const typesOf = (node: LinkedNode): unknown[] => [node['@type']].flat();

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

/** Layer 'json-ld': the first film or episode node that is the current item. */
export function fromLinkedData(options: LinkedDataOptions): Layer {
  return { name: 'json-ld', shape: 'json-ld', options };
}

/** A `<meta name|property>`'s content. */
export const metaContent = (document: Document, key: string): string | undefined =>
  read.text(document.querySelector(`meta[name="${key}"], meta[property="${key}"]`)?.getAttribute('content'));

// --- the player's own lines ------------------------------------------------------------------

/** Layer 'dom': the player's title and the "S1:E3" line beside it. */
export function fromPlayer(options: PlayerOptions): Layer {
  return { name: 'dom', shape: 'player', options };
}

// --- the tab's title -------------------------------------------------------------------------

/** Layer 'title': the tab's title. */
export function fromTabTitle(options: TabTitleOptions): Layer {
  return { name: 'title', shape: 'tab', options };
}

/** A layer whose reading is then corrected for a site's oddity (Hulu's running episode numbers). */
export function adjusted(layer: Layer, fix: NonNullable<Layer['fix']>): Layer {
  return { ...layer, fix };
}
