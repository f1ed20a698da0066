import { afterEach, describe, expect, it, vi } from 'vitest';
import { discoveryPlus } from '@/utils/sites/connectors/discovery-plus';
import { discoveryPlusPage, routedHost } from '@/utils/sites/connectors/discovery-plus.page';
import { pageWorld } from './page-world-support';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const { page, json } = fixtures(
  'discovery-plus',
  'https://play.discoveryplus.com/video/watch/cd9b5c04-9e6e-47a1-9b4f-8c0f2d933b51/aa8c4336-1e9d-4e1f-a399-fdf8148b7ce9',
);

describeWatchPages(discoveryPlus);

const episode = { title: 'Homestead Rescue', mediaType: 'TV', season: 2, episode: 5 };

it('plays the first uuid of the address (the video; the second is its edit)', () => {
  const url = new URL(
    'https://play.discoveryplus.com/video/watch/cd9b5c04-9e6e-47a1-9b4f-8c0f2d933b51/aa8c4336-1e9d-4e1f-a399-fdf8148b7ce9',
  );
  expect(discoveryPlus.watchPage(url)).toBe('cd9b5c04-9e6e-47a1-9b4f-8c0f2d933b51');
});

describe('layer: page data (cms/routes)', () => {
  it("names the video whose alternateId is the address's, its show through the relationship", async () => {
    const data = json('routes-episode.json');
    const document = page('player-episode.html');
    expect(await readPageData(discoveryPlus, data, document, { contentId: 'cd9b5c04-9e6e-47a1-9b4f-8c0f2d933b51' })).toEqual(
      episode,
    );
  });
  it('names nothing for a route of another video', async () => {
    const data = json('routes-episode.json');
    expect(
      await readPageData(discoveryPlus, data, page('player-episode.html'), { contentId: 'aa8c4336-1e9d-4e1f-a399-fdf8148b7ce9' }),
    ).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it('reads the overlay\'s title and "S2 E5:"', async () => {
    expect(await readLayer(discoveryPlus, 'dom', page('player-episode.html'))).toEqual(episode);
  });
});

describe('the page-world half (discovery-plus.page.ts), on the API hosts', () => {
  afterEach(() => vi.unstubAllGlobals());
  const WATCH = '/video/watch/cd9b5c04-9e6e-47a1-9b4f-8c0f2d933b51/aa8c4336-1e9d-4e1f-a399-fdf8148b7ce9';
  const VIDEO = 'cd9b5c04-9e6e-47a1-9b4f-8c0f2d933b51';
  const EMEA = 'https://default.any-emea.prd.api.discomax.com';
  const BOOTSTRAP = 'https://default.any-any.prd.api.discomax.com/session-context/headwaiter/v1/bootstrap';
  const APP_CLIENT = { 'x-disco-client': 'WEB:10.15.7:dplus:6.9.1', 'x-disco-params': 'realm=bolt,bid=dplus,features=ar' };
  const network = (request: { url: string }) => {
    if (request.url === BOOTSTRAP) return json('bootstrap.json');
    return request.url.startsWith(`${EMEA}/cms/routes${WATCH}?`) ? json('routes-episode.json') : undefined;
  };
  const named = async (data: unknown) => readPageData(discoveryPlus, data, page('player-episode.html'), { contentId: VIDEO });

  it("reads the app's own cms/routes answer from a discomax.com host", async () => {
    const world = pageWorld(`https://play.discoveryplus.com${WATCH}`, network);
    discoveryPlusPage();
    await world.app(`${EMEA}/cms/routes${WATCH}?include=default`, { credentials: 'include', headers: APP_CLIENT });
    const data = await world.ask(VIDEO);
    expect(world.sent).toHaveLength(1);
    expect(await named(data)).toEqual(episode);
  });
  it("asks the market host the app's bootstrap answer routes it to, with the headers the app sent there", async () => {
    const world = pageWorld(`https://play.discoveryplus.com${WATCH}`, network);
    discoveryPlusPage();
    await world.app(BOOTSTRAP, { method: 'POST', credentials: 'include', headers: APP_CLIENT, body: '{}' });
    const data = await world.ask(VIDEO);
    const asked = world.sent.at(-1);
    expect(asked?.url.split('?')[0]).toBe(`${EMEA}/cms/routes${WATCH}`);
    expect(asked?.headers).toMatchObject(APP_CLIENT);
    expect(await named(data)).toEqual(episode);
  });
  it("asks the host of the app's earlier CMS requests (the browser's resource timings), with the web client's known values", async () => {
    const world = pageWorld(`https://play.discoveryplus.com${WATCH}`, network, {
      resources: [`${EMEA}/cms/routes/home?include=default`],
    });
    discoveryPlusPage();
    const data = await world.ask(VIDEO);
    expect(world.sent.map((request) => request.url.split('?')[0])).toEqual([`${EMEA}/cms/routes${WATCH}`]);
    expect(world.sent[0]?.headers).toMatchObject({ 'x-disco-client': 'WEB:10.15.7:dplus:6.3.0' });
    expect(await named(data)).toEqual(episode);
  });
  it('asks nothing while no host is known', async () => {
    const world = pageWorld(`https://play.discoveryplus.com${WATCH}`, network);
    discoveryPlusPage();
    expect(await world.ask(VIDEO)).toBeNull();
    expect(world.sent).toEqual([]);
  });
  it.each([
    [
      { routing: { tenant: 'any', homeMarket: 'amer', env: 'prd', domain: 'api.discoveryplus.com' } },
      'https://default.any-amer.prd.api.discoveryplus.com',
    ],
    [{ routing: { tenant: 'any', homeMarket: 'emea', env: 'prd', domain: 'example.com' } }, undefined],
    [{ routing: { tenant: 'any/x', homeMarket: 'emea', env: 'prd', domain: 'api.discomax.com' } }, undefined],
    [{ routing: null }, undefined],
  ])('routes %j to %s', (answer, host) => {
    expect(routedHost(answer)).toBe(host);
  });
});
