import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Media } from '@/utils/media';
import { paramountPlus } from '@/utils/sites/connectors/paramount-plus';
import { listedEpisode, paramountPlusPage } from '@/utils/sites/connectors/paramount-plus.page';
import { identify } from '@/utils/sites/identify';
import { cases } from '../../fixtures/paramount-plus/e2e';
import { pageWorld } from './page-world-support';
import { readLayer, readPageData, sampleUrls } from './support';

const E3_ID = 'xT7qP2m9KvLw4NcR8sJd3FgH6yBz1QaE';
const E4_ID = 'Rk2Vb8Nq5WmYc3Lt7Hx9Pd1Gf4Sj6ZaU';
const MOVIE_ID = 'm8VfQk3Tz_Lp2Wn7Rb5Yc9Hd4Jx6Ga1S';
const E3 = `https://www.paramountplus.com/shows/tulsa-king/video/${E3_ID}/tulsa-king-token-joe/`;
const E4 = `https://www.paramountplus.com/shows/tulsa-king/video/${E4_ID}/tulsa-king-visitation-place/`;
const E3_DE = `https://www.paramountplus.com/de/shows/tulsa-king/video/${E3_ID}/tulsa-king-token-joe/`;
const MOVIE = `https://www.paramountplus.com/movies/top-gun-maverick/${MOVIE_ID}/`;

const fixtures = resolve(import.meta.dirname, '../../fixtures/paramount-plus');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
/** A case's routed answer for `address` (an e2e route glob: `*` stands for anything), else undefined. */
const routed = (routes: Record<string, string>, address: string) =>
  Object.entries(routes).find(([glob]) =>
    new RegExp(
      `^${glob
        .split('*')
        .map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(address),
  )?.[1];

function page(name: string, url: string, scripts = false, routes: Record<string, string> = {}): Document {
  const window = new Window({
    url,
    settings: { enableJavaScriptEvaluation: scripts, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  // The page's own requests get the case's routed answers, as in the browser; nothing leaves the test.
  Object.assign(window, {
    fetch: async (input: string) => {
      const name = routed(routes, new URL(input, window.location.href).href);
      return new window.Response(name ? readFileSync(resolve(fixtures, name), 'utf8') : '', { status: name ? 200 : 404 });
    },
  });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

const urls = sampleUrls('paramount-plus');
const tulsaKing = (episode: number): Media => ({ title: 'Tulsa King', mediaType: 'TV', season: 1, episode });
const topGun: Media = { title: 'Top Gun: Maverick', mediaType: 'MOVIE' };

describe('paramount-plus watch pages', () => {
  it.each([
    [E3, E3_ID],
    [E3_DE, E3_ID],
    [MOVIE, MOVIE_ID],
    ['https://www.paramountplus.com/movies/video/wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q/', 'wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q'],
    ['https://www.paramountplus.com/shows/video/Oe44g5_NrlgiZE3aQVONleD6vXc8kP0k', 'Oe44g5_NrlgiZE3aQVONleD6vXc8kP0k'],
    [
      'https://www.paramountplus.com/gb/movies/video/3DcGhIoTusoQFB_YLGCtLvefraLxuZMJ/?ftag=PPM-05-10aei0h',
      '3DcGhIoTusoQFB_YLGCtLvefraLxuZMJ',
    ],
  ])('%s plays %s', (url, id) => {
    expect(paramountPlus.watchPage(new URL(url))).toBe(id);
  });
  it.each(urls.watch)('%s is a watch page', (url) => {
    expect(paramountPlus.watchPage(new URL(url))).toMatch(/^[\w-]{24,40}$/);
  });
  it.each([
    ...urls.notWatch,
    // A show's id without its /video/ segment, and slugs the length of an id.
    `https://www.paramountplus.com/shows/tulsa-king/${E3_ID}/`,
    'https://www.paramountplus.com/movies/collections/paramount-plus-original-movies-collection/',
    'https://www.paramountplus.com/shows/tulsa-king/video/tulsa-king-season-one-official-trailer/',
  ])('%s is not', (url) => {
    expect(paramountPlus.watchPage(new URL(url))).toBeNull();
  });
});

describe('main video', () => {
  it("is the player area's video", () => {
    const video = page('movie.html', MOVIE).querySelector<HTMLVideoElement>('.video__player-area video');
    expect(video && paramountPlus.isMainVideo?.(video)).toBe(true);
  });
  it("rejects the film page's looping preview", () => {
    const video = page('movie.html', MOVIE).querySelector<HTMLVideoElement>('video.marqueeVideo');
    expect(video).not.toBeNull();
    expect(video && paramountPlus.isMainVideo?.(video)).toBe(false);
  });
  it('rejects a preview even inside the player area', () => {
    const document = page('movie.html', MOVIE);
    const video = document.querySelector<HTMLVideoElement>('video.marqueeVideo');
    if (video) document.querySelector('.video__player-area')?.append(video);
    expect(video && paramountPlus.isMainVideo?.(video)).toBe(false);
  });
});

/** One layer's reading of `document` at `url`, with the content id the URL names. */
const readAt = (name: 'json-ld' | 'title', document: Document, url: string) => {
  const parsed = new URL(url);
  return readLayer(paramountPlus, name, document, { url: parsed, contentId: paramountPlus.watchPage(parsed) ?? '' });
};

function addLinkedData(document: Document, node: unknown): void {
  const script = document.createElement('script');
  script.type = 'application/ld+json';
  script.textContent = JSON.stringify(node);
  document.head.append(script);
}

describe('layer: JSON-LD', () => {
  it.each([
    ['episode.html', E3, tulsaKing(3)],
    ['movie.html', MOVIE, topGun],
    // Left from episode 3 while episode 4 plays.
    ['stale.html', E4, null],
    // A film's data on a show's URL is a previous page's.
    ['movie.html', `https://www.paramountplus.com/shows/top-gun/video/${MOVIE_ID}/top-gun/`, null],
    ['episode-de.html', E3_DE, null],
    ['nothing.html', E3, null],
  ])('%s at %s', async (file, url, expected) => {
    expect(await readAt('json-ld', page(file, url), url)).toEqual(expected);
  });

  it('takes a node without a URL, a bare season number and the type in a list', async () => {
    const document = page('nothing.html', E3);
    addLinkedData(document, {
      '@type': ['TVEpisode'],
      episodeNumber: 5,
      partOfSeason: 2,
      partOfSeries: { name: 'Tulsa King' },
    });
    expect(await readAt('json-ld', document, E3)).toEqual({
      title: 'Tulsa King',
      mediaType: 'TV',
      season: 2,
      episode: 5,
    });
  });

  it("now takes the page's only node when its URL lacks the content id but names no other", async () => {
    expect(await readAt('json-ld', page('movie-slug-url.html', MOVIE), MOVIE)).toEqual(topGun);
  });

  it('still rejects the only node when its URL names another content id', async () => {
    expect(await readAt('json-ld', page('movie-other-id.html', MOVIE), MOVIE)).toBeNull();
  });

  it("reads a film node's `mainEntityOfPage` for its page, as the site writes it", async () => {
    const mainEntity = (id: string) => ({
      '@type': 'Movie',
      name: 'Top Gun: Maverick',
      mainEntityOfPage: { '@type': 'WebPage', '@id': `https://www.paramountplus.com/movies/video/${id}/` },
    });
    const document = page('nothing.html', MOVIE);
    addLinkedData(document, mainEntity(MOVIE_ID));
    expect(await readAt('json-ld', document, MOVIE)).toEqual(topGun);
    const left = page('nothing.html', MOVIE);
    addLinkedData(left, mainEntity('wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q'));
    expect(await readAt('json-ld', left, MOVIE)).toBeNull();
  });

  it('rejects a node without the content id when it is not the only one', async () => {
    const document = page('movie-slug-url.html', MOVIE);
    addLinkedData(document, { '@type': 'Movie', url: 'https://www.paramountplus.com/movies/zodiac/', name: 'Zodiac' });
    expect(await readAt('json-ld', document, MOVIE)).toBeNull();
  });
});

describe('no player-text layer', () => {
  it("has no 'dom' layer now: a page with only the player's `.title-name` is not identified", async () => {
    expect(paramountPlus.layers.map((layer) => layer.name)).not.toContain('dom');
    const document = page('nothing.html', E3);
    const block = document.createElement('div');
    block.className = 'title-block';
    block.innerHTML = '<span class="title-name">Tulsa King</span><span class="title-episode">S1 E3</span>';
    document.querySelector('.video__player-area')?.append(block);
    const url = new URL(E3);
    expect(await identify(paramountPlus, { document, url, contentId: E3_ID, pageData: async () => null })).toBeNull();
  });
});

describe("layer: the site's own episode list (page world)", () => {
  const list = json('episodes-tulsa-king-s1.json');
  const readAt = (data: unknown, url: string) =>
    readPageData(paramountPlus, data, page('nothing.html', url), {
      url: new URL(url),
      contentId: paramountPlus.watchPage(new URL(url)) ?? '',
    });

  it('names the episode by its own content id: show, season and episode', async () => {
    expect(await readAt(listedEpisode(list, E4_ID), E4)).toEqual(tulsaKing(4));
    expect(await readAt(listedEpisode(list, E3_ID), E3_DE)).toEqual(tulsaKing(3));
  });
  it.each([
    ['numbers as numbers', { season_number: 1, episode_number: 4 }, tulsaKing(4)],
    ['another content id', { content_id: E3_ID }, null],
    ['no episode number', { episode_number: undefined }, null],
    ['no season number', { season_number: null }, null],
    ['no show', { series_title: '' }, null],
  ])('%s', async (_, change, expected) => {
    expect(await readAt({ ...listedEpisode(list, E4_ID), ...change }, E4)).toEqual(expected);
  });
  it("names nothing on a film's page, or with nothing handed over", async () => {
    expect(await readAt({ ...listedEpisode(list, E4_ID), content_id: MOVIE_ID }, MOVIE)).toBeNull();
    expect(await readAt(null, E4)).toBeNull();
  });
});

describe("the page-world half (paramount-plus.page.ts), on the site's own episode list", () => {
  afterEach(() => vi.unstubAllGlobals());
  const LIST = 'https://www.paramountplus.com/shows/tulsa-king/xhr/episodes';
  const APP_HEADERS = { accept: 'application/json, text/javascript, */*; q=0.01', 'x-requested-with': 'XMLHttpRequest' };
  const pageOf = (n: number) => `${LIST}/page/${n}/size/50/xs/0/season/`;

  it("reads the app's own list as it arrives, with no request of ours", async () => {
    const world = pageWorld(E4, (request) => (request.url.startsWith(LIST) ? json('episodes-tulsa-king-s1.json') : undefined));
    paramountPlusPage();
    await world.app(`${LIST}/page/0/size/18/xs/0/season/1/`, { headers: APP_HEADERS });
    expect(await world.ask(E4_ID)).toEqual({
      content_id: E4_ID,
      series_title: 'Tulsa King',
      season_number: '1',
      episode_number: '4',
    });
    expect(world.sent).toHaveLength(1);
  });
  it('not seen: asks the same route for the show in the address, with the headers the app sends', async () => {
    const world = pageWorld(E4, (request) => (request.url === pageOf(0) ? json('episodes-tulsa-king-s1.json') : undefined));
    paramountPlusPage();
    expect(await world.ask(E4_ID)).toMatchObject({ content_id: E4_ID, series_title: 'Tulsa King', episode_number: '4' });
    expect(world.sent).toEqual([{ url: pageOf(0), method: 'GET', headers: APP_HEADERS }]);
  });
  it('pages on until the episode is listed, and stops after four pages', async () => {
    const other = { success: true, result: { data: [{ content_id: 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp', episode_number: '1' }] } };
    const world = pageWorld(E4, (request) => (request.url === pageOf(2) ? json('episodes-tulsa-king-s1.json') : other));
    paramountPlusPage();
    expect(await world.ask(E4_ID)).toMatchObject({ content_id: E4_ID });
    expect(world.sent.map((request) => request.url)).toEqual([pageOf(0), pageOf(1), pageOf(2)]);
    expect(await world.ask('Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pq')).toBeNull();
    expect(world.sent).toHaveLength(3 + 4);
  });
  it('hands over full episodes only: a listed clip names no episode', async () => {
    const list = json('episodes-tulsa-king-s1.json') as { result: { data: Record<string, unknown>[] } };
    const withClip = { result: { data: list.result.data.map((item) => ({ ...item, type: 'Clip' })) } };
    expect(listedEpisode(withClip, E4_ID)).toBeNull();
    const untyped = { result: { data: list.result.data.map(({ type: _, ...item }) => item) } };
    expect(listedEpisode(untyped, E4_ID)).toMatchObject({ content_id: E4_ID, episode_number: '4' });
  });
  it('stops at an empty page or a refusal', async () => {
    const world = pageWorld(E4, () => ({ success: false, result: { data: [] } }));
    paramountPlusPage();
    expect(await world.ask(E4_ID)).toBeNull();
    expect(world.sent).toHaveLength(1);
  });
  it("asks nothing where the address names no show (`/shows/video/<id>/`, a film's page)", async () => {
    for (const url of [`https://www.paramountplus.com/shows/video/${E4_ID}/`, MOVIE]) {
      const world = pageWorld(url, () => json('episodes-tulsa-king-s1.json'));
      paramountPlusPage();
      expect(await world.ask(paramountPlus.watchPage(new URL(url)) ?? '')).toBeNull();
      expect(world.sent).toEqual([]);
      vi.unstubAllGlobals();
    }
  });
});

describe('layer: document title', () => {
  it.each([
    ['episode.html', E3, tulsaKing(3)],
    ['episode-de.html', E3_DE, tulsaKing(3)],
    ['title-only.html', E3, tulsaKing(3)],
    ['movie.html', MOVIE, topGun],
    ['nothing.html', E3, null],
  ])('%s', async (file, url, expected) => {
    expect(await readAt('title', page(file, url), url)).toEqual(expected);
  });

  it.each([
    [E3, 'Tulsa King Temporada 1, Episodio 3: Token Joe - Paramount+', tulsaKing(3)],
    [E3, 'Tulsa King Saison 1 Épisode 3 | Paramount+', tulsaKing(3)],
    [MOVIE, 'Watch Top Gun: Maverick (2022) - Full Movie on Paramount Plus', { ...topGun, year: 2022 }],
    // On a show's page the tab must say which episode: an episode's or a clip's name is not the show.
    [E3, 'Token Joe | Paramount+', null],
    [E3, 'Paramount+', null],
    [MOVIE, 'Paramount Plus', null],
  ])('%s titled %j', async (url, title, expected) => {
    const document = page('nothing.html', url);
    document.title = title;
    expect(await readAt('title', document, url)).toEqual(expected);
  });
});

describe('layers in order', () => {
  const input = (document: Document, url: string, data: unknown = null) => ({
    document,
    video: document.querySelector('.video__player-area video') as HTMLVideoElement,
    url: new URL(url),
    contentId: paramountPlus.watchPage(new URL(url)) ?? '',
    pageData: async () => data,
  });

  it.each([
    ['episode.html', E3, tulsaKing(3)],
    ['movie.html', MOVIE, topGun],
    // No JSON-LD: the tab's "Staffel 1 Folge 3".
    ['episode-de.html', E3_DE, tulsaKing(3)],
    // Stale JSON-LD is passed over for the tab, which names episode 4.
    ['stale.html', E4, tulsaKing(4)],
    // Neither JSON-LD nor player text: the tab still names the episode.
    ['title-only.html', E3, tulsaKing(3)],
    ['nothing.html', E3, null],
  ])('%s gives %j', async (file, url, expected) => {
    expect(await identify(paramountPlus, input(page(file, url), url))).toEqual(expected);
  });

  it("JSON-LD left behind and a tab without numbers: the site's own episode list names the episode", async () => {
    const document = page('stale.html', E4);
    document.title = 'Paramount+';
    const data = listedEpisode(json('episodes-tulsa-king-s1.json'), E4_ID);
    expect(await identify(paramountPlus, input(document, E4, data))).toEqual(tulsaKing(4));
    expect(await identify(paramountPlus, input(document, E4))).toBeNull();
  });
  it('the list comes before the tab: a title left on the episode before does not name this one', async () => {
    const document = page('stale.html', E4);
    document.title = 'Watch Tulsa King Season 1 Episode 3: Token Joe - Full show on Paramount Plus';
    const data = listedEpisode(json('episodes-tulsa-king-s1.json'), E4_ID);
    expect(await identify(paramountPlus, input(document, E4, data))).toEqual(tulsaKing(4));
  });
  it('fresh JSON-LD still comes first', async () => {
    const data = { ...listedEpisode(json('episodes-tulsa-king-s1.json'), E3_ID), series_title: 'Not This' };
    expect(await identify(paramountPlus, input(page('episode.html', E3), E3, data))).toEqual(tulsaKing(3));
  });
});

/**
 * Each end-to-end case replayed on the unit-tested layers: the page's own script runs (autoplay
 * included) and the played video is judged as the engine judges it. What this yields is what the
 * browser test must receive.
 */
describe('end-to-end cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const routes = c.routes ?? {};
    const document = page(c.page, c.url, true, routes);
    const window = document.defaultView as unknown as Window;
    const video = document.querySelector<HTMLVideoElement>(c.play ?? 'video');
    if (!video) throw new Error(`no ${c.play} in ${c.page}`);
    for (const decoy of c.decoys ?? []) {
      const element = document.querySelector<HTMLVideoElement>(decoy);
      expect(element && paramountPlus.isMainVideo?.(element)).toBe(false);
    }
    const received: (Media | null)[] = [];
    const play = async () => {
      const url = new URL(window.location.href);
      const contentId = paramountPlus.watchPage(url);
      if (contentId === null || !paramountPlus.isMainVideo?.(video)) return;
      // What the page-world half hands over once it saw the app's own list: the listed episode.
      const data = Object.values(routes)
        .map((name) => listedEpisode(json(name), contentId))
        .find(Boolean);
      received.push(await identify(paramountPlus, { document, url, contentId, video, pageData: async () => data ?? null }));
    };
    await play();
    const before = window.location.href;
    video.dispatchEvent(new window.Event('ended') as unknown as Event);
    if (window.location.href !== before) await play();
    expect(received).toEqual(c.expect);
  });
});
