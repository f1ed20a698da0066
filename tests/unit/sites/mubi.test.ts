import { afterEach, describe, expect, it, vi } from 'vitest';
import { mubi } from '@/utils/sites/connectors/mubi';
import { mubiPage } from '@/utils/sites/connectors/mubi.page';
import { pageWorld } from './page-world-support';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const PLAYER = 'https://mubi.com/en/us/films/fallen-leaves/player';
const { page, json } = fixtures('mubi', 'https://mubi.com/en/us/films/perfect-days/player');

describeWatchPages(mubi);

const perfectDays = { title: 'Perfect Days', year: 2023, mediaType: 'MOVIE' };
const fallenLeaves = { title: 'Fallen Leaves', year: 2023, mediaType: 'MOVIE' };
const coffeePot = { title: 'Self-Portrait as a Coffee-Pot', mediaType: 'TV', season: 1, episode: 1 };

describe("layer: page data (the app's own film answer, else the page's __NEXT_DATA__)", () => {
  it.each(['perfect-days', '325455'])('names the film the page was served with for %s', async (contentId) => {
    expect(await readLayer(mubi, 'page', page('player.html'), { contentId })).toEqual(perfectDays);
  });
  it("names a series' episode by its series", async () => {
    const reading = await readLayer(mubi, 'page', page('player-episode.html'), { contentId: 'twin-peaks-episode-1' });
    expect(reading).toEqual({ title: 'Twin Peaks', mediaType: 'TV', season: 1, episode: 1 });
  });
  it.each(['fallen-leaves', '353364'])(
    'names the film the app asked the API for after in-app navigation (%s), though __NEXT_DATA__ is the first page’s',
    async (contentId) => {
      expect(await readPageData(mubi, json('film-fallen-leaves.json'), page('player.html'), { contentId })).toEqual(fallenLeaves);
    },
  );
  it("names an episode from the API's answer by its series", async () => {
    const contentId = 'self-portrait-as-a-coffee-pot-episode-1';
    expect(await readPageData(mubi, json('film-episode.json'), page('player.html'), { contentId })).toEqual(coffeePot);
  });
  it("falls back to __NEXT_DATA__ when the app's answer is another film's", async () => {
    expect(await readPageData(mubi, json('film-fallen-leaves.json'), page('player.html'), { contentId: 'perfect-days' })).toEqual(
      perfectDays,
    );
  });
  it('names nothing when neither describes the player’s film', async () => {
    expect(await readLayer(mubi, 'page', page('player.html'), { contentId: 'fallen-leaves' })).toBeNull();
  });
});

describe('the page-world half (mubi.page.ts), on the app’s own API answers', () => {
  afterEach(() => vi.unstubAllGlobals());
  const network = ({ url }: { url: string }) => {
    if (url === 'https://api.mubi.com/v4/films/fallen-leaves') return json('film-fallen-leaves.json');
    if (url === 'https://api.mubi.com/v4/films/self-portrait-as-a-coffee-pot-episode-1') return json('film-episode.json');
    if (url.endsWith('/playback_languages')) return { audio_options: ['Finnish'], subtitle_options: ['English'] };
    return undefined;
  };

  it('keeps the film the app asked for, by slug and by id, with only what the connector reads', async () => {
    const world = pageWorld(PLAYER, network);
    mubiPage();
    await world.app('https://api.mubi.com/v4/films/fallen-leaves', { headers: { Client: 'web', 'Client-Country': 'US' } });
    const handed = await world.ask('fallen-leaves');
    expect(handed).toEqual({
      id: 353364,
      slug: 'fallen-leaves',
      title: 'Fallen Leaves',
      year: 2023,
      episode: null,
      series: null,
    });
    expect(await world.ask('353364')).toEqual(handed);
    expect(await readPageData(mubi, handed, page('player.html', PLAYER), { contentId: 'fallen-leaves' })).toEqual(fallenLeaves);
  });
  it("keeps an episode's numbers and its series", async () => {
    const world = pageWorld(PLAYER, network);
    mubiPage();
    await world.app('https://api.mubi.com/v4/films/self-portrait-as-a-coffee-pot-episode-1');
    const handed = await world.ask('451202');
    expect(handed).toMatchObject({ episode: { number: 1, season_number: 1, series_title: 'Self-Portrait as a Coffee-Pot' } });
    expect(await readPageData(mubi, handed, page('player.html'), { contentId: '451202' })).toEqual(coffeePot);
  });
  it('hands over nothing it did not see, and nothing from a film’s other answers', async () => {
    const world = pageWorld(PLAYER, network);
    mubiPage();
    await world.app('https://api.mubi.com/v4/films/353364/playback_languages');
    expect(await world.ask('353364')).toBeNull();
    expect(await world.ask('fallen-leaves')).toBeNull();
    // The half only reads: it never asks the API itself.
    expect(world.sent.map((request) => request.url)).toEqual(['https://api.mubi.com/v4/films/353364/playback_languages']);
  });
});

describe('layer: tab title', () => {
  it('reads "<title> | MUBI" as a film where nothing speaks of episodes', async () => {
    expect(await readLayer(mubi, 'title', page('player.html'))).toEqual({ title: 'Perfect Days', mediaType: 'MOVIE' });
  });
  it('leaves the type open on a tab that names an episode', async () => {
    expect(await readLayer(mubi, 'title', page('player-episode.html'))).toEqual({ title: 'Twin Peaks - Episode 1' });
  });
  it("leaves the type open where the page's data is a series'", async () => {
    const document = page('player-episode.html');
    document.title = 'The Return | MUBI';
    expect(await readLayer(mubi, 'title', document)).toEqual({ title: 'The Return' });
  });
});
