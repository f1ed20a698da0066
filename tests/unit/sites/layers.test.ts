import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import {
  adjusted,
  episodeOf,
  film,
  fromLinkedData,
  fromPageData,
  fromPlayer,
  fromTabTitle,
  justTitle,
  nodePath,
  sameRuntime,
  schemaMedia,
  titleWithNumbers,
} from '@/utils/sites/layers';
import { linkedNodes, playerLines, readLayer, tabTitle } from '@/utils/sites/readers';
import type { Layer, LayerInput, LinkedNode, TabTitleOptions } from '@/utils/sites/types';

const URL_ = 'https://www.example.com/watch/42';

/** A page built inline: its body, and its tab's title. */
function page(body = '', title = '', url = URL_): Document {
  const window = new Window({ url });
  const document = window.document as unknown as Document;
  document.body.innerHTML = body;
  document.title = title;
  return document;
}
const input = (document: Document, extra: Partial<LayerInput> = {}): LayerInput => ({
  document,
  url: new URL(document.location.href),
  contentId: '',
  pageData: async () => null,
  ...extra,
});
const read = (layer: Layer, document: Document, extra: Partial<LayerInput> = {}) => readLayer(layer, input(document, extra));
/** JSON-LD blocks, each given as JSON text. */
const linked = (...blocks: string[]) =>
  page(blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join(''));
/** A video as long as `seconds`; happy-dom's own have no duration. */
function videoOf(seconds: number): HTMLVideoElement {
  const video = page().createElement('video');
  Object.defineProperty(video, 'duration', { value: seconds });
  return video;
}

describe('film', () => {
  it.each([
    [['Oppenheimer', 2023], { title: 'Oppenheimer', year: 2023, mediaType: 'MOVIE' }],
    [['Oppenheimer', '2023'], { title: 'Oppenheimer', year: 2023, mediaType: 'MOVIE' }],
    [['Oppenheimer'], { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    [['  Spy x Family: Code White (Subtitled) '], { title: 'Spy x Family: Code White', mediaType: 'MOVIE' }],
    [['Oppenheimer', 'soon'], { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    [['Oppenheimer', 23], { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    [['Oppenheimer', 2023.5], { title: 'Oppenheimer', mediaType: 'MOVIE' }],
  ])('%j', (args, expected) => {
    expect(film(...(args as [unknown, unknown?]))).toEqual(expected);
  });
  it.each([undefined, null, '', '   ', 42, { name: 'Oppenheimer' }])('names nothing without a title (%j)', (title) => {
    expect(film(title, 2023)).toBeNull();
  });
});

describe('episodeOf', () => {
  it.each([
    [['Severance', 2, 4], { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    [['Severance', '2', '4'], { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    [['Sherlock', 0, 1], { title: 'Sherlock', mediaType: 'TV', season: 0, episode: 1 }],
    [['Severance'], { title: 'Severance', mediaType: 'TV' }],
    [['Severance', 2], { title: 'Severance', mediaType: 'TV', season: 2 }],
    [['Severance', undefined, 4], { title: 'Severance', mediaType: 'TV', episode: 4 }],
    [['Severance', -1, 4.5], { title: 'Severance', mediaType: 'TV' }],
    [['Fallout [dt./OV]', 1, 4], { title: 'Fallout', mediaType: 'TV', season: 1, episode: 4 }],
  ])('%j', (args, expected) => {
    expect(episodeOf(...(args as [unknown, unknown?, unknown?]))).toEqual(expected);
  });

  it.each([
    [2, 4, { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    [0, 1, { title: 'Severance', mediaType: 'TV', season: 0, episode: 1 }],
    [2, undefined, { title: 'Severance', mediaType: 'TV' }],
    [undefined, 4, { title: 'Severance', mediaType: 'TV' }],
    [2, 'four', { title: 'Severance', mediaType: 'TV' }],
  ])('pairsOnly: season %j and episode %j', (season, episode, expected) => {
    expect(episodeOf('Severance', season, episode, true)).toEqual(expected);
  });

  it.each([undefined, '', ' ', 7])('names nothing without the show (%j)', (show) => {
    expect(episodeOf(show, 1, 3)).toBeNull();
  });
});

describe('titleWithNumbers', () => {
  it.each([
    ['Severance S2:E4', { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    ['Severance: Season 2, Episode 4', { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    ['Oppenheimer', { title: 'Oppenheimer' }],
    ['Fallout [OV]', { title: 'Fallout' }],
    ['Terminator 2: Judgment Day', { title: 'Terminator 2: Judgment Day' }],
  ])('%j', (text, expected) => {
    expect(titleWithNumbers(text)).toEqual(expected);
  });

  it('takes the numbers from the text and the name from the title given beside it', () => {
    expect(titleWithNumbers('S1:E3 Pilot', 'The Office')).toEqual({
      title: 'The Office',
      mediaType: 'TV',
      season: 1,
      episode: 3,
    });
    expect(titleWithNumbers('Pilot', 'The Office')).toEqual({ title: 'The Office' });
  });

  it.each(['', '  ', 'S1:E3'])('names nothing without a name (%j)', (text) => {
    expect(titleWithNumbers(text)).toBeNull();
  });
});

describe('justTitle', () => {
  it.each([
    ['Severance', { title: 'Severance' }],
    ['  The   Office (English Dub) ', { title: 'The Office' }],
    ['Severance S2:E4', { title: 'Severance S2:E4' }],
  ])('%j', (text, expected) => {
    expect(justTitle(text)).toEqual(expected);
  });
  it.each(['', '   '])('%j names nothing', (text) => {
    expect(justTitle(text)).toBeNull();
  });
});

describe('sameRuntime', () => {
  it.each([
    [3_600, 3_600, true],
    [3_600, 3_960, true],
    [3_600, 3_240, true],
    [3_600, 3_961, false],
    [3_600, 3_239, false],
    [3_600, 360, false],
  ])('an item of %s s and a video of %s s: %s', (seconds, duration, same) => {
    expect(sameRuntime(seconds, videoOf(duration))).toBe(same);
  });

  it.each([
    ['no runtime', undefined, 360],
    ['a runtime of 0', 0, 360],
    ['a negative runtime', -3_600, 360],
    ['a runtime as text', '3600', 360],
    ['an infinite runtime', Number.POSITIVE_INFINITY, 360],
    ['a video of no known length', 3_600, Number.NaN],
    ['a live stream', 3_600, Number.POSITIVE_INFINITY],
  ])('trusts an item with %s', (_, seconds, duration) => {
    expect(sameRuntime(seconds, videoOf(duration))).toBe(true);
  });

  it('trusts an item when no video is given', () => {
    expect(sameRuntime(3_600, undefined)).toBe(true);
  });
});

describe('fromPageData', () => {
  it("is the 'page' layer, reading what the page world hands back with the rest of the input", async () => {
    const parse = vi.fn((data: unknown, { contentId }: LayerInput) =>
      data === 'answer' ? { title: `Film ${contentId}`, mediaType: 'MOVIE' as const } : null,
    );
    const layer = fromPageData(parse);
    expect(layer.name).toBe('page');
    expect(await read(layer, page(), { contentId: '42', pageData: async () => 'answer' })).toEqual({
      title: 'Film 42',
      mediaType: 'MOVIE',
    });
    expect(parse).toHaveBeenCalledWith('answer', expect.objectContaining({ contentId: '42' }));
    expect(await read(layer, page(), { pageData: async () => 'another answer' })).toBeNull();
  });

  it("passes on 'other'", async () => {
    expect(
      await read(
        fromPageData(() => 'other'),
        page(),
      ),
    ).toBe('other');
  });

  it('asks the page world once per reading', async () => {
    const pageData = vi.fn(async () => null);
    await read(
      fromPageData(() => null),
      page(),
      { pageData },
    );
    expect(pageData).toHaveBeenCalledTimes(1);
  });
});

describe('linkedNodes', () => {
  const movie = JSON.stringify({ '@type': 'Movie', name: 'Oppenheimer' });
  const episode = JSON.stringify({ '@type': 'TVEpisode', name: 'Pilot' });

  it('finds a node at the top of a block', () => {
    expect(linkedNodes(linked(movie))).toEqual([{ '@type': 'Movie', name: 'Oppenheimer' }]);
  });

  it('finds the nodes of a block that is an array, in order, skipping what is no object', () => {
    const nodes = linkedNodes(linked(`[${episode}, null, 42, "text", ${movie}]`));
    expect(nodes.map((node) => node.name)).toEqual(['Pilot', 'Oppenheimer']);
  });

  it('finds the nodes of an @graph, and the node holding it when it is one', () => {
    const graph = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebPage', name: 'Page' }, { '@type': 'Episode', name: 'Pilot' }, null],
    });
    expect(linkedNodes(linked(graph)).map((node) => node.name)).toEqual(['Pilot']);
    const both = JSON.stringify({ '@type': 'Movie', name: 'Oppenheimer', '@graph': [{ '@type': 'TVEpisode', name: 'Pilot' }] });
    expect(linkedNodes(linked(both)).map((node) => node.name)).toEqual(['Oppenheimer', 'Pilot']);
  });

  it('finds the nodes of an @graph inside an array', () => {
    const blocks = JSON.stringify([{ '@graph': [{ '@type': 'Movie', name: 'Oppenheimer' }] }]);
    expect(linkedNodes(linked(blocks)).map((node) => node.name)).toEqual(['Oppenheimer']);
  });

  it('skips a block that is not JSON, and reads the others', () => {
    expect(linkedNodes(linked('{ "@type": "Movie", ', '', 'undefined', movie)).map((node) => node.name)).toEqual(['Oppenheimer']);
  });

  it('reads a node of several types', () => {
    const node = JSON.stringify({ '@type': ['CreativeWork', 'Movie'], name: 'Oppenheimer' });
    expect(linkedNodes(linked(node))).toHaveLength(1);
  });

  it('keeps only films and episodes by default, or the types asked for', () => {
    const document = linked(
      JSON.stringify([
        { '@type': 'TVSeries', name: 'Severance' },
        { '@type': 'TVSeason', name: 'Season 2' },
        { '@type': 'VideoObject', name: 'Trailer' },
        { name: 'No type' },
        { '@type': 42, name: 'A number' },
      ]),
      episode,
    );
    expect(linkedNodes(document).map((node) => node.name)).toEqual(['Pilot']);
    expect(linkedNodes(document, ['TVSeries', 'TVSeason']).map((node) => node.name)).toEqual(['Severance', 'Season 2']);
  });

  it('ignores scripts of another type', () => {
    expect(linkedNodes(page(`<script type="application/json">${movie}</script><script>${movie}</script>`))).toEqual([]);
  });

  it('finds nothing on a page without JSON-LD', () => {
    expect(linkedNodes(page('<p>Nothing</p>'))).toEqual([]);
  });
});

describe('nodePath', () => {
  const base = new URL('https://www.example.com/watch/42');
  it.each([
    [{ url: 'https://www.example.com/movies/oppenheimer' }, ['', 'movies', 'oppenheimer']],
    [{ url: '/shows/severance/s2/e4' }, ['', 'shows', 'severance', 's2', 'e4']],
    [{ url: 'e4' }, ['', 'watch', 'e4']],
    [{ '@id': 'https://www.example.com/movies/oppenheimer#movie' }, ['', 'movies', 'oppenheimer']],
    [{ url: '/movies/a', '@id': '/movies/b' }, ['', 'movies', 'a']],
    [{ url: 42, '@id': '/movies/b' }, ['', 'movies', 'b']],
  ])('%j', (node, path) => {
    expect(nodePath(node, base)).toEqual(path);
  });
  it.each([{}, { url: '' }, { url: 'http://[::1' }, { url: 7 }])('%j has none', (node) => {
    expect(nodePath(node, base)).toBeUndefined();
  });
});

describe('schemaMedia', () => {
  it.each<[LinkedNode, object | null]>([
    [
      { '@type': 'Movie', name: 'Oppenheimer', datePublished: '2023-07-21' },
      { title: 'Oppenheimer', year: 2023, mediaType: 'MOVIE' },
    ],
    [
      { '@type': 'Movie', name: 'Oppenheimer', datePublished: 'soon' },
      { title: 'Oppenheimer', mediaType: 'MOVIE' },
    ],
    [
      { '@type': ['Movie'], name: 'Oppenheimer' },
      { title: 'Oppenheimer', mediaType: 'MOVIE' },
    ],
    [{ '@type': 'Movie' }, null],
    [
      {
        '@type': 'TVEpisode',
        name: "Woe's Hollow",
        episodeNumber: 4,
        partOfSeason: { '@type': 'TVSeason', seasonNumber: 2 },
        partOfSeries: { '@type': 'TVSeries', name: 'Severance' },
      },
      { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 },
    ],
    [
      { '@type': 'Episode', episodeNumber: '4', partOfSeason: '2', partOfSeries: { name: 'Severance' } },
      { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 },
    ],
    [
      { '@type': 'TVEpisode', partOfSeries: { name: 'Severance' } },
      { title: 'Severance', mediaType: 'TV' },
    ],
    // The episode's own name is no show's.
    [{ '@type': 'TVEpisode', name: "Woe's Hollow", episodeNumber: 4 }, null],
    [{ '@type': 'TVEpisode', name: "Woe's Hollow", partOfSeries: 'Severance' }, null],
  ])('%j', (node, expected) => {
    expect(schemaMedia(node)).toEqual(expected);
  });

  it("leaves out a film's year where the site's date is not its release", () => {
    expect(schemaMedia({ '@type': 'Movie', name: 'Oppenheimer', datePublished: '2024-02-01' }, false)).toEqual({
      title: 'Oppenheimer',
      mediaType: 'MOVIE',
    });
  });
});

describe('fromLinkedData', () => {
  const oppenheimer = JSON.stringify({
    '@type': 'Movie',
    name: 'Oppenheimer',
    url: '/movies/oppenheimer',
    datePublished: '2023',
  });
  const barbie = JSON.stringify({ '@type': 'Movie', name: 'Barbie', url: '/movies/barbie', datePublished: '2023' });
  const onPath = (node: LinkedNode, { url }: LayerInput) => nodePath(node, url)?.at(-1) === url.pathname.split('/').at(-1);

  it("is the 'json-ld' layer, naming the first node that is the current item", async () => {
    const layer = fromLinkedData({ current: onPath });
    expect(layer.name).toBe('json-ld');
    const document = linked(oppenheimer, barbie);
    expect(await read(layer, document, { url: new URL('https://www.example.com/movies/barbie') })).toEqual({
      title: 'Barbie',
      year: 2023,
      mediaType: 'MOVIE',
    });
    expect(await read(layer, document, { url: new URL('https://www.example.com/movies/oppenheimer') })).toEqual({
      title: 'Oppenheimer',
      year: 2023,
      mediaType: 'MOVIE',
    });
    expect(await read(layer, document, { url: new URL('https://www.example.com/movies/dune') })).toBeNull();
  });

  it("tells `current` whether the node is the page's only candidate", async () => {
    const current = vi.fn((_: LinkedNode, __: LayerInput, only: boolean) => only);
    const layer = fromLinkedData({ current });
    expect(await read(layer, linked(oppenheimer))).toEqual({ title: 'Oppenheimer', year: 2023, mediaType: 'MOVIE' });
    expect(current).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'Oppenheimer' }), expect.anything(), true);
    current.mockClear();
    expect(await read(layer, linked(oppenheimer, barbie))).toBeNull();
    expect(current.mock.calls.map(([node, , only]) => [node.name, only])).toEqual([
      ['Oppenheimer', false],
      ['Barbie', false],
    ]);
  });

  it('reads the node its own way when told how', async () => {
    const layer = fromLinkedData({
      current: () => true,
      media: (node, { contentId }) => ({ title: `${node.name} #${contentId}` }),
    });
    expect(await read(layer, linked(oppenheimer), { contentId: '7' })).toEqual({ title: 'Oppenheimer #7' });
    expect(await read(fromLinkedData({ current: () => true, media: () => 'other' }), linked(oppenheimer))).toBe('other');
  });

  it('finds nothing on a page without film or episode nodes', async () => {
    const current = vi.fn(() => true);
    expect(await read(fromLinkedData({ current }), linked(JSON.stringify({ '@type': 'WebPage', name: 'Home' })))).toBeNull();
    expect(current).not.toHaveBeenCalled();
  });
});

describe('playerLines', () => {
  const player = `
    <div class="tile"><h2 class="title">A Carousel Tile</h2><p class="line">S9:E9</p></div>
    <div class="player"><h2 class="title">Severance</h2><p class="line">S2:E4</p><p class="line">Woe's Hollow</p></div>`;

  it('reads the title and its lines inside the player box, together', () => {
    expect(playerLines(page(player), { scope: '.player', title: '.title', lines: '.line' })).toEqual({
      title: 'Severance',
      lines: "S2:E4 Woe's Hollow",
    });
  });

  it('reads the whole document while no such box is there', () => {
    expect(playerLines(page(player), { scope: '.gone', title: '.title', lines: '.line' })).toEqual({
      title: 'A Carousel Tile',
      lines: "S9:E9 S2:E4 Woe's Hollow",
    });
    expect(playerLines(page(player), { title: '.title' })).toEqual({ title: 'A Carousel Tile' });
  });

  it('reads the box a function finds, and nothing when it finds none', () => {
    const scope = (document: Document) => document.querySelectorAll('div')[1];
    expect(playerLines(page(player), { scope, title: '.title', lines: '.line' })).toEqual({
      title: 'Severance',
      lines: "S2:E4 Woe's Hollow",
    });
    expect(playerLines(page(player), { scope: () => null, title: '.title', lines: '.line' })).toEqual({});
    expect(playerLines(page(player), { scope: () => undefined, title: '.title' })).toEqual({});
  });

  it('drops a line that repeats the title, and empty lines', () => {
    const document = page('<h2 class="t">Oppenheimer</h2><p class="l">Oppenheimer</p><p class="l">  </p>');
    expect(playerLines(document, { title: '.t', lines: '.l' })).toEqual({ title: 'Oppenheimer', lines: undefined });
  });

  it('has no title where the title is missing or blank', () => {
    expect(playerLines(page('<h2 class="t"> </h2><p class="l">S1:E3</p>'), { title: '.t', lines: '.l' })).toEqual({
      title: undefined,
      lines: 'S1:E3',
    });
  });
});

describe('fromPlayer', () => {
  const box = (title: string, ...lines: string[]) =>
    page(
      `<div class="player"><h2 class="title">${title}</h2>${lines.map((line) => `<p class="line">${line}</p>`).join('')}</div>`,
    );
  const options = { scope: '.player', title: '.title', lines: '.line' };

  it("is the 'dom' layer", () => {
    expect(fromPlayer(options).name).toBe('dom');
  });

  it.each([
    [['Severance', 'S2:E4 - Woe’s Hollow'], { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    [['Severance', 'Season 2, Episode 4'], { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    // Only an episode gets a line: no line is a film.
    [['Oppenheimer'], { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    [['Oppenheimer', 'Oppenheimer'], { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    // A line that numbers nothing (a synopsis) says nothing of the type.
    [['Oppenheimer', 'The story of J. Robert Oppenheimer'], { title: 'Oppenheimer' }],
    [['Fallout [dt./OV]', 'Staffel 1, Folge 4'], { title: 'Fallout', mediaType: 'TV', season: 1, episode: 4 }],
    [[''], null],
  ])('%j', async ([title = '', ...lines], expected) => {
    expect(await read(fromPlayer(options), box(title, ...lines))).toEqual(expected);
  });

  it.each([
    [['Oppenheimer'], { title: 'Oppenheimer' }],
    [['Severance', 'S2:E4'], { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    [['Severance', 'Review'], { title: 'Severance' }],
    [['Fallout (English Dub)'], { title: 'Fallout' }],
    [[' '], null],
  ])("bare 'unknown': %j", async ([title = '', ...lines], expected) => {
    expect(await read(fromPlayer({ ...options, bare: 'unknown' }), box(title, ...lines))).toEqual(expected);
  });

  it('names nothing when its scope function finds no player', async () => {
    const layer = fromPlayer({ ...options, scope: (document) => document.querySelector('#gone') });
    expect(await read(layer, box('Severance', 'S2:E4'))).toBeNull();
  });

  it('names nothing outside its player box while the box is there', async () => {
    const document = page('<div class="player"></div><h2 class="title">A Carousel Tile</h2>');
    expect(await read(fromPlayer(options), document)).toBeNull();
  });
});

describe('tabTitle', () => {
  const tab = (title: string, options: Partial<TabTitleOptions> = {}) =>
    tabTitle(page('', title), { brand: /Netflix/, ...options });

  it.each([
    ['Severance | Netflix', 'Severance'],
    ['Severance - Netflix', 'Severance'],
    ['Severance – Netflix', 'Severance'],
    ['Severance — Netflix', 'Severance'],
    ['Severance • Netflix', 'Severance'],
    ['Severance|Netflix', 'Severance'],
    ['Netflix | Severance', 'Severance'],
    ['Netflix: Severance', 'Severance'],
    ['Netflix - Severance', 'Severance'],
    ['  Severance \n  S2:E4 |   NETFLIX ', 'Severance S2:E4'],
    ['Severance', 'Severance'],
    ['Netflixing Severance', 'Netflixing Severance'],
    ['Severance: Netflix', 'Severance: Netflix'],
  ])('%j → %j', (title, text) => {
    expect(tab(title)).toBe(text);
  });

  it.each(['Netflix', 'netflix', ' Netflix | ', '', '   '])('%j leaves nothing', (title) => {
    expect(tab(title)).toBeUndefined();
  });

  it('reads a brand of several spellings', () => {
    expect(tab('The Pitt | HBO Max', { brand: /(?:HBO\s+)?Max/ })).toBe('The Pitt');
    expect(tab('The Pitt | Max', { brand: /(?:HBO\s+)?Max/ })).toBe('The Pitt');
  });

  it("brandAt 'after': a tab that starts with the name names no title", () => {
    expect(tab('Severance - Netflix', { brandAt: 'after' })).toBe('Severance');
    expect(tab('Netflix - Severance', { brandAt: 'after' })).toBeUndefined();
    expect(tab('Netflix', { brandAt: 'after' })).toBeUndefined();
    expect(tab('Severance', { brandAt: 'after' })).toBe('Severance');
  });

  it("brandAt 'either' (the default) takes the name off either end", () => {
    expect(tab('Netflix | Severance', { brandAt: 'either' })).toBe('Severance');
  });

  it('brandRequired: a tab without the name is some other page’s', () => {
    expect(tab('Severance', { brandRequired: true })).toBeUndefined();
    expect(tab('Severance | Netflix', { brandRequired: true })).toBe('Severance');
    expect(tab('Netflix | Severance', { brandRequired: true })).toBe('Severance');
    expect(tab('Netflix | Severance', { brandRequired: true, brandAt: 'after' })).toBeUndefined();
  });

  it('extra: removes more around the title, after the name', () => {
    const extra = [/^Watch\s+/i, /\s+-\s+Watch Online$/i];
    expect(tab('Watch Severance - Watch Online | Netflix', { extra })).toBe('Severance');
    expect(tab('Watch Online | Netflix', { extra })).toBe('Online');
    expect(tab('Watch | Netflix', { extra })).toBe('Watch');
    expect(tab('Watch Online | Netflix', { extra: [/^Watch Online$/] })).toBeUndefined();
  });

  it('separator: only the one the site uses sets its name apart', () => {
    const separator = /\s+-\s+/;
    expect(tab('Severance - Netflix', { separator, brandRequired: true })).toBe('Severance');
    expect(tab('Stream TV | Netflix', { separator, brandRequired: true })).toBeUndefined();
    expect(tab('Netflix - Severance', { separator, brandAt: 'after' })).toBeUndefined();
  });
});

describe('fromTabTitle', () => {
  it("is the 'title' layer, reading 'Show S1:E3' or just a title", async () => {
    const layer = fromTabTitle({ brand: /Netflix/ });
    expect(layer.name).toBe('title');
    expect(await read(layer, page('', 'Severance S2:E4 | Netflix'))).toEqual({
      title: 'Severance',
      mediaType: 'TV',
      season: 2,
      episode: 4,
    });
    expect(await read(layer, page('', 'Oppenheimer | Netflix'))).toEqual({ title: 'Oppenheimer' });
    expect(await read(layer, page('', 'Netflix'))).toBeNull();
    expect(await read(layer, page('', ''))).toBeNull();
  });

  it('honours brandAt, brandRequired and extra', async () => {
    const layer = fromTabTitle({ brand: /Peacock/, brandAt: 'after', brandRequired: true, extra: [/^Watch\s+/] });
    expect(await read(layer, page('', 'Watch Wicked - Peacock'))).toEqual({ title: 'Wicked' });
    expect(await read(layer, page('', 'Wicked'))).toBeNull();
    expect(await read(layer, page('', 'Peacock - Wicked'))).toBeNull();
  });

  it('unless: reads nothing while the page says the tab may name something else', async () => {
    const unless = vi.fn(({ document }: LayerInput) => document.querySelector('.episode-marker') !== null);
    const layer = fromTabTitle({ brand: /Netflix/, unless });
    expect(await read(layer, page('<p class="episode-marker">S1:E3</p>', 'Pilot | Netflix'))).toBeNull();
    expect(await read(layer, page('', 'Severance | Netflix'))).toEqual({ title: 'Severance' });
    expect(unless).toHaveBeenCalledTimes(2);
  });

  it('media: reads the text its own way, with the input', async () => {
    const media = vi.fn((text: string, { contentId }: LayerInput) =>
      text === 'Trailer' ? 'other' : { title: `${text} (${contentId})` },
    );
    const layer = fromTabTitle({ brand: /Netflix/, media });
    expect(await read(layer, page('', 'Severance | Netflix'), { contentId: '81' })).toEqual({ title: 'Severance (81)' });
    expect(await read(layer, page('', 'Trailer | Netflix'))).toBe('other');
    media.mockClear();
    expect(await read(layer, page('', 'Netflix'))).toBeNull();
    expect(media).not.toHaveBeenCalled();
  });
});

describe('adjusted', () => {
  const severance = { title: 'Severance', mediaType: 'TV' as const, season: 2, episode: 14 };

  it('keeps the layer’s name and corrects what it names, with the input', async () => {
    const fix = vi.fn((media: { title: string }, { contentId }: LayerInput) => ({
      ...media,
      title: `${media.title} ${contentId}`,
    }));
    const layer = adjusted({ name: 'dom', read: () => severance }, fix);
    expect(layer.name).toBe('dom');
    expect(await read(layer, page(), { contentId: 'x' })).toEqual({ ...severance, title: 'Severance x' });
    expect(fix).toHaveBeenCalledWith(severance, expect.objectContaining({ contentId: 'x' }));
  });

  it('corrects what an asynchronous layer names', async () => {
    const layer = adjusted({ name: 'page', read: async () => severance }, ({ episode: _, ...media }) => media);
    expect(await read(layer, page())).toEqual({ title: 'Severance', mediaType: 'TV', season: 2 });
  });

  it('can turn a reading into nothing or into neither film nor episode', async () => {
    expect(
      await read(
        adjusted({ name: 'dom', read: () => severance }, () => null),
        page(),
      ),
    ).toBeNull();
    expect(
      await read(
        adjusted({ name: 'dom', read: () => severance }, () => 'other'),
        page(),
      ),
    ).toBe('other');
  });

  it.each([null, 'other'] as const)('passes %j on without asking the fix', async (reading) => {
    const fix = vi.fn(() => severance);
    expect(await read(adjusted({ name: 'title', read: () => reading }, fix), page())).toBe(reading);
    expect(fix).not.toHaveBeenCalled();
  });

  it('lets a throwing layer throw', async () => {
    const layer = adjusted(
      {
        name: 'dom',
        read: () => {
          throw new Error('changed');
        },
      },
      (media) => media,
    );
    await expect(read(layer, page())).rejects.toThrow('changed');
  });
});
