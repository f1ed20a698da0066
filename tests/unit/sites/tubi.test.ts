import { describe, expect, it } from 'vitest';
import { tubi } from '@/utils/sites/connectors/tubi';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const { page } = fixtures('tubi', 'https://tubitv.com/tv-shows/554628/s01-e01-rise-of-the-snakes');

describeWatchPages(tubi);

const ninjago = { title: 'Ninjago: Masters of Spinjitzu', mediaType: 'TV', season: 1, episode: 1 };

describe('layer: page data (window.__data)', () => {
  it("reads an episode's numbers from its title and its show from its series", async () => {
    const data = {
      id: '554628',
      title: 'S01:E01 - Rise of the Snakes',
      year: 2011,
      seriesTitle: 'Ninjago: Masters of Spinjitzu',
    };
    expect(await readPageData(tubi, data, page('episode.html'), { contentId: '554628' })).toEqual(ninjago);
  });
  it('reads a film with its year', async () => {
    const document = page('movie.html', 'https://tubitv.com/movies/100004539/the-39-steps');
    const data = { id: '100004539', title: 'The 39 Steps', year: 1935 };
    expect(await readPageData(tubi, data, document, { contentId: '100004539' })).toEqual({
      title: 'The 39 Steps',
      year: 1935,
      mediaType: 'MOVIE',
    });
  });
  it('names nothing for another video', async () => {
    expect(await readPageData(tubi, { id: '1', title: 'X' }, page('episode.html'), { contentId: '554628' })).toBeNull();
  });
});

describe('layer: meta', () => {
  it('reads og:title: the show and the numbers', async () => {
    expect(await readLayer(tubi, 'meta', page('episode.html'))).toEqual(ninjago);
  });
  it("reads a film's og:title", async () => {
    const document = page('movie.html', 'https://tubitv.com/movies/100004539/the-39-steps');
    expect(await readLayer(tubi, 'meta', document)).toEqual({ title: 'The 39 Steps', mediaType: 'MOVIE' });
  });
});
