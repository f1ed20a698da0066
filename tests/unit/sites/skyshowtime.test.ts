import { describe, expect, it } from 'vitest';
import { skyshowtime } from '@/utils/sites/connectors/skyshowtime';
import { identify } from '@/utils/sites/identify';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const { page, json } = fixtures(
  'skyshowtime',
  'https://www.skyshowtime.com/watch/playback/vod/GMO_00000000073159_01/f9d03003-eb04-3c7f-a7b6-a83ab7eb55bc',
);

describeWatchPages(skyshowtime);

const yellowstone = { title: 'Yellowstone', mediaType: 'TV', season: 1, episode: 3 };

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
});

describe('layer: tab title', () => {
  it('reads "<title> - SkyShowtime"', async () => {
    expect(await readLayer(skyshowtime, 'title', page('player-movie.html'))).toEqual({ title: 'Oppenheimer' });
  });
  it('reads nothing while an episode line shows (the tab may name the episode)', async () => {
    expect(await readLayer(skyshowtime, 'title', page('player-episode.html'))).toBeNull();
  });
});

it('without the catalogue, the player names the episode', async () => {
  const document = page('player-episode.html');
  const url = new URL(document.location.href);
  expect(await identify(skyshowtime, { document, url, contentId: 'GMO_00000000073159_01', pageData: async () => null })).toEqual(
    yellowstone,
  );
});
