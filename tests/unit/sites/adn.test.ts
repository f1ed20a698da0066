import { describe, expect, it } from 'vitest';
import { adn } from '@/utils/sites/connectors/adn';
import { describeWatchPages, fixtures, readLayer } from './support';

const { page } = fixtures('adn', 'https://animationdigitalnetwork.com/video/558-fruits-basket/9841-episode-1-a-ce-soir');

describeWatchPages(adn);

describe('layer: JSON-LD', () => {
  it("reads the episode whose url is the watch page's", async () => {
    expect(await readLayer(adn, 'json-ld', page('episode.html'), { contentId: '9841' })).toEqual({
      title: 'Fruits Basket',
      mediaType: 'TV',
      season: 1,
      episode: 1,
    });
  });
  it("reads nothing when its url is another video's", async () => {
    expect(await readLayer(adn, 'json-ld', page('episode.html'), { contentId: '9842' })).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it('reads the heading\'s show and the address\'s "folge-1"', async () => {
    const url = 'https://animationdigitalnetwork.com/de/video/973-the-eminence-in-shadow/23550-folge-1';
    expect(await readLayer(adn, 'dom', page('episode-no-ld.html', url))).toEqual({
      title: 'The Eminence in Shadow',
      mediaType: 'TV',
      episode: 1,
    });
  });
});
