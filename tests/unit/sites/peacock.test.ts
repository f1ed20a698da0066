import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { peacock } from '@/utils/sites/connectors/peacock';
import { identify } from '@/utils/sites/identify';
import { cases } from '../../fixtures/peacock/e2e';
import { readLayer, readPageData, sampleUrls } from './support';

const S2E1 = 'GMO_00000000104211_01';
const S2E2 = 'GMO_00000000104212_01';
const MOVIE = 'GMO_00000000415512_02_HDSDR';
const MOVIE_VARIANT = '9d8c7b6a-5f4e-3d2c-8b1a-0f9e8d7c6b5a';
const CLIP = 'GMO_00000000415999_01';
const WATCH_URL = `https://www.peacocktv.com/watch/playback/vod/${S2E1}/3f1d2c4b-5a69-3e7f-8b0c-1d2e3f4a5b6c`;

const fixtures = resolve(import.meta.dirname, '../../fixtures/peacock');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
function load(name: string, url = WATCH_URL, scripts = false) {
  const window = new Window({
    url,
    settings: { enableJavaScriptEvaluation: scripts, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window;
}
const page = (name: string) => load(name).document as unknown as Document;
/** The 'page' layer's reading of the catalogue node the page script hands back for `contentId`. */
const mediaFromNode = (data: unknown, contentId: string) => readPageData(peacock, data, page('nothing.html'), { contentId });
const isMainVideo = (video: HTMLVideoElement) => peacock.isMainVideo?.(video) ?? true;
const mediaFromPlayer = (document: Document) => readLayer(peacock, 'dom', document);
const mediaFromDocumentTitle = (document: Document) => readLayer(peacock, 'title', document);
const video = (document: Document, selector: string) => document.querySelector<HTMLVideoElement>(selector) as HTMLVideoElement;

const office = (episode: number) => ({ title: 'The Office', mediaType: 'TV', season: 2, episode });
const oppenheimer = { title: 'Oppenheimer', year: 2023, mediaType: 'MOVIE' };

describe('peacock watch pages', () => {
  it.each([
    [WATCH_URL, S2E1],
    ['https://www.peacocktv.com/watch/playback/vod/GMO_00000000224510_02_HDSDR', 'GMO_00000000224510_02_HDSDR'],
    [`https://www.peacocktv.com/watch/playback/vod/_/${MOVIE_VARIANT}`, MOVIE_VARIANT],
    [`https://www.peacocktv.com/watch/playback/vod/${MOVIE}/${MOVIE_VARIANT}/`, MOVIE],
  ])('%s plays %s', (url, id) => {
    expect(peacock.watchPage(new URL(url))).toBe(id);
  });
  it.each(sampleUrls('peacock').watch)('%s is a watch page', (url) => {
    expect(peacock.watchPage(new URL(url))).not.toBeNull();
  });
  it.each([...sampleUrls('peacock').notWatch, `https://www.peacocktv.com/watch/playback/vod/${S2E1}/not-a-uuid`])(
    '%s is not',
    (url) => {
      expect(peacock.watchPage(new URL(url))).toBeNull();
    },
  );
});

describe('main video', () => {
  it.each(['player-episode.html', 'player-movie.html', 'nothing.html'])('is the player on %s', (file) => {
    expect(isMainVideo(video(page(file), '#core-video-shaka'))).toBe(true);
  });
  it('is not the muted preview of the short-form player', () => {
    expect(isMainVideo(video(page('player-episode.html'), '[data-gsp-shortform-player] video'))).toBe(false);
  });
});

describe('layer: page data (catalogue node)', () => {
  it.each([
    ['node-s2e1.json', S2E1, office(1)],
    ['node-s2e2.json', S2E2, office(2)],
    ['node-movie.json', MOVIE, oppenheimer],
    ['node-movie.json', 'GMO_00000000415512_02_UHDHDR', oppenheimer],
    ['node-movie.json', MOVIE_VARIANT, oppenheimer],
  ])('%s for %s', async (file, id, expected) => {
    expect(await mediaFromNode(json(file), id)).toEqual(expected);
  });

  it('reads the fields the SkyShowtime peer reads (titleLong, no title)', async () => {
    const data = { type: 'ASSET/PROGRAMME', attributes: { titleLong: 'Wicked', year: 2024, providerVariantId: 'u1' } };
    expect(await mediaFromNode(data, 'u1')).toEqual({ title: 'Wicked', year: 2024, mediaType: 'MOVIE' });
  });

  it.each([
    ['a trailer clip', json('node-clip.json'), CLIP],
    ['a node for another id', json('node-s2e1.json'), S2E2],
    [
      'an episode without its series name',
      { type: 'ASSET/EPISODE', attributes: { title: 'Pilot', seasonNumber: 1, episodeNumber: 1, providerVariantId: 'u' } },
      'u',
    ],
    ['a live event', { type: 'ASSET/SLE', attributes: { title: 'Premier League', providerVariantId: 'u' } }, 'u'],
    ['a node without ids', { type: 'ASSET/PROGRAMME', attributes: { title: 'Oppenheimer', year: 2023 } }, MOVIE],
    ['null', null, S2E1],
    ['an error answer', { errorCode: 'OVP_00306', description: 'Not found' }, S2E1],
  ])('rejects %s', async (_, data, id) => {
    expect(await mediaFromNode(data, id)).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it.each([
    ['player-episode.html', office(1)],
    ['player-episode-es.html', office(1)],
    // A film's line is its synopsis: it names no episode, and says nothing of the type either.
    ['player-movie.html', { title: 'Oppenheimer' }],
    ['title-only.html', null],
    ['nothing.html', null],
  ])('%s', async (file, expected) => {
    expect(await mediaFromPlayer(page(file))).toEqual(expected);
  });
});

describe('layer: document title', () => {
  it.each([
    ['title-only.html', { title: 'The Office' }],
    ['player-movie.html', { title: 'Oppenheimer' }],
    // The player shows an episode line: the tab might name the episode, which would pass for the show.
    ['player-episode.html', null],
    ['player-episode-es.html', null],
    ['nothing.html', null],
  ])('%s', async (file, expected) => {
    expect(await mediaFromDocumentTitle(page(file))).toEqual(expected);
  });
  it.each([
    ['Peacock', null],
    ['Peacock TV - Peacock', null],
    ['Stream TV and Movies Live and Online | Peacock', null],
    ['Wicked - Peacock', { title: 'Wicked' }],
  ])('%j', async (title, expected) => {
    const document = page('nothing.html');
    document.title = title;
    expect(await mediaFromDocumentTitle(document)).toEqual(expected);
  });
});

describe('layers in order', () => {
  const input = (document: Document, data: unknown, contentId = S2E1) => ({
    document,
    video: video(document, '#core-video-shaka'),
    url: new URL(WATCH_URL),
    contentId,
    pageData: async () => data,
  });

  it.each([
    ['player-episode.html', 'node-s2e1.json', S2E1, office(1)],
    ['player-movie.html', 'node-movie.json', MOVIE, oppenheimer],
    ['title-only.html', 'node-movie.json', MOVIE, oppenheimer],
  ])('prefers the page data: %s with %s', async (file, data, id, expected) => {
    expect(await identify(peacock, input(page(file), json(data), id))).toEqual(expected);
  });
  it.each([
    ['player-episode.html', office(1)],
    ['player-episode-es.html', office(1)],
    ['player-movie.html', { title: 'Oppenheimer' }],
    ['title-only.html', { title: 'The Office' }],
    ['nothing.html', null],
  ])('without page data, %s gives %j', async (file, expected) => {
    expect(await identify(peacock, input(page(file), null))).toEqual(expected);
  });
  it('a page script that fails falls through to the player DOM', async () => {
    const broken = { ...input(page('player-episode.html'), null), pageData: () => Promise.reject(new Error('blocked')) };
    expect(await identify(peacock, broken)).toEqual(office(1));
  });
  it('a trailer answered by the catalogue falls through to what the player shows', async () => {
    expect(await identify(peacock, input(page('player-movie.html'), json('node-clip.json'), CLIP))).toEqual({
      title: 'Oppenheimer',
    });
  });
});

describe('end-to-end cases agree with the layers', () => {
  type SiteCase = (typeof cases)[number];
  const route = (siteCase: SiteCase, id: string) => {
    const file = Object.entries(siteCase.routes ?? {}).find(([glob]) => glob.endsWith(`/${id}`))?.[1];
    return file ? json(file) : null;
  };
  const identifyOn = async (window: Window, siteCase: SiteCase, withPageData: boolean) => {
    const document = window.document as unknown as Document;
    const url = new URL(window.location.href);
    const contentId = peacock.watchPage(url) ?? '';
    const data = withPageData ? route(siteCase, contentId) : null;
    return identify(peacock, {
      document,
      url,
      contentId,
      video: video(document, '#core-video-shaka'),
      pageData: async () => data,
    });
  };
  const played = async (siteCase: SiteCase, withPageData: boolean) => {
    const window = load(siteCase.page, siteCase.url, true);
    const document = window.document as unknown as Document;
    const main = video(document, siteCase.play ?? 'video');
    expect(isMainVideo(main)).toBe(true);
    for (const decoy of siteCase.decoys ?? []) expect(isMainVideo(video(document, decoy))).toBe(false);
    const seen = [await identifyOn(window, siteCase, withPageData)];
    for (let next = 1; next < siteCase.expect.length; next++) {
      main.dispatchEvent(new window.Event('ended') as unknown as Event);
      seen.push(await identifyOn(window, siteCase, withPageData));
    }
    return seen;
  };
  const scrobbled = cases.filter((c) => c.expect.length > 0).map((c) => [c.name, c] as const);

  it.each(scrobbled)('%s: the routed catalogue names each item', async (_, siteCase) => {
    expect(await played(siteCase, true)).toEqual(siteCase.expect);
  });
  it.each(scrobbled)('%s: without it, the player still names the same titles', async (_, siteCase) => {
    const seen = await played(siteCase, false);
    expect(seen.map((media) => media?.title)).toEqual(siteCase.expect.map((media) => media.title));
  });
  it.each(cases.filter((c) => c.expect.length === 0).map((c) => [c.name, c] as const))(
    '%s: the video played is not the main one',
    (_, siteCase) => {
      const document = load(siteCase.page, siteCase.url).document as unknown as Document;
      expect(peacock.watchPage(new URL(siteCase.url))).not.toBeNull();
      expect(isMainVideo(video(document, siteCase.play ?? 'video'))).toBe(false);
    },
  );
});
