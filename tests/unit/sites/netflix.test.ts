import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { identify } from '@/utils/playback/engine';
import { mediaFromDocumentTitle, mediaFromMetadata, mediaFromPlayerTitle, netflix } from '@/utils/sites/connectors/netflix';

const fixtures = resolve(import.meta.dirname, '../../fixtures/netflix');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
function page(name: string): Document {
  const window = new Window({ url: 'https://www.netflix.com/watch/81434459' });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

describe('netflix watch pages', () => {
  it.each(netflix.sampleUrls.watch)('%s is a watch page', (url) => {
    expect(netflix.watchPage(new URL(url))).toMatch(/^\d+$/);
  });
  it.each(netflix.sampleUrls.notWatch)('%s is not', (url) => {
    expect(netflix.watchPage(new URL(url))).toBeNull();
  });
});

describe('layer: page data (metadata API)', () => {
  it.each([
    ['metadata-81434459.json', '81434459', { title: 'Severance', year: 2022, mediaType: 'TV', season: 2, episode: 4 }],
    ['metadata-81434460.json', '81434460', { title: 'Severance', year: 2022, mediaType: 'TV', season: 2, episode: 5 }],
    ['metadata-81169145.json', '81169145', { title: 'Glass Onion: A Knives Out Mystery', year: 2022, mediaType: 'MOVIE' }],
    ['metadata-80997085.json', '80997086', { title: 'Our Planet: Collection', year: 2019, mediaType: 'TV' }],
  ])('%s', (file, id, expected) => {
    expect(mediaFromMetadata(json(file), id)).toEqual(expected);
  });

  it.each([null, 'nope', { video: { type: 'show' } }, { video: { type: 'trailer', title: 'X' } }, { video: [] }])(
    'rejects %j',
    (data) => {
      expect(mediaFromMetadata(data, '1')).toBeNull();
    },
  );
});

describe('layer: player DOM', () => {
  it('reads an episode', () => {
    expect(mediaFromPlayerTitle(page('dom-episode.html'))).toEqual({
      title: 'Severance',
      mediaType: 'TV',
      season: 2,
      episode: 4,
    });
  });
  it('reads a film without guessing its type', () => {
    expect(mediaFromPlayerTitle(page('dom-movie.html'))).toEqual({ title: 'Glass Onion: A Knives Out Mystery' });
  });
  it('finds nothing on a page without the title block', () => {
    expect(mediaFromPlayerTitle(page('nothing.html'))).toBeNull();
  });
});

describe('layer: document title', () => {
  it('reads "Title | Netflix"', () => {
    expect(mediaFromDocumentTitle(page('title-only.html'))).toEqual({ title: 'Stranger Things' });
  });
  it('a bare "Netflix" says nothing', () => {
    expect(mediaFromDocumentTitle(page('nothing.html'))).toBeNull();
  });
});

describe('layers in order', () => {
  const input = (document: Document, data: unknown) => ({
    document,
    video: document.querySelector('video') as HTMLVideoElement,
    url: new URL('https://www.netflix.com/watch/81434459'),
    contentId: '81434459',
    pageData: async () => data,
  });

  it('prefers the page data, which carries the year', async () => {
    expect(await identify(netflix, input(page('dom-episode.html'), json('metadata-81434459.json')))).toEqual({
      title: 'Severance',
      year: 2022,
      mediaType: 'TV',
      season: 2,
      episode: 4,
    });
  });
  it('with the best layer gone, the DOM still identifies the episode', async () => {
    expect(await identify(netflix, input(page('dom-episode.html'), null))).toEqual({
      title: 'Severance',
      mediaType: 'TV',
      season: 2,
      episode: 4,
    });
  });
  it('a throwing layer falls through to the next', async () => {
    const broken = { ...input(page('title-only.html'), null), pageData: async () => Promise.reject(new Error('blocked')) };
    expect(await identify(netflix, broken)).toEqual({ title: 'Stranger Things' });
  });
  it('nothing identifies a bare page', async () => {
    expect(await identify(netflix, input(page('nothing.html'), null))).toBeNull();
  });
});
