import { afterEach, describe, expect, it, vi } from 'vitest';
import { skyshowtime } from '@/utils/sites/connectors/skyshowtime';
import { skyshowtimePage } from '@/utils/sites/connectors/skyshowtime.page';
import { identify } from '@/utils/sites/identify';
import { pageWorld } from './page-world-support';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const { page, json } = fixtures(
  'skyshowtime',
  'https://www.skyshowtime.com/watch/playback/vod/GMO_00000000073159_01/f9d03003-eb04-3c7f-a7b6-a83ab7eb55bc',
);

describeWatchPages(skyshowtime);

const yellowstone = { title: 'Yellowstone', mediaType: 'TV', season: 1, episode: 3 };
/** The watch address universal-trakt-scrobbler documents: the content id with the brand before it. */
const BRANDED = 'SkyShowtime:GMO_00000000073159_01';
const VARIANT = 'f9d03003-eb04-3c7f-a7b6-a83ab7eb55bc';
const BRANDED_URL = `https://www.skyshowtime.com/watch/playback/vod/${BRANDED}/${VARIANT}`;
const ATOM = 'https://atom.skyshowtime.com/adapter-calypso/v3/query/node';

describe('watch ids', () => {
  it.each([
    [BRANDED_URL, BRANDED],
    [`https://www.skyshowtime.com/watch/playback/vod/GMO_00000000073159_01/${VARIANT}`, 'GMO_00000000073159_01'],
    // Not a content id in any form we know: the provider variant uuid the catalogue also answers for.
    [`https://www.skyshowtime.com/watch/playback/vod/SkyShowtime:73159/${VARIANT}`, VARIANT],
    [`https://www.skyshowtime.com/watch/playback/vod/_/${VARIANT}`, VARIANT],
  ])('%s plays %s', (url, id) => {
    expect(skyshowtime.watchPage(new URL(url))).toBe(id);
  });
});

describe('main video', () => {
  it('is the player, not the short-form preview', () => {
    const document = page('player-episode.html');
    const isMain = (selector: string) => skyshowtime.isMainVideo?.(document.querySelector(selector) as HTMLVideoElement);
    expect(isMain('#core-video-shaka')).toBe(true);
    expect(isMain('[data-gsp-shortform-player] video')).toBe(false);
  });
});

describe('layer: page data (catalogue node)', () => {
  it("names the episode whose content id is the watch page's", async () => {
    const data = json('node-episode.json');
    expect(await readPageData(skyshowtime, data, page('player-episode.html'), { contentId: 'GMO_00000000073159_01' })).toEqual(
      yellowstone,
    );
  });
  it('and by its provider variant uuid', async () => {
    const data = json('node-episode.json');
    expect(
      await readPageData(skyshowtime, data, page('player-episode.html'), { contentId: 'f9d03003-eb04-3c7f-a7b6-a83ab7eb55bc' }),
    ).toEqual(yellowstone);
  });
  it('and by the content id with the brand before it, as the address has it', async () => {
    expect(
      await readPageData(skyshowtime, json('node-episode.json'), page('player-episode.html'), { contentId: BRANDED }),
    ).toEqual(yellowstone);
  });
  it("names nothing for another item's node", async () => {
    expect(
      await readPageData(skyshowtime, json('node-episode.json'), page('player-episode.html'), { contentId: 'GMO_1' }),
    ).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it('reads "S1 E3: <name>" under the title as an episode', async () => {
    expect(await readLayer(skyshowtime, 'dom', page('player-episode.html'))).toEqual(yellowstone);
  });
  it('reads a title with no episode line as a film', async () => {
    expect(await readLayer(skyshowtime, 'dom', page('player-movie.html'))).toEqual({ title: 'Oppenheimer', mediaType: 'MOVIE' });
  });
  it("reads Peacock's player (test ids): the episode line under the title", async () => {
    expect(await readLayer(skyshowtime, 'dom', page('player-episode-testids.html'))).toEqual(yellowstone);
  });
  it("takes no type from a title alone in Peacock's player, where films have a line too", async () => {
    const document = page('player-episode-testids.html');
    document.querySelector('[data-testid="metadata-description"]')?.remove();
    expect(await readLayer(skyshowtime, 'dom', document)).toEqual({ title: 'Yellowstone' });
  });
});

describe('layer: tab title', () => {
  it('reads "<title> - SkyShowtime"', async () => {
    expect(await readLayer(skyshowtime, 'title', page('player-movie.html'))).toEqual({ title: 'Oppenheimer' });
  });
  it('reads nothing while an episode line shows (the tab may name the episode)', async () => {
    expect(await readLayer(skyshowtime, 'title', page('player-episode.html'))).toBeNull();
    expect(await readLayer(skyshowtime, 'title', page('player-episode-testids.html'))).toBeNull();
  });
});

it('without the catalogue, the player names the episode', async () => {
  const document = page('player-episode.html');
  const url = new URL(document.location.href);
  expect(await identify(skyshowtime, { document, url, contentId: 'GMO_00000000073159_01', pageData: async () => null })).toEqual(
    yellowstone,
  );
});

describe('the page-world half (skyshowtime.page.ts), on the catalogue', () => {
  afterEach(() => vi.unstubAllGlobals());
  const profile = (territory: string) =>
    localStorage.setItem('peacock_publicProfile', JSON.stringify({ profile: { services: { skyshowtime: { territory } } } }));

  it("asks for the branded content id as the address has it, in the viewer's territory", async () => {
    const world = pageWorld(BRANDED_URL, ({ url }) =>
      url === `${ATOM}/content_id/${BRANDED}` ? json('node-episode.json') : undefined,
    );
    profile('NL');
    skyshowtimePage();
    const data = await world.ask(BRANDED);
    expect(world.sent.map((request) => request.url)).toEqual([`${ATOM}/content_id/${BRANDED}`]);
    expect(world.sent[0]?.headers).toMatchObject({ 'x-skyott-provider': 'SKYSHOWTIME', 'x-skyott-territory': 'NL' });
    expect(await readPageData(skyshowtime, data, page('player-episode.html'), { contentId: BRANDED })).toEqual(yellowstone);
  });
  it('falls back to the provider variant uuid of the address when the content id finds nothing', async () => {
    const world = pageWorld(BRANDED_URL, ({ url }) =>
      url === `${ATOM}/provider_variant_id/${VARIANT}` ? json('node-episode.json') : undefined,
    );
    profile('NL');
    skyshowtimePage();
    const data = await world.ask(BRANDED);
    expect(world.sent.map((request) => request.url)).toEqual([
      `${ATOM}/content_id/${BRANDED}`,
      `${ATOM}/provider_variant_id/${VARIANT}`,
    ]);
    expect(await readPageData(skyshowtime, data, page('player-episode.html'), { contentId: BRANDED })).toEqual(yellowstone);
  });
  it('asks nothing before the territory is known', async () => {
    const world = pageWorld(BRANDED_URL, () => json('node-episode.json'));
    skyshowtimePage();
    expect(await world.ask(BRANDED)).toBeNull();
    expect(world.sent).toEqual([]);
  });
});
