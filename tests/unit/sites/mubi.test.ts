import { describe, expect, it } from 'vitest';
import { mubi } from '@/utils/sites/connectors/mubi';
import { describeWatchPages, fixtures, readLayer } from './support';

const { page } = fixtures('mubi', 'https://mubi.com/en/us/films/perfect-days/player');

describeWatchPages(mubi);

const perfectDays = { title: 'Perfect Days', year: 2023, mediaType: 'MOVIE' };

describe("layer: page data (the page's __NEXT_DATA__)", () => {
  it.each(['perfect-days', '325455'])('names the film served for %s', async (contentId) => {
    expect(await readLayer(mubi, 'page', page('player.html'), { contentId })).toEqual(perfectDays);
  });
  it('names nothing after in-app navigation to another film', async () => {
    expect(await readLayer(mubi, 'page', page('player.html'), { contentId: 'fallen-leaves' })).toBeNull();
  });
  it("names a series' episode by its series", async () => {
    const reading = await readLayer(mubi, 'page', page('player-episode.html'), { contentId: 'twin-peaks-episode-1' });
    expect(reading).toEqual({ title: 'Twin Peaks', mediaType: 'TV', season: 1, episode: 1 });
  });
});

describe('layer: tab title', () => {
  it('reads "<title> | MUBI"', async () => {
    expect(await readLayer(mubi, 'title', page('player.html'))).toEqual({ title: 'Perfect Days' });
  });
});
