import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hboMax } from '@/utils/sites/connectors/hbo-max';
import { hboMaxPage } from '@/utils/sites/connectors/hbo-max.page';
import { identify } from '@/utils/sites/identify';
import { pageWorld } from './page-world-support';
import { readLayer, readPageData, sampleUrls } from './support';

const EPISODE = '3a1e2a6c-6f0b-4d51-9a1c-0e8b3c2f7d41';
const MOVIE = 'c0ffee00-1234-4abc-8def-001122334455';
const SPECIAL = 'a7a7a7a7-0000-4000-8000-00000000a001';
const EXTRA = '8f2d1c0b-aaaa-4bbb-8ccc-000000000001';

const fixtures = resolve(import.meta.dirname, '../../fixtures/hbo-max');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
function page(name: string): Document {
  const window = new Window({ url: `https://play.hbomax.com/video/watch/${EPISODE}/9b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d5e` });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

const urls = sampleUrls('hbo-max');
/** The 'page' layer's reading of a cms/routes answer, for the video `contentId`. */
const readRoute = (data: unknown, contentId: string) => readPageData(hboMax, data, page('nothing.html'), { contentId });

describe('hbo-max watch pages', () => {
  it.each(urls.watch)('%s is a watch page', (url) => {
    expect(hboMax.watchPage(new URL(url))).toMatch(/^[0-9a-f-]{36}$/);
  });
  it.each(urls.notWatch)('%s is not', (url) => {
    expect(hboMax.watchPage(new URL(url))).toBeNull();
  });
  it('takes the first uuid as the content id', () => {
    expect(hboMax.watchPage(new URL(urls.watch[0] ?? ''))).toBe(EPISODE);
  });
  it('a watch URL with one uuid is now a watch page too', () => {
    expect(hboMax.watchPage(new URL('https://play.hbomax.com/video/watch/5b6c7d8e-1111-4222-8333-444455556666'))).toBe(
      '5b6c7d8e-1111-4222-8333-444455556666',
    );
    expect(hboMax.watchPage(new URL(`https://play.max.com/video/watch/${MOVIE}/`))).toBe(MOVIE);
  });
});

describe('layer: page data (cms/routes)', () => {
  it.each([
    ['routes-episode.json', EPISODE, { title: 'The Last of Us', mediaType: 'TV', season: 1, episode: 3 }],
    [
      'routes-episode.json',
      '5b6c7d8e-1111-4222-8333-444455556666',
      { title: 'The Last of Us', mediaType: 'TV', season: 1, episode: 4 },
    ],
    ['routes-movie.json', MOVIE, { title: 'Dune: Part Two', mediaType: 'MOVIE' }],
    ['routes-special.json', SPECIAL, { title: 'Game of Thrones: The Last Watch' }],
  ])('%s for %s', async (file, id, expected) => {
    expect(await readRoute(json(file), id)).toEqual(expected);
  });

  it('reads the example in the field notes, where the show is found by its alternateId', async () => {
    const data = {
      included: [
        {
          id: 'v1',
          attributes: { alternateId: 'u1', name: 'Ep', videoType: 'EPISODE', seasonNumber: 1, episodeNumber: 3 },
          relationships: { show: { data: { id: 's1' } } },
        },
        { id: 'x', attributes: { alternateId: 's1', name: 'Show' } },
      ],
    };
    expect(await readRoute(data, 'u1')).toEqual({ title: 'Show', mediaType: 'TV', season: 1, episode: 3 });
  });

  it.each([
    ['bonus material (EXTRA)', json('routes-extra.json'), EXTRA],
    ['an EXTRA listed beside the episode', json('routes-episode.json'), EXTRA],
    ['an id the answer does not include', json('routes-episode.json'), MOVIE],
    [
      'an episode whose show is missing',
      { included: [{ attributes: { alternateId: 'u', name: 'Ep', videoType: 'EPISODE' } }] },
      'u',
    ],
    ['an unknown videoType', { included: [{ attributes: { alternateId: 'u', name: 'Clip', videoType: 'CLIP' } }] }, 'u'],
    ['null', null, EPISODE],
    ['an error answer', { errors: [{ status: '401' }] }, EPISODE],
    ['included that is not a list', { included: { attributes: { alternateId: EPISODE } } }, EPISODE],
  ])('rejects %s', async (_, data, id) => {
    expect(await readRoute(data, id)).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it.each([
    ['player-episode.html', { title: 'The Last of Us', mediaType: 'TV', season: 1, episode: 3 }],
    ['player-episode-pt.html', { title: 'The Last of Us', mediaType: 'TV', season: 1, episode: 3 }],
    ['player-movie.html', { title: 'Dune: Part Two' }],
    ['title-only.html', null],
    ['episode-marker-only.html', null],
    ['nothing.html', null],
  ])('%s', async (file, expected) => {
    expect(await readLayer(hboMax, 'dom', page(file))).toEqual(expected);
  });
});

describe('layer: document title', () => {
  it.each([
    ['title-only.html', { title: 'Dune: Part Two' }],
    ['player-movie.html', { title: 'Dune: Part Two' }],
    // The tab names the episode ("Long, Long Time"), which would pass for the show.
    ['player-episode.html', null],
    ['episode-marker-only.html', null],
    ['nothing.html', null],
  ])('%s', async (file, expected) => {
    expect(await readLayer(hboMax, 'title', page(file))).toEqual(expected);
  });
});

describe('layers in order', () => {
  const input = (document: Document, data: unknown, contentId = EPISODE) => ({
    document,
    video: document.querySelector('video') as HTMLVideoElement,
    url: new URL(`https://play.hbomax.com/video/watch/${contentId}/9b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d5e`),
    contentId,
    pageData: async () => data,
  });

  it.each([
    ['player-episode.html', 'routes-episode.json', EPISODE, { title: 'The Last of Us', mediaType: 'TV', season: 1, episode: 3 }],
    ['player-movie.html', 'routes-movie.json', MOVIE, { title: 'Dune: Part Two', mediaType: 'MOVIE' }],
  ])('prefers the page data: %s with %s', async (file, data, id, expected) => {
    expect(await identify(hboMax, input(page(file), json(data), id))).toEqual(expected);
  });

  it.each([
    ['player-episode.html', { title: 'The Last of Us', mediaType: 'TV', season: 1, episode: 3 }],
    ['player-movie.html', { title: 'Dune: Part Two' }],
    ['title-only.html', { title: 'Dune: Part Two' }],
    ['episode-marker-only.html', null],
    ['nothing.html', null],
  ])('without page data, %s still gives %j', async (file, expected) => {
    expect(await identify(hboMax, input(page(file), null))).toEqual(expected);
  });

  it('a page script that fails falls through to the DOM', async () => {
    const broken = { ...input(page('player-episode.html'), null), pageData: async () => Promise.reject(new Error('blocked')) };
    expect(await identify(hboMax, broken)).toEqual({ title: 'The Last of Us', mediaType: 'TV', season: 1, episode: 3 });
  });

  it('a one-uuid watch URL is read by its uuid', async () => {
    const url = new URL('https://play.hbomax.com/video/watch/5b6c7d8e-1111-4222-8333-444455556666');
    const document = page('nothing.html');
    const contentId = hboMax.watchPage(url) ?? '';
    expect(await identify(hboMax, { document, url, contentId, pageData: async () => json('routes-episode.json') })).toEqual({
      title: 'The Last of Us',
      mediaType: 'TV',
      season: 1,
      episode: 4,
    });
  });

  it('bonus material is not named by the page data', async () => {
    expect(await identify(hboMax, input(page('nothing.html'), json('routes-extra.json'), EXTRA))).toBeNull();
  });
});

describe('the page-world half (hbo-max.page.ts), on the CMS hosts', () => {
  afterEach(() => vi.unstubAllGlobals());
  const DUNE = `/video/watch/${MOVIE}/d0e1f2a3-1111-4000-8000-00000000d001`;
  const route = (host: string) => `${host}/cms/routes${DUNE}`;
  const answering = (host: string) => (request: { url: string }) =>
    request.url.startsWith(`${route(host)}?`) ? json('routes-movie.json') : undefined;

  it.each([
    ['play.hbomax.com', 'https://default.any-amer.prd.api.hbomax.com'],
    // The address HBO Max had before it took its old name back: its session cookie is on max.com.
    ['play.max.com', 'https://default.any-amer.prd.api.max.com'],
  ])('on %s, before the app has asked anything, asks the Americas host %s with the web client headers', async (site, host) => {
    const world = pageWorld(`https://${site}${DUNE}`, answering(host));
    hboMaxPage();
    const data = await world.ask(MOVIE);
    // Beside the profile's questions (/users/me), the route once.
    const cms = world.sent.filter((request) => request.url.includes('/cms/'));
    expect(cms.map((request) => request.url.split('?')[0])).toEqual([route(host)]);
    expect(Object.keys(cms[0]?.headers ?? {})).toEqual(
      expect.arrayContaining(['x-disco-client', 'x-disco-params', 'x-device-info']),
    );
    expect(await readRoute(data, MOVIE)).toEqual({ title: 'Dune: Part Two', mediaType: 'MOVIE' });
  });
  it("reads the app's own answer from a discomax.com market host, asking nothing itself", async () => {
    const host = 'https://default.beam-emea.prd.api.discomax.com';
    const world = pageWorld(`https://play.hbomax.com${DUNE}`, answering(host));
    hboMaxPage();
    await world.app(`${route(host)}?include=default`, {
      credentials: 'include',
      headers: { 'x-disco-client': 'WEB:NT 10.0:beam:9.4.2' },
    });
    const data = await world.ask(MOVIE);
    expect(world.sent.filter((request) => request.url.includes('/cms/'))).toHaveLength(1);
    expect(await readRoute(data, MOVIE)).toEqual({ title: 'Dune: Part Two', mediaType: 'MOVIE' });
  });
  it("never asks a host that is not one of the platform's", async () => {
    const world = pageWorld(`https://play.hbomax.com${DUNE}`, () => json('routes-movie.json'));
    hboMaxPage();
    await world.app(`https://default.any-amer.prd.api.example.com/cms/routes${DUNE}?include=default`);
    await world.ask(MOVIE);
    expect(new Set(world.sent.slice(1).map((request) => new URL(request.url).hostname))).toEqual(
      new Set(['default.any-amer.prd.api.hbomax.com']),
    );
  });
});
