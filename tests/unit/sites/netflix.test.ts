import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { netflix } from '@/utils/sites/connectors/netflix';
import { identify, identifyWithSources } from '@/utils/sites/identify';
import { readLayer, readPageData, sampleUrls } from './support';

const fixtures = resolve(import.meta.dirname, '../../fixtures/netflix');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
function page(name: string): Document {
  const window = new Window({ url: 'https://www.netflix.com/watch/81434459' });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

/** A metadata answer's `video`, changed by `edit`: the fixtures stay as Netflix sent them. */
function editedVideo(name: string, edit: (video: Record<string, unknown>) => void): unknown {
  const data = json(name) as { video: Record<string, unknown> };
  edit(data.video);
  return data;
}

const urls = sampleUrls('netflix');

describe('netflix watch pages', () => {
  it.each(urls.watch)('%s is a watch page', (url) => {
    expect(netflix.watchPage(new URL(url))).toMatch(/^\d+$/);
  });
  it.each(urls.notWatch)('%s is not', (url) => {
    expect(netflix.watchPage(new URL(url))).toBeNull();
  });
});

describe('layer: page data (metadata API)', () => {
  /** What the page-world half hands over: the playing id (absent here) and its metadata. */
  const readMetadata = (metadata: unknown, contentId: string, playingId?: unknown) =>
    readPageData(netflix, { playingId, metadata }, page('nothing.html'), { contentId });

  it.each([
    ['metadata-81434459.json', '81434459', { title: 'Severance', year: 2022, mediaType: 'TV', season: 2, episode: 4 }],
    ['metadata-81169145.json', '81169145', { title: 'Glass Onion: A Knives Out Mystery', year: 2022, mediaType: 'MOVIE' }],
    ['metadata-80997085.json', '80997086', { title: 'Our Planet: Collection', year: 2019, mediaType: 'TV' }],
  ])('%s', async (file, id, expected) => {
    expect(await readMetadata(json(file), id)).toEqual(expected);
  });

  it("a show's year is its earliest season's, not the answer's own year", async () => {
    // metadata-81434460.json: `video.year` 2025, seasons from 2022 and 2025.
    expect(await readMetadata(json('metadata-81434460.json'), '81434460')).toEqual({
      title: 'Severance',
      year: 2022,
      mediaType: 'TV',
      season: 2,
      episode: 5,
    });
  });

  it("a show whose seasons carry no year gets none, whatever the answer's own year", async () => {
    const data = editedVideo('metadata-81434459.json', (video) => {
      for (const season of video.seasons as Record<string, unknown>[]) delete season.year;
    });
    expect(await readMetadata(data, '81434459')).toEqual({ title: 'Severance', mediaType: 'TV', season: 2, episode: 4 });
  });

  it("without currentEpisode, the player's playingId picks the episode over the URL's id", async () => {
    const data = editedVideo('metadata-81434459.json', (video) => {
      delete video.currentEpisode;
    });
    expect(await readMetadata(data, '81434459', '81434460')).toEqual({
      title: 'Severance',
      year: 2022,
      mediaType: 'TV',
      season: 2,
      episode: 5,
    });
    // No playing id, or one that is no id: the URL's.
    expect(await readMetadata(data, '81434459')).toMatchObject({ season: 2, episode: 4 });
    expect(await readMetadata(data, '81434459', { id: 81434460 })).toMatchObject({ season: 2, episode: 4 });
  });

  it.each([null, 'nope', { video: { type: 'show' } }, { video: { type: 'trailer', title: 'X' } }, { video: [] }])(
    'rejects %j',
    async (data) => {
      expect(await readMetadata(data, '1')).toBeNull();
    },
  );

  it('rejects page data without its metadata', async () => {
    expect(
      await readPageData(netflix, json('metadata-81434459.json'), page('nothing.html'), { contentId: '81434459' }),
    ).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it('reads an episode', async () => {
    expect(await readLayer(netflix, 'dom', page('dom-episode.html'))).toEqual({
      title: 'Severance',
      mediaType: 'TV',
      season: 2,
      episode: 4,
    });
  });
  it('reads a film without guessing its type', async () => {
    expect(await readLayer(netflix, 'dom', page('dom-movie.html'))).toEqual({ title: 'Glass Onion: A Knives Out Mystery' });
  });
  it('finds nothing on a page without the title block', async () => {
    expect(await readLayer(netflix, 'dom', page('nothing.html'))).toBeNull();
  });
});

describe('layer: document title', () => {
  it('reads "Title | Netflix"', async () => {
    expect(await readLayer(netflix, 'title', page('title-only.html'))).toEqual({ title: 'Stranger Things' });
  });
  it('a bare "Netflix" says nothing', async () => {
    expect(await readLayer(netflix, 'title', page('nothing.html'))).toBeNull();
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
    const data = { playingId: '81434459', metadata: json('metadata-81434459.json') };
    expect(await identify(netflix, input(page('dom-episode.html'), data))).toEqual({
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

describe('the profile that watches (Profiles logged)', () => {
  const input = (data: unknown) => ({
    document: page('dom-episode.html'),
    url: new URL('https://www.netflix.com/watch/81434459'),
    contentId: '81434459',
    pageData: async () => data,
  });

  it('is the name the page-world half read, a kids profile said so; the page asked once for both', async () => {
    let asked = 0;
    const data = { playingId: '81434459', metadata: json('metadata-81434459.json'), profile: { name: 'Kids', kids: true } };
    const pageData = async () => {
      asked += 1;
      return data;
    };
    const found = await identifyWithSources(netflix, { ...input(data), pageData });
    expect(found).toMatchObject({ media: { title: 'Severance' }, profile: { name: 'Kids', kids: true } });
    expect(asked).toBe(1);
  });

  it('is named even when the metadata API did not answer; an adult profile is not marked', async () => {
    const found = await identifyWithSources(
      netflix,
      input({ playingId: '81434459', metadata: null, profile: { name: 'Sam', kids: false } }),
    );
    expect(found).toMatchObject({ media: { title: 'Severance', season: 2, episode: 4 }, profile: { name: 'Sam' } });
    expect(found.profile).not.toHaveProperty('kids');
  });

  it('none, or one that is not a name (too long, not text, blank), is no profile', async () => {
    for (const profile of [undefined, { name: 42 }, { name: '   ' }, 'Kids']) {
      expect((await identifyWithSources(netflix, input({ metadata: null, profile }))).profile).toBeUndefined();
    }
    const long = await identifyWithSources(netflix, input({ metadata: null, profile: { name: 'x'.repeat(500) } }));
    expect(long.profile?.name.length).toBeLessThanOrEqual(100);
  });
});
