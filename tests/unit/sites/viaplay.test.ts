import { describe, expect, it } from 'vitest';
import { viaplay } from '@/utils/sites/connectors/viaplay';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const { page, json } = fixtures('viaplay', 'https://viaplay.no/player/default/serier/mr.-robot/sesong-4/episode-1');

describeWatchPages(viaplay);

const product = (name: string) => (json(name) as { _embedded: Record<string, unknown> })._embedded['viaplay:product'];

it("plays the content path after /player/default/, also after viaplay.com's country prefix", () => {
  expect(viaplay.watchPage(new URL('https://viaplay.com/nl-nl/player/default/series/the-head/seizoen-1/aflevering-2'))).toBe(
    'series/the-head/seizoen-1/aflevering-2',
  );
});

describe('layer: page data (content API product)', () => {
  it("names an episode by its series, never by the episode's own title or year", async () => {
    expect(await readPageData(viaplay, product('product-episode.json'), page('player.html'))).toEqual({
      title: 'Mr. Robot',
      mediaType: 'TV',
      season: 4,
      episode: 1,
    });
  });
  it("names an episode by its show's original title, not the market's own (Danish 'Gurli Gris' is Peppa Pig)", async () => {
    expect(await readPageData(viaplay, product('product-episode-localised.json'), page('player.html'))).toEqual({
      title: 'Peppa Pig',
      mediaType: 'TV',
      season: 1,
      episode: 1,
    });
  });
  it('names an episode by its series title when the product has no original title', async () => {
    const episode = product('product-episode-localised.json') as { content: Record<string, unknown> };
    const { originalTitle: _, ...content } = episode.content;
    expect(await readPageData(viaplay, { ...episode, content }, page('player.html'))).toMatchObject({ title: 'Gurli Gris' });
  });
  it('names a film with its production year', async () => {
    expect(await readPageData(viaplay, product('product-movie.json'), page('player.html'))).toEqual({
      title: 'Arrival',
      year: 2016,
      mediaType: 'MOVIE',
    });
  });
  it('says sport is neither', async () => {
    expect(await readPageData(viaplay, product('product-sport.json'), page('player.html'))).toBe('other');
  });
});

describe('layer: address', () => {
  it.each([
    ['serier/mr.-robot/sesong-4/episode-1', { title: 'Mr. Robot', mediaType: 'TV', season: 4, episode: 1 }],
    ['serier/bron/sasong-1/avsnitt-1', { title: 'Bron', mediaType: 'TV', season: 1, episode: 1 }],
    ['series/the-head/seizoen-1/aflevering-2', { title: 'The Head', mediaType: 'TV', season: 1, episode: 2 }],
    ['film/arrival-2016', { title: 'Arrival', year: 2016, mediaType: 'MOVIE' }],
    ['sport/premier-league', null],
  ])('%s', async (contentId, expected) => {
    expect(await readLayer(viaplay, 'address', page('player.html'), { contentId })).toEqual(expected);
  });
});
