import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The flow, stated: each part of the extension (a folder, or a group of files) and the parts it may
 * import. Data moves down (page → tracker → reports → outbox → API → log → pages), so nothing reaches
 * up, and no two parts lean on each other. Then what the scripts really load: from each script a web
 * page runs and from each extension page, every module reachable through its imports, checked for
 * what must never be there.
 */
const root = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(resolve(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const isFile = (path: string) => existsSync(resolve(root, path)) && statSync(resolve(root, path)).isFile();

/** A module as it is on disk: the path itself, with `.ts`/`.tsx`, or its folder's index. */
function fileOf(path: string): string {
  return [path, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`].find(isFile) ?? path;
}

interface Import {
  /** A path from the repository root, or a package's name. */
  module: string;
  isPackage: boolean;
  /** `import type`: erased when built, so nothing is loaded. */
  typeOnly: boolean;
}

const STATIC_IMPORT = /^[ \t]*(?:import|export)\s+(type\s+)?(?:[\w$*\s,]*(?:\{[^}]*\})?[\w$*\s,]*\bfrom\s*)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
const importCache = new Map<string, Import[]>();

/** Every module a file imports (and re-exports), resolved the way the build resolves `@/` and relative paths. */
function importsOf(file: string): Import[] {
  const cached = importCache.get(file);
  if (cached) return cached;
  const source = readFileSync(resolve(root, file), 'utf8');
  const found = [
    ...[...source.matchAll(STATIC_IMPORT)].map((m) => ({ specifier: m[2] ?? '', typeOnly: m[1] !== undefined })),
    ...[...source.matchAll(DYNAMIC_IMPORT)].map((m) => ({ specifier: m[1] ?? '', typeOnly: file.endsWith('.d.ts') })),
  ];
  const imports = found.map(({ specifier, typeOnly }): Import => {
    if (specifier.startsWith('@/')) return { module: fileOf(normalize(specifier.slice(2))), isPackage: false, typeOnly };
    if (specifier.startsWith('.'))
      return { module: fileOf(normalize(join(dirname(file), specifier))), isPackage: false, typeOnly };
    return { module: specifier, isPackage: true, typeOnly };
  });
  importCache.set(file, imports);
  return imports;
}

interface Part {
  /** The files that make the part, when it is not simply the folder or file it is named after. */
  files?: RegExp;
  /** The parts it may import, or narrower: one folder or file of a part. Its own files it always may. */
  may: readonly string[];
}

/**
 * The flow. Packages are not listed here; what must never be loaded where is checked below
 * (`NOT_IN_WEB_PAGES`, `NOT_IN_EXTENSION_PAGES`).
 */
const FLOW: Record<string, Part> = {
  // The ground: small helpers every side may use, resting on nothing of ours.
  'utils/media.ts': { may: [] },
  'utils/untrusted.ts': { may: [] },
  'utils/serial.ts': { may: [] },
  'utils/origins.ts': { may: [] },
  'utils/permissions.ts': { may: [] },
  'utils/i18n.ts': { may: ['public/_locales/en/messages.json'] },
  // The records below the protocol; the one HTTP reader; the messages, which carry the records.
  'utils/model': { may: ['utils/media.ts', 'utils/i18n.ts'] },
  'utils/http.ts': { may: ['utils/media.ts', 'utils/model'] },
  'utils/protocol': { may: ['utils/media.ts', 'utils/model', 'utils/untrusted.ts'] },
  // The sites: connectors (run on watch pages) and what the background knows of them.
  'utils/sites': {
    may: ['utils/media.ts', 'utils/untrusted.ts', 'utils/serial.ts', 'utils/origins.ts', 'utils/model', 'utils/store'],
  },
  // The content-script side: the engine, the tracker, the bridge to the page's world.
  'utils/playback': {
    may: [
      'utils/media.ts',
      'utils/untrusted.ts',
      'utils/model',
      'utils/protocol/content.ts',
      'utils/sites',
      // The shortest video that counts: a pure constant of the decisions, which load nothing.
      'utils/scrobble/decisions.ts',
    ],
  },
  // The background's own: what is kept, the API client, the account, the scrobbles, the import,
  // and what the worker shows and answers.
  'utils/store': { may: ['utils/media.ts', 'utils/origins.ts', 'utils/model'] },
  'utils/reelrifter': { may: ['utils/http.ts'] },
  'utils/account': {
    may: ['utils/origins.ts', 'utils/serial.ts', 'utils/model', 'utils/http.ts', 'utils/store', 'utils/reelrifter'],
  },
  'utils/scrobble': {
    may: [
      'utils/media.ts',
      'utils/untrusted.ts',
      'utils/serial.ts',
      'utils/model',
      'utils/http.ts',
      'utils/protocol/content.ts',
      'utils/sites',
      'utils/store',
      'utils/reelrifter',
      'utils/account',
    ],
  },
  // The export files' readers: the import page loads them (files never leave the browser), so no zod.
  'utils/import/files': { may: ['utils/media.ts', 'utils/model'] },
  'utils/import': {
    files: /^utils\/import\/(?!files\/)/,
    may: [
      'utils/import/files',
      'utils/media.ts',
      'utils/origins.ts',
      'utils/serial.ts',
      'utils/i18n.ts',
      'utils/model',
      'utils/http.ts',
      'utils/store',
      'utils/reelrifter',
      'utils/account',
      'utils/scrobble',
    ],
  },
  'utils/background': {
    may: [
      'utils/media.ts',
      'utils/origins.ts',
      'utils/serial.ts',
      'utils/permissions.ts',
      'utils/i18n.ts',
      'utils/model',
      'utils/protocol',
      'utils/sites',
      'utils/store',
      'utils/account',
      'utils/scrobble',
      'utils/import',
    ],
  },
  // The extension's pages: the hooks are their one way to the background (messages); shared
  // pieces; a folder per page. None of them imports the background's modules.
  'components/hooks': { may: ['utils/model', 'utils/protocol/pages.ts'] },
  'components/shared': { may: ['utils/media.ts', 'utils/i18n.ts', 'utils/model', 'components/hooks'] },
  'components/popup': {
    may: ['utils/media.ts', 'utils/origins.ts', 'utils/i18n.ts', 'utils/model', 'components/hooks', 'components/shared'],
  },
  'components/options': {
    may: ['utils/origins.ts', 'utils/permissions.ts', 'utils/i18n.ts', 'utils/model', 'components/hooks', 'components/shared'],
  },
  'components/import': {
    may: [
      'utils/media.ts',
      'utils/origins.ts',
      'utils/i18n.ts',
      'utils/model',
      'utils/import/files',
      'components/hooks',
      'components/shared',
    ],
  },
  // Entrypoints, thin: each hands over to its part.
  'entrypoints/background.ts': {
    may: ['utils/protocol', 'utils/sites', 'utils/store', 'utils/scrobble', 'utils/import', 'utils/background'],
  },
  'content scripts': {
    files: /^entrypoints\/(content-runtime|[\w-]+-content)\.ts$/,
    may: ['utils/playback', 'utils/sites/connectors'],
  },
  'page-world scripts': { files: /^entrypoints\/[\w-]+-page\.ts$/, may: ['utils/sites/connectors'] },
  // The import's link and progress, which the popup and the options page show.
  'entrypoints/popup': {
    // Its folder, and the classic script that paints its last view before the folder's modules load.
    files: /^entrypoints\/popup(\/|-last-view\.ts$)/,
    may: ['utils/i18n.ts', 'components/hooks', 'components/shared', 'components/popup', 'components/import/ImportLink.tsx'],
  },
  'entrypoints/options': {
    may: ['utils/i18n.ts', 'components/hooks', 'components/shared', 'components/options', 'components/import/ImportLink.tsx'],
  },
  'entrypoints/import': { may: ['components/shared', 'components/import'] },
};

/**
 * Imports that go against the flow, each named here until it is fixed (then the test asks for its
 * line to go). Nothing else may.
 */
const AGAINST_THE_FLOW = [
  // The watchlist and history the messages carry are the API client's types, not records of
  // utils/model/ (types only: nothing of the client is loaded).
  'utils/protocol/pages.ts → utils/reelrifter/schemas.ts',
  'components/popup/AccountLists.tsx → utils/reelrifter/schemas.ts',
];

const within = (path: string, place: string) => path === place || path.startsWith(`${place}/`);

/** The parts a path is in: one, for every file of ours. */
const partsOf = (path: string) =>
  Object.entries(FLOW).flatMap(([name, part]) => ((part.files ? part.files.test(path) : within(path, name)) ? [name] : []));
const partOf = (path: string): string | undefined => partsOf(path)[0];

const sourceFiles = ['utils', 'components', 'entrypoints'].flatMap(filesUnder);
const edgeName = (file: string, module: string) => `${file} → ${module}`;
const known = new Set(AGAINST_THE_FLOW);

/** Every import of ours (packages left out), as file → module. */
const edges = sourceFiles.flatMap((file) =>
  importsOf(file)
    .filter((i) => !i.isPackage)
    .map((i) => ({ file, module: i.module, typeOnly: i.typeOnly })),
);

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

describe('the flow', () => {
  it('has every file in exactly one part, and every part has files', () => {
    const notInOne = sourceFiles.filter((file) => partsOf(file).length !== 1);
    expect(notInOne.map((file) => `${file}: ${partsOf(file).join(', ') || 'no part'}`)).toEqual([]);
    const empty = Object.keys(FLOW).filter((name) => !sourceFiles.some((file) => partOf(file) === name));
    expect(empty).toEqual([]);
  });

  it('names only what exists, and no part lists itself', () => {
    const listed = Object.entries(FLOW).flatMap(([name, part]) => part.may.map((target) => ({ name, target })));
    const named = (list: typeof listed) => list.map(({ name, target }) => `${name}: ${target}`);
    expect(named(listed.filter(({ target }) => !existsSync(resolve(root, target))))).toEqual([]);
    expect(named(listed.filter(({ name, target }) => partOf(target) === name))).toEqual([]);
  });

  it('goes one way: no part may import, even round about, a part that may import it', () => {
    const graph = new Map(
      Object.entries(FLOW).map(([name, part]) => [name, new Set(part.may.flatMap((target) => partOf(target) ?? []))]),
    );
    expect(findCycle(graph)).toBeNull();
  });

  it('is kept: each file imports only its own part and the parts on its list', () => {
    const outside = edges.flatMap(({ file, module }) => {
      const part = partOf(file) as string;
      const may = FLOW[part]?.may ?? [];
      if (partOf(module) === part || may.some((target) => within(module, target)) || known.has(edgeName(file, module))) return [];
      return [`${edgeName(file, module)} (${part} may import ${may.join(', ') || 'nothing of ours'})`];
    });
    expect(outside).toEqual([]);
  });

  it('names each import against the flow only while it is there', () => {
    const present = new Set(edges.map(({ file, module }) => edgeName(file, module)));
    expect(AGAINST_THE_FLOW.filter((edge) => !present.has(edge))).toEqual([]);
  });
});

describe('utils/', () => {
  const utilsFiles = sourceFiles.filter((file) => file.startsWith('utils/'));

  it('imports nothing from components/ or entrypoints/', () => {
    const upward = utilsFiles.flatMap((file) =>
      importsOf(file)
        .filter((i) => i.module.startsWith('components/') || i.module.startsWith('entrypoints/'))
        .map((i) => edgeName(file, i.module)),
    );
    expect(upward).toEqual([]);
  });

  it('has no two parts that import each other, directly or round about', () => {
    const graph = new Map<string, Set<string>>();
    for (const { file, module } of edges.filter((edge) => edge.file.startsWith('utils/') && edge.module.startsWith('utils/'))) {
      const from = partOf(file) as string;
      const to = partOf(module);
      if (to && from !== to) graph.set(from, new Set([...(graph.get(from) ?? []), to]));
    }
    expect(graph.size).toBeGreaterThan(5);
    expect(findCycle(graph)).toBeNull();
  });

  it('has no two protocol files that import each other, directly or round about', () => {
    const files = filesUnder('utils/protocol');
    const graph = new Map(
      files.map((file) => [file, new Set(importsOf(file).flatMap((i) => (files.includes(i.module) ? [i.module] : [])))]),
    );
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

/** The modules that open the `secrets` store (the ReelRifter token, the import's keys). */
const tokenHolders = sourceFiles.filter((file) => /\(\s*'secrets'/.test(readFileSync(resolve(root, file), 'utf8')));

/**
 * Everything a script loads, starting from `entry`: each module with the chain of imports that
 * brought it in. An import of types only loads nothing; one on AGAINST_THE_FLOW is not followed
 * (it is named there already).
 */
function loadedBy(entry: string): Map<string, string[]> {
  const loaded = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const chain = loaded.get(file) ?? [];
    for (const i of importsOf(file)) {
      if (i.typeOnly || known.has(edgeName(file, i.module)) || loaded.has(i.module)) continue;
      loaded.set(i.module, [...chain, i.module]);
      if (!i.isPackage && /\.tsx?$/.test(i.module)) queue.push(i.module);
    }
  }
  return loaded;
}

/** What of `banned` (packages, folders or files) each entry loads, with the chain that loads it. */
function bannedLoads(entries: readonly string[], banned: readonly string[], allowed: readonly string[] = []): string[] {
  return entries.flatMap((entry) =>
    [...loadedBy(entry)].flatMap(([module, chain]) =>
      banned.some((place) => within(module, place)) && !allowed.some((place) => within(module, place)) ? [chain.join(' → ')] : [],
    ),
  );
}

describe('what the scripts really load', () => {
  const extensionPages = readdirSync(resolve(root, 'entrypoints'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isFile(`entrypoints/${entry.name}/index.html`))
    .map((entry) => entry.name);
  /** Each extension page's own files: its folder, and any script of its part beside it (the popup's last view). */
  const pageEntries = filesUnder('entrypoints').filter((file) =>
    extensionPages.some((page) => partOf(file) === `entrypoints/${page}`),
  );
  /** Every script the extension puts into web pages: WXT's unlisted scripts, but for those an extension page loads. */
  const webPageScripts = filesUnder('entrypoints').filter(
    (file) => /\bdefineUnlistedScript\b/.test(readFileSync(resolve(root, file), 'utf8')) && !pageEntries.includes(file),
  );
  const contentScripts = webPageScripts.filter((file) => partOf(file) === 'content scripts');
  const pageWorldScripts = webPageScripts.filter((file) => partOf(file) === 'page-world scripts');

  /**
   * What a web page's scripts never load: zod, IndexedDB, the polyfill (they call the browser's own
   * API), the background's modules, the one HTTP reader, the import, and anything holding a token.
   */
  const NOT_IN_WEB_PAGES = [
    'zod',
    'idb',
    'wxt/browser',
    'webextension-polyfill',
    'utils/store',
    'utils/account',
    'utils/reelrifter',
    'utils/import',
    'utils/http.ts',
    'utils/background',
    'utils/scrobble',
    'utils/model/schemas.ts',
    'utils/protocol/schemas.ts',
    'utils/protocol/pages.ts',
    ...tokenHolders,
  ];

  /**
   * What the extension's pages never load: they ask the background, through messages only. Of the
   * import they load the sources' declarations and their addresses, nothing that reads or keeps.
   */
  const NOT_IN_EXTENSION_PAGES = [
    'idb',
    'utils/store',
    'utils/account',
    'utils/scrobble',
    'utils/reelrifter',
    'utils/background',
    'utils/import',
    'utils/http.ts',
    'zod',
    'utils/model/schemas.ts',
    'utils/protocol/schemas.ts',
    ...tokenHolders,
  ];

  it('finds every script, page and holder of a token it checks', () => {
    expect(contentScripts).toContain('entrypoints/content-runtime.ts');
    expect(contentScripts.length).toBeGreaterThan(10);
    expect(pageWorldScripts.length).toBeGreaterThan(5);
    expect(webPageScripts.filter((file) => !contentScripts.includes(file) && !pageWorldScripts.includes(file))).toEqual([]);
    expect(extensionPages.sort()).toEqual(['import', 'options', 'popup']);
    expect(pageEntries).toContain('entrypoints/popup-last-view.ts');
    expect(tokenHolders).toContain('utils/store/db.ts');
  });

  it('loads every connector and the whole content side from some web page script', () => {
    const loaded = new Set([...contentScripts, ...pageWorldScripts].flatMap((entry) => [...loadedBy(entry).keys()]));
    const content = sourceFiles.filter((file) => /^utils\/(playback|sites\/connectors)\//.test(file));
    expect(content.filter((file) => !loaded.has(file))).toEqual([]);
  });

  it('keeps the content scripts free of zod, storage, the network and the background', () => {
    expect(bannedLoads(contentScripts, NOT_IN_WEB_PAGES, ['utils/scrobble/decisions.ts'])).toEqual([]);
  });

  it('keeps the page-world halves to the page: no extension API, no messages, nothing of the background', () => {
    expect(bannedLoads(pageWorldScripts, [...NOT_IN_WEB_PAGES, 'utils/playback', 'utils/protocol'])).toEqual([]);
  });

  it('keeps the popup, the options page and the import page to messages: no store, account, scrobble, API client, import sources or zod', () => {
    // The import page reads export files itself (they are never uploaded): their readers, and nothing else of the import.
    expect(bannedLoads(pageEntries, NOT_IN_EXTENSION_PAGES, ['utils/import/files'])).toEqual([]);
  });

  it('loads the export files’ readers only in the import page', () => {
    const others = pageEntries.filter((entry) => !entry.startsWith('entrypoints/import/'));
    expect(others.length).toBeGreaterThan(1);
    expect(bannedLoads(others, ['utils/import/files', 'papaparse', 'fflate'])).toEqual([]);
    const importPage = pageEntries.filter((entry) => entry.startsWith('entrypoints/import/'));
    expect(importPage.flatMap((entry) => [...loadedBy(entry).keys()])).toEqual(expect.arrayContaining(['papaparse', 'fflate']));
  });

  it('sees a banned module however deep it is (the check itself works)', () => {
    const found = bannedLoads(['entrypoints/background.ts'], ['idb']);
    expect(found.length).toBe(1);
    expect(found[0]).toMatch(/^entrypoints\/background\.ts → .* → utils\/store\/db\.ts → idb$/);
  });
});

describe('components/', () => {
  const PAGES = ['popup', 'options', 'import'];
  const componentFiles = filesUnder('components');
  const folderOf = (path: string) => path.split('/')[1] ?? '';

  it('is split by owner: a page’s folder, shared pieces, hooks, and nothing loose at the top', () => {
    expect(componentFiles.filter((file) => file.split('/').length < 3)).toEqual([]);
    expect([...new Set(componentFiles.map(folderOf))].sort()).toEqual(['hooks', 'import', 'options', 'popup', 'shared']);
  });

  it('has no page’s folder reach into another page’s, and no shared piece or hook into a page’s', () => {
    const crossing = componentFiles.flatMap((file) =>
      importsOf(file)
        .filter(
          (i) =>
            i.module.startsWith('components/') && PAGES.includes(folderOf(i.module)) && folderOf(i.module) !== folderOf(file),
        )
        .map((i) => edgeName(file, i.module)),
    );
    expect(crossing).toEqual([]);
    const hooksReach = filesUnder('components/hooks').flatMap((file) =>
      importsOf(file)
        .filter((i) => i.module.startsWith('components/') && !i.module.startsWith('components/hooks/'))
        .map((i) => edgeName(file, i.module)),
    );
    expect(hooksReach).toEqual([]);
  });

  it('acts through the hooks: no page or component calls sendToBackground itself', () => {
    const direct = [...componentFiles, ...filesUnder('entrypoints')].filter(
      (file) => !file.startsWith('components/hooks/') && /\bsendToBackground\b/.test(readFileSync(resolve(root, file), 'utf8')),
    );
    expect(direct).toEqual([]);
  });
});
