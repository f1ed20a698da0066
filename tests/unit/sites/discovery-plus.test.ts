import { describe, expect, it } from 'vitest';
import { discoveryPlus } from '@/utils/sites/connectors/discovery-plus';
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
