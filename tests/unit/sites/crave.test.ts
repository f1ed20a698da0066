import { describe, expect, it } from 'vitest';
import { crave } from '@/utils/sites/connectors/crave';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const { page, json } = fixtures('crave', 'https://www.crave.ca/en/play/30-rock/cutbacks-s3e17-458963');

describeWatchPages(crave);

const content = () => (json('graphql-episode.json') as { data: { contents: unknown[] } }).data.contents[0];
const rock = (episode: number) => ({ title: '30 Rock', mediaType: 'TV', season: 3, episode });

it('plays the content id that ends the address', () => {
  expect(crave.watchPage(new URL('https://www.crave.ca/en/play/30-rock/cutbacks-s3e17-458963'))).toBe('458963');
});

describe('layer: page data (the catalogue)', () => {
  it('names an EPISODE by its media, with its numbers (sent as text)', async () => {
    expect(await readPageData(crave, content(), page('player-episode.html'))).toEqual(rock(17));
  });
  it("follows the player's line when Play Next went on without changing the address", async () => {
    expect(await readPageData(crave, content(), page('player-next.html'))).toEqual(rock(18));
  });
  it('names a FEATURE as a film with its year; a PROMO is neither', async () => {
    const feature = {
      id: '2362155',
      title: 'Ghostbusters',
      contentType: 'FEATURE',
      media: { title: 'Ghostbusters', productionYear: '1984' },
    };
    expect(await readPageData(crave, feature, page('player-episode.html'))).toEqual({
      title: 'Ghostbusters',
      year: 1984,
      mediaType: 'MOVIE',
    });
    expect(await readPageData(crave, { ...feature, contentType: 'PROMO' }, page('player-episode.html'))).toBe('other');
  });
});

describe('layer: address', () => {
  it("reads the show's slug and the player's numbers", async () => {
    expect(await readLayer(crave, 'address', page('player-next.html'))).toEqual(rock(18));
  });
  it("reads a film's slug", async () => {
    const url = 'https://www.crave.ca/en/play/ghostbusters-2362155';
    expect(await readLayer(crave, 'address', page('player-episode.html', url))).toEqual({
      title: 'Ghostbusters',
      mediaType: 'MOVIE',
    });
  });
});
