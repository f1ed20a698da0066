import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { disneyPlus, isMainVideo } from '@/utils/sites/connectors/disney-plus';
import { identify } from '@/utils/sites/identify';
import { readLayer, readPageData, sampleUrls } from './support';

const WATCH_URL = 'https://www.disneyplus.com/en-us/play/f3f11053-d810-4b92-9c95-567bef5f215d';
const fixtures = resolve(import.meta.dirname, '../../fixtures/disney-plus');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
function page(name: string): Document {
  const window = new Window({ url: WATCH_URL });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

/** The 'page' layer's reading of the player element's metadata. */
const fromPlayerMetadata = (data: unknown) => readPageData(disneyPlus, data, page('nothing.html'));
const fromPlayerTitle = (document: Document) => readLayer(disneyPlus, 'dom', document);
const fromDocumentTitle = (document: Document) => readLayer(disneyPlus, 'title', document);

const falcon = { title: 'The Falcon and the Winter Soldier', mediaType: 'TV', season: 1, episode: 6 };

describe('disney+ watch pages', () => {
  it.each([
    ['https://www.disneyplus.com/nl-nl/play/f3f11053-d810-4b92-9c95-567bef5f215d', 'f3f11053-d810-4b92-9c95-567bef5f215d'],
    ['https://www.disneyplus.com/es-419/play/F3F11053-D810-4B92-9C95-567BEF5F215D', 'F3F11053-D810-4B92-9C95-567BEF5F215D'],
    ['https://www.disneyplus.com/video/3a5a7ba2-fd5a-4ab6-a4c6-0e0e5a4b8f6d', '3a5a7ba2-fd5a-4ab6-a4c6-0e0e5a4b8f6d'],
    ['https://www.disneyplus.com/en-gb/video/3a5a7ba2-fd5a-4ab6-a4c6-0e0e5a4b8f6d', '3a5a7ba2-fd5a-4ab6-a4c6-0e0e5a4b8f6d'],
  ])('%s plays %s', (url, id) => {
    expect(disneyPlus.watchPage(new URL(url))).toBe(id);
  });
  it.each(sampleUrls('disney-plus').watch)('%s is a watch page', (url) => {
    expect(disneyPlus.watchPage(new URL(url))).toMatch(/^[0-9a-f-]{36}$/i);
  });
  it.each([
    ...sampleUrls('disney-plus').notWatch,
    'https://www.disneyplus.com/en-us/play/not-a-uuid',
    'https://www.disneyplus.com/en-us/series/andor/3xsQKWG00GL5/play/f3f11053-d810-4b92-9c95-567bef5f215d',
  ])('%s is not', (url) => {
    expect(disneyPlus.watchPage(new URL(url))).toBeNull();
  });
});

describe('main video', () => {
  it('is the hivePlayer, not the hidden media element beside it', () => {
    const [hidden, hive] = Array.from(page('dom-episode.html').querySelectorAll('video'));
    expect(hive && isMainVideo(hive)).toBe(true);
    expect(hidden && isMainVideo(hidden)).toBe(false);
  });
  it.each(['video.hero-video', 'video#preview'])('rejects the looping preview %s', (selector) => {
    const video = page('decoy.html').querySelector<HTMLVideoElement>(selector);
    expect(video && isMainVideo(video)).toBe(false);
  });
  it('without a hivePlayer id, takes a video inside the player element', () => {
    const document = page('dom-episode.html');
    document.querySelector('#hivePlayer1')?.removeAttribute('id');
    const [first] = Array.from(document.querySelectorAll('video'));
    expect(first && isMainVideo(first)).toBe(true);
    const outside = document.createElement('video');
    document.body.append(outside);
    expect(isMainVideo(outside)).toBe(false);
  });
});

describe('layer: page data (player metadata)', () => {
  it.each([
    ['metadata-episode.json', falcon],
    ['metadata-episode-nl.json', falcon],
    ['metadata-movie.json', { title: 'Inside Out 2', mediaType: 'MOVIE' }],
  ])('%s', async (file, expected) => {
    expect(await fromPlayerMetadata(json(file))).toEqual(expected);
  });
  it('a subtitle without numbers leaves the type out', async () => {
    expect(await fromPlayerMetadata({ title: 'Andor', subtitle: 'Episode 3' })).toEqual({ title: 'Andor' });
  });
  it.each([null, 'nope', {}, { title: '' }, { title: 42, subtitle: 'S1:E3' }, []])('rejects %j', async (data) => {
    expect(await fromPlayerMetadata(data)).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it.each([
    ['dom-episode.html', falcon],
    ['dom-episode-nl.html', falcon],
    ['dom-episode-cs.html', { title: 'Vyšetřování leteckých neštěstí', mediaType: 'TV', season: 22, episode: 10 }],
    ['dom-movie.html', { title: 'Inside Out 2', mediaType: 'MOVIE' }],
    ['dom-unnumbered.html', { title: 'Andor' }],
  ])('%s', async (file, expected) => {
    expect(await fromPlayerTitle(page(file))).toEqual(expected);
  });
  it.each(['title-only.html', 'nothing.html', 'decoy.html'])('finds nothing in %s', async (file) => {
    expect(await fromPlayerTitle(page(file))).toBeNull();
  });
});

describe('layer: document title', () => {
  it.each([
    ['title-only.html', { title: 'Andor' }],
    ['dom-episode-cs.html', { title: 'Vyšetřování leteckých neštěstí' }],
    ['dom-movie.html', { title: 'Inside Out 2' }],
  ])('%s', async (file, expected) => {
    expect(await fromDocumentTitle(page(file))).toEqual(expected);
  });
  it.each(['Disney+', 'Disney+ | Movies and Shows', ''])('%j says nothing', async (title) => {
    const document = page('nothing.html');
    document.title = title;
    expect(await fromDocumentTitle(document)).toBeNull();
  });
});

describe('layers in order', () => {
  const input = (document: Document, data: unknown) => ({
    document,
    video: document.querySelector('video') as HTMLVideoElement,
    url: new URL(WATCH_URL),
    contentId: 'f3f11053-d810-4b92-9c95-567bef5f215d',
    pageData: async () => data,
  });

  it('prefers the page data', async () => {
    const document = page('dom-unnumbered.html');
    expect(await identify(disneyPlus, input(document, json('metadata-episode.json')))).toEqual(falcon);
  });
  it.each([
    ['dom-episode.html', falcon],
    ['dom-episode-nl.html', falcon],
    ['dom-movie.html', { title: 'Inside Out 2', mediaType: 'MOVIE' }],
  ])('with the page data gone, the DOM still identifies %s', async (file, expected) => {
    expect(await identify(disneyPlus, input(page(file), null))).toEqual(expected);
  });
  it('with the page script blocked and no title bug, the document title names it', async () => {
    const blocked = { ...input(page('title-only.html'), null), pageData: async () => Promise.reject(new Error('blocked')) };
    expect(await identify(disneyPlus, blocked)).toEqual({ title: 'Andor' });
  });
  it('nothing identifies a bare page', async () => {
    expect(await identify(disneyPlus, input(page('nothing.html'), { title: null }))).toBeNull();
  });
});
