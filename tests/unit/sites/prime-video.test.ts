import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { isMainVideo, primeVideo } from '@/utils/sites/connectors/prime-video';
import { identify } from '@/utils/sites/identify';
import { readLayer, sampleUrls } from './support';

const WATCH_URL = 'https://www.primevideo.com/detail/0J7QWO0J4F3V3KB4XSIJRBERI1/';
const fixtures = resolve(import.meta.dirname, '../../fixtures/prime-video');
function page(name: string): Document {
  const window = new Window({ url: WATCH_URL });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

const urls = sampleUrls('prime-video');
const player = (document: Document) => readLayer(primeVideo, 'dom', document);
const tabTitle = (document: Document) => readLayer(primeVideo, 'title', document);

const fallout = { title: 'Fallout', mediaType: 'TV', season: 1, episode: 4 };

describe('prime video watch pages', () => {
  it.each([
    ['https://www.primevideo.com/detail/0J7QWO0J4F3V3KB4XSIJRBERI1/', '0J7QWO0J4F3V3KB4XSIJRBERI1'],
    ['https://www.primevideo.com/detail/Detectorists-BBC-Series/0U8H58N2QNJJEJVNO91MDGUPVT', '0U8H58N2QNJJEJVNO91MDGUPVT'],
    ['https://www.primevideo.com/region/eu/detail/0PYX2Q4NVYSYMVUZJHDR5QEO70/ref=atv_dp', '0PYX2Q4NVYSYMVUZJHDR5QEO70'],
    ['https://app.primevideo.com/-/de/detail/0LCQSTWDMN9V770DG2DKXY3GVF', '0LCQSTWDMN9V770DG2DKXY3GVF'],
    ['https://www.amazon.com/gp/video/detail/B0BYZ8NQTC/ref=atv_dp_share_cu_r', 'B0BYZ8NQTC'],
    ['https://www.amazon.de/-/en/gp/video/detail/B0CN4CQ3GH/', 'B0CN4CQ3GH'],
    [
      'https://www.amazon.com/gp/video/detail/amzn1.dv.gti.5aa9f738-a7d8-4eb8-1c76-2ac08130e097?autoplay=1',
      'amzn1.dv.gti.5aa9f738-a7d8-4eb8-1c76-2ac08130e097',
    ],
  ])('%s plays %s', (url, id) => {
    expect(primeVideo.watchPage(new URL(url))).toBe(id);
  });
  it.each(urls.watch)('%s is a watch page', (url) => {
    expect(primeVideo.watchPage(new URL(url))).not.toBeNull();
  });
  it.each([...urls.notWatch, 'https://www.primevideo.com/detail/Fallout/', 'https://www.amazon.com/gp/video/detail/ref=x'])(
    '%s is not',
    (url) => {
      expect(primeVideo.watchPage(new URL(url))).toBeNull();
    },
  );
});

describe('where its scripts run', () => {
  const runsOn = (url: string) => primeVideo.matches.some((pattern) => new MatchPattern(pattern).includes(url));
  it.each([
    'https://www.amazon.com/gp/video/detail/B0BYZ8NQTC',
    'https://www.amazon.de/-/en/gp/video/detail/B0CN4CQ3GH/',
    'https://www.primevideo.com/detail/0J7QWO0J4F3V3KB4XSIJRBERI1/',
  ])('on %s', (url) => expect(runsOn(url)).toBe(true));
  it.each(urls.watch)('now on every amazon store with Prime Video: %s', (url) => expect(runsOn(url)).toBe(true));
  it.each([
    'https://www.amazon.com/dp/B08N5WRWNW',
    'https://www.amazon.com/',
    'https://smile.amazon.com/gp/video/detail/B0BYZ8NQTC',
    'http://www.amazon.com/gp/video/detail/B0BYZ8NQTC',
    'http://www.primevideo.com/detail/0J7QWO0J4F3V3KB4XSIJRBERI1/',
  ])('not on the rest of amazon, nor over plain http: %s', (url) => expect(runsOn(url)).toBe(false));
});

describe('main video', () => {
  it('is the video in the overlay player', () => {
    const video = page('dom-episode.html').querySelector<HTMLVideoElement>('.rendererContainer video');
    expect(video && isMainVideo(video)).toBe(true);
  });
  it.each([
    ['the trailer overlay inside the player', 'video.tst-video-overlay-player-html5'],
    ["the detail page's hero preview", 'video.dv-hero-preview'],
  ])('rejects %s', (_, selector) => {
    const video = page('dom-episode.html').querySelector<HTMLVideoElement>(selector);
    expect(video).not.toBeNull();
    expect(video && isMainVideo(video)).toBe(false);
  });
  it('rejects a video whose trailer class is not its first', () => {
    const video = page('dom-episode.html').querySelector<HTMLVideoElement>('.rendererContainer video');
    video?.setAttribute('class', 'dv-video tst-video-overlay-player-html5');
    expect(video && isMainVideo(video)).toBe(false);
  });
});

describe('layer: player DOM', () => {
  it.each([
    ['dom-episode.html', fallout],
    ['dom-episode-info.html', { title: 'The Mentalist', mediaType: 'TV', season: 1, episode: 2 }],
    ['dom-episode-de.html', fallout],
    ['dom-movie.html', { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    ['dom-stale.html', { title: 'Reacher', mediaType: 'TV', season: 2, episode: 1 }],
  ])('%s', async (file, expected) => {
    expect(await player(page(file))).toEqual(expected);
  });
  it('prefers the container whose video plays over the newest', async () => {
    const document = page('dom-stale.html');
    const old = document.querySelector<HTMLVideoElement>('#dv-web-player video');
    if (old) Object.defineProperty(old, 'paused', { value: false });
    expect(await player(document)).toEqual({ title: 'Oppenheimer', mediaType: 'MOVIE' });
  });
  it('reads the episode line when the subtitle line only repeats the title', async () => {
    const document = page('dom-episode-info.html');
    const subtitle = document.createElement('h2');
    subtitle.className = 'atvwebplayersdk-subtitle-text';
    subtitle.textContent = 'The Mentalist';
    document.querySelector('.atvwebplayersdk-title-text')?.after(subtitle);
    expect(await player(document)).toEqual({ title: 'The Mentalist', mediaType: 'TV', season: 1, episode: 2 });
  });
  it('a subtitle it cannot read leaves the type out', async () => {
    const document = page('dom-episode.html');
    const subtitle = document.querySelector('.atvwebplayersdk-subtitle-text');
    if (subtitle) subtitle.textContent = 'シーズン1、エピソード4';
    expect(await player(document)).toEqual({ title: 'Fallout' });
  });
  it('ignores player text outside the player container', async () => {
    const document = page('title-only.html');
    const stray = document.createElement('h1');
    stray.className = 'atvwebplayersdk-title-text';
    stray.textContent = 'Some Carousel Title';
    document.querySelector('main')?.append(stray);
    expect(await player(document)).toBeNull();
  });
  it.each(['title-only.html', 'nothing.html'])('finds nothing in %s', async (file) => {
    expect(await player(page(file))).toBeNull();
  });
});

describe('layer: document title', () => {
  it.each([
    ['dom-episode.html', { title: 'Fallout', mediaType: 'TV' }],
    ['dom-episode-info.html', { title: 'The Mentalist', mediaType: 'TV' }],
    ['dom-episode-de.html', { title: 'Fallout', mediaType: 'TV' }],
    ['dom-movie.html', { title: 'Oppenheimer' }],
  ])('%s', async (file, expected) => {
    expect(await tabTitle(page(file))).toEqual(expected);
  });
  it.each([
    ['Amazon.co.jp: Fallout シーズン1を観る | Prime Video', { title: 'Fallout', mediaType: 'TV' }],
    ['Amazon.co.uk: Watch The Boys, Season 4 | Prime Video', { title: 'The Boys', mediaType: 'TV' }],
    ['Prime Video: Fallout - Staffel 1 [dt./OV]', { title: 'Fallout', mediaType: 'TV' }],
    ['Prime Video: 1917', { title: '1917' }],
  ])('%j', async (title, expected) => {
    const document = page('nothing.html');
    document.title = title;
    expect(await tabTitle(document)).toEqual(expected);
  });
  it.each([
    ['Amazon Prime Video: Oppenheimer', { title: 'Oppenheimer' }],
    ['Fallout - Season 1 - Prime Video', { title: 'Fallout', mediaType: 'TV' }],
    ['Oppenheimer | Amazon Prime Video', { title: 'Oppenheimer' }],
    ['Fallout - Season 1 - Watch Online | Prime Video', { title: 'Fallout', mediaType: 'TV' }],
    ['Oppenheimer - Watch Online | Prime Video', { title: 'Oppenheimer' }],
  ])('now also strips the brand from %j', async (title, expected) => {
    const document = page('nothing.html');
    document.title = title;
    expect(await tabTitle(document)).toEqual(expected);
  });
  it.each(['Prime Video', 'Amazon.com', 'Amazon.com: Prime Video', ''])('%j says nothing', async (title) => {
    const document = page('nothing.html');
    document.title = title;
    expect(await tabTitle(document)).toBeNull();
  });
});

describe('layers in order', () => {
  const input = (document: Document) => ({
    document,
    video: document.querySelector('video') as HTMLVideoElement,
    url: new URL(WATCH_URL),
    contentId: '0J7QWO0J4F3V3KB4XSIJRBERI1',
    pageData: async () => null,
  });

  it.each([
    ['dom-episode.html', fallout],
    ['dom-episode-de.html', fallout],
    ['dom-movie.html', { title: 'Oppenheimer', mediaType: 'MOVIE' }],
  ])('the player DOM wins on %s', async (file, expected) => {
    expect(await identify(primeVideo, input(page(file)))).toEqual(expected);
  });
  it('with the player text gone, the document title still names the show', async () => {
    expect(await identify(primeVideo, input(page('title-only.html')))).toEqual({ title: 'Fallout', mediaType: 'TV' });
  });
  it('nothing identifies a bare page', async () => {
    expect(await identify(primeVideo, input(page('nothing.html')))).toBeNull();
  });
});
