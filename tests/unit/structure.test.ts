import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape of utils/: it follows the flow (page → tracker → reports → outbox → API → log → UI), so
 * nothing in it reaches up into the pages or the entrypoints, and no two of its parts lean on each
 * other. A part is a folder of utils/ (sites, playback, scrobble…) or a file at its top (media.ts).
 */
const root = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(resolve(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file imports, as a path from the repository root (packages left out). */
function importsOf(file: string): string[] {
  const source = readFileSync(resolve(root, file), 'utf8');
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*)'([^']+)'/g)].map((m) => m[1] ?? '');
  return specifiers.flatMap((specifier) => {
    if (specifier.startsWith('@/')) return [normalize(specifier.slice(2))];
    if (specifier.startsWith('.')) return [normalize(join(dirname(file), specifier))];
    return [];
  });
}

const partOf = (path: string) =>
  relative('utils', path)
    .split('/')[0]
    ?.replace(/\.tsx?$/, '') ?? path;

const utilsFiles = filesUnder('utils');
const edges = new Map<string, Set<string>>();
for (const file of utilsFiles) {
  for (const target of importsOf(file).filter((path) => path.startsWith('utils/'))) {
    const from = partOf(file);
    const to = partOf(target);
    if (from !== to) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
  }
}

/** A cycle among the parts, as a path that comes back to where it began; null when there is none. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('utils/', () => {
  it('imports nothing from components/ or entrypoints/', () => {
    const upward = utilsFiles.flatMap((file) =>
      importsOf(file)
        .filter((path) => path.startsWith('components/') || path.startsWith('entrypoints/'))
        .map((path) => `${file} → ${path}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no two parts that import each other, directly or round about', () => {
    expect(findCycle(edges)).toBeNull();
  });

  it('keeps the content scripts’ side free of zod and of the background’s modules', () => {
    // What a watch page loads: the playback engine and the sites' connectors.
    const contentSide = utilsFiles.filter((file) => /^utils\/(playback|sites\/connectors)\//.test(file));
    const heavy = contentSide.flatMap((file) => {
      const source = readFileSync(resolve(root, file), 'utf8');
      const reachesBackground = importsOf(file).filter((path) =>
        /^utils\/(store|scrobble\/(?!decisions)|background|account|model\/schemas|protocol\/schemas)/.test(path),
      );
      return [...(/from 'zod'/.test(source) ? [`${file} → zod`] : []), ...reachesBackground.map((path) => `${file} → ${path}`)];
    });
    expect(heavy).toEqual([]);
  });

  it('keeps the records below the protocol: utils/model/ imports no message, store or background module', () => {
    const upward = filesUnder('utils/model').flatMap((file) =>
      importsOf(file)
        .filter((path) => path.startsWith('utils/') && !path.startsWith('utils/model/') && path !== 'utils/media')
        .map((path) => `${file} → ${path}`),
    );
    expect(upward).toEqual([]);
    expect(filesUnder('utils/model').length).toBeGreaterThan(0);
  });

  it('has no two protocol files that import each other, directly or round about', () => {
    const files = filesUnder('utils/protocol').map((file) => file.replace(/\.tsx?$/, ''));
    const graph = new Map(files.map((file) => [file, new Set(importsOf(`${file}.ts`).filter((path) => files.includes(path)))]));
    expect(graph.size).toBeGreaterThan(2);
    expect(findCycle(graph)).toBeNull();
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', new Set(['b'])]]))).toBeNull();
  });
});
