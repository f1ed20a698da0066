import { afterEach, describe, expect, it, vi } from 'vitest';
import { anySite } from '@/utils/sites/connectors/any-site';
import { identifyWithSources } from '@/utils/sites/identify';
import { describeWatchPages, fixtures, readLayer } from './support';

const { page } = fixtures('any-site', 'http://127.0.0.1:45101/watch/night-of-the-living-dead');
afterEach(() => vi.unstubAllGlobals());

describeWatchPages(anySite);

describe('main video', () => {
  it('is not a muted background loop', () => {
    const document = page('json-ld.html');
    const [film, loop] = [...document.querySelectorAll('video')] as HTMLVideoElement[];
    expect(anySite.isMainVideo?.(film as HTMLVideoElement)).toBe(true);
    expect(anySite.isMainVideo?.(loop as HTMLVideoElement)).toBe(false);
  });
});

describe('layer: JSON-LD', () => {
  it("reads a Movie whose url is the page's", async () => {
    expect(await readLayer(anySite, 'json-ld', page('json-ld.html'))).toEqual({
      title: 'Night of the Living Dead',
      year: 1968,
      mediaType: 'MOVIE',
    });
  });
  it("reads a VideoObject's name with the episode-text parser", async () => {
    const document = page('json-ld.html');
    (document.querySelector('script[type="application/ld+json"]') as HTMLElement).textContent = JSON.stringify({
      '@type': 'VideoObject',
      name: 'Le Bureau des Légendes - Saison 2, Épisode 3',
    });
    expect(await readLayer(anySite, 'json-ld', document)).toEqual({
      title: 'Le Bureau des Légendes',
      mediaType: 'TV',
      season: 2,
      episode: 3,
    });
  });
});

describe('layer: meta', () => {
  it('reads og:type video.movie with its release year', async () => {
    expect(await readLayer(anySite, 'meta', page('meta-only.html'))).toEqual({ title: 'Sintel', year: 2010, mediaType: 'MOVIE' });
  });
  it('reads a video.episode by its series and the numbers in its title', async () => {
    const document = page('meta-only.html');
    document.querySelector('meta[property="og:type"]')?.setAttribute('content', 'video.episode');
    document.querySelector('meta[property="og:title"]')?.setAttribute('content', 'S1E2 - Dragon Hunt');
    document.head.insertAdjacentHTML('beforeend', '<meta property="video:series" content="Sintel Tales" />');
    expect(await readLayer(anySite, 'meta', document)).toEqual({ title: 'Sintel Tales', mediaType: 'TV', season: 1, episode: 2 });
  });
});

describe('layer: tab title', () => {
  it('reads "Show – S02E05 – Name" as an episode of the show', async () => {
    expect(await readLayer(anySite, 'title', page('title-only-e5.html'))).toEqual({
      title: 'Pioneer One',
      mediaType: 'TV',
      season: 2,
      episode: 5,
    });
  });
  it("reads a title in another language, without the site's own name", async () => {
    const document = page('meta-only.html');
    document.title = 'Dark – Staffel 1, Folge 4 | Open Movie Hall';
    expect(await readLayer(anySite, 'title', document)).toEqual({ title: 'Dark', mediaType: 'TV', season: 1, episode: 4 });
  });
});

describe('layer: media session', () => {
  it('reads the show as artist and the numbers in the title', async () => {
    vi.stubGlobal('navigator', { mediaSession: { metadata: { title: 'S3E1 Homecoming', artist: 'Pioneer One' } } });
    expect(await readLayer(anySite, 'session', page('json-ld.html'))).toEqual({
      title: 'Pioneer One',
      mediaType: 'TV',
      season: 3,
      episode: 1,
    });
  });
});

it('reads in order: JSON-LD, then meta, then the tab title', async () => {
  const read = async (name: string) => {
    const document = page(name);
    return identifyWithSources(anySite, {
      document,
      url: new URL(document.location.href),
      contentId: '',
      pageData: async () => null,
    });
  };
  expect((await read('json-ld.html')).by).toBe('json-ld');
  expect((await read('meta-only.html')).by).toBe('meta');
  expect((await read('title-only-e5.html')).by).toBe('title');
});
