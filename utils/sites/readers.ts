import { read } from '../untrusted';
import { cleanTitle, mediaFromPlayerLines } from './episode-text';
import { schemaMedia, titleWithNumbers, typesOf } from './layers';
import type { Layer, LayerInput, LinkedNode, PlayerOptions, Reading, TabTitleOptions } from './types';

/**
 * How the shared layer shapes (layers.ts) are read. Loaded once per page, by the content runtime,
 * where a site's own script carries only its options.
 */

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

export function mediaFromPlayer(document: Document, options: PlayerOptions): Reading {
  const { title, lines } = playerLines(document, options);
  if (options.bare === 'unknown' && !lines) return title ? { title: cleanTitle(title) } : null;
  return mediaFromPlayerLines(title, lines);
}

/** Where a tab without the site's name is cut (`orLastPart`): spaced, so "Spider-Man" keeps its hyphen. */
const SPACED_SEPARATOR = /\s*\|\s*|\s+[•·–—-]\s+/g;

/** The tab's title before its last separator; nothing when it has none. */
function withoutLastPart(text: string): string {
  const last = [...text.matchAll(SPACED_SEPARATOR)].at(-1);
  return last?.index ? text.slice(0, last.index) : '';
}

/** The tab's title without the site's name around it; undefined when nothing else is left. */
export function tabTitle(document: Document, options: TabTitleOptions): string | undefined {
  const { brandAt = 'either', brandRequired = false, orLastPart = false, extra = [], separator } = options;
  let text = document.title.replace(/\s+/g, ' ').trim();
  const brand = typeof options.brand === 'function' ? options.brand(document) : options.brand;
  if (!brand && !orLastPart) return text || undefined;
  const before = brand && new RegExp(`^(?:${brand.source})(?:${separator?.source ?? '\\s*[|:•–—-]\\s*'}|$)`, 'i');
  const after = brand && new RegExp(`${separator?.source ?? '\\s*[|•–—-]\\s*'}(?:${brand.source})$`, 'i');
  if (before && brandAt === 'after' && before.test(text)) return undefined;
  const branded = Boolean(after?.test(text) || (brandAt === 'either' && before?.test(text)));
  if (brandRequired && !branded) return undefined;
  if (before && after && branded) text = text.replace(before, '').replace(after, '');
  else if (orLastPart) text = withoutLastPart(text);
  text = text.trim();
  for (const pattern of extra) text = text.replace(pattern, '').trim();
  return text || undefined;
}

async function readShape(layer: Layer, input: LayerInput): Promise<Reading> {
  if ('read' in layer) return layer.read(input);
  switch (layer.shape) {
    case 'page':
      return layer.parse(await input.pageData(), input);
    case 'json-ld': {
      const { current, types, tryNext = false, media = (node) => schemaMedia(node) } = layer.options;
      const nodes = linkedNodes(input.document, types);
      const candidates = nodes.filter((candidate) => current(candidate, input, nodes.length === 1));
      for (const node of tryNext ? candidates : candidates.slice(0, 1)) {
        const reading = media(node, input);
        if (reading) return reading;
      }
      return null;
    }
    case 'player':
      return mediaFromPlayer(input.document, layer.options);
    case 'tab': {
      const { unless, media = (text) => titleWithNumbers(text) } = layer.options;
      if (unless?.(input)) return null;
      const text = tabTitle(input.document, layer.options);
      return text ? media(text, input) : null;
    }
  }
}

/** What one layer finds, with the site's correction applied. */
export async function readLayer(layer: Layer, input: LayerInput): Promise<Reading> {
  const reading = await readShape(layer, input);
  return reading && reading !== 'other' && layer.fix ? layer.fix(reading, input) : reading;
}
