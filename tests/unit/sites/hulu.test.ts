import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { hulu, isMainVideo } from '@/utils/sites/connectors/hulu';
import { identify } from '@/utils/sites/identify';
import { cases } from '../../fixtures/hulu/e2e';
import { readLayer, readPageData, sampleUrls } from './support';

const S1E3 = '0a3f6c2e-8b1d-4f5a-9c7e-2d4b6a8f1e30';
const S1E4 = '5c9e1b7a-3d2f-4e8b-a6c1-7f0d9e2b4a51';
const S2E4 = '7b2d9f0e-4c1a-4d3b-8e5f-6a7b8c9d0e12';
const CONTINUED = '9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a';
const POOR_THINGS = 'e4d1b8f2-6a3c-4b9e-8d7f-1c2a3b4d5e6f';

const fixtures = resolve(import.meta.dirname, '../../fixtures/hulu');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
/** What the page script hands back: the entity answer, and a later season's episode list. */
const answer = (entity: string, season?: string) => ({ entity: json(entity), season: season ? json(season) : null });

function load(name: string, url = `https://www.hulu.com/watch/${S1E3}`, scripts = false) {
  const window = new Window({
    url,
    settings: { enableJavaScriptEvaluation: scripts, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window;
}
const page = (name: string) => load(name).document as unknown as Document;
/** The 'page' layer's reading of what the page script hands back for `contentId`. */
const mediaFromEntity = (data: unknown, contentId: string) =>
  readPageData(hulu, data, page('nothing.html'), { url: new URL(`https://www.hulu.com/watch/${contentId}`), contentId });
/** The 'dom' layer's reading of the player. */
const mediaFromPlayer = (document: Document) => readLayer(hulu, 'dom', document);
const video = (document: Document, selector: string) => document.querySelector<HTMLVideoElement>(selector) as HTMLVideoElement;

const omitb = (season: number, episode?: number) => ({
  title: 'Only Murders in the Building',
  mediaType: 'TV',
  season,
  ...(episode === undefined ? {} : { episode }),
});

describe('hulu watch pages', () => {
  it.each([
    [`https://www.hulu.com/watch/${S1E3}`, S1E3],
    [`https://www.hulu.com/watch/${POOR_THINGS}?lp_referrer=https%3A%2F%2Fwww.hulu.com%2Fhub%2Fhome`, POOR_THINGS],
    [`https://www.hulu.com/watch/only-murders-in-the-building-${S1E3}`, S1E3],
  ])('%s plays %s', (url, id) => {
    expect(hulu.watchPage(new URL(url))).toBe(id);
  });
  it.each(sampleUrls('hulu').watch)('%s is a watch page', (url) => {
    expect(hulu.watchPage(new URL(url))).toMatch(/^[0-9a-f-]{36}$/);
  });
  it.each([...sampleUrls('hulu').notWatch, 'https://www.hulu.com/watch/12345', `https://www.hulu.com/watch/${S1E3}/extra`])(
    '%s is not',
    (url) => {
      expect(hulu.watchPage(new URL(url))).toBeNull();
    },
  );
});

describe('main video', () => {
  it('is the content player', () => {
    expect(isMainVideo(video(page('player-episode.html'), '#content-video-player'))).toBe(true);
  });
  it('is not the ad player beside it', () => {
    expect(isMainVideo(video(page('player-episode.html'), '#ad-video-player'))).toBe(false);
  });
  it('is not a live channel', () => {
    expect(isMainVideo(video(page('live.html'), '#content-video-player'))).toBe(false);
  });
  it('is not a video outside the player', () => {
    const document = page('player-episode.html');
    const preview = document.createElement('video');
    document.body.prepend(preview);
    expect(isMainVideo(preview)).toBe(false);
  });
});

describe('layer: page data (discover entity)', () => {
  it.each([
    ['a film', answer('entity-movie.json'), POOR_THINGS, { title: 'Poor Things', mediaType: 'MOVIE' }],
    ['a first-season episode', answer('entity-s1e3.json'), S1E3, omitb(1, 3)],
    ['the next one', answer('entity-s1e4.json'), S1E4, omitb(1, 4)],
    ['a later season that starts at episode 1', answer('entity-s2e4.json', 'season-s2.json'), S2E4, omitb(2, 4)],
    ['a later season without its episode list', answer('entity-s2e4.json'), S2E4, omitb(2)],
    [
      'a later season numbered on from the one before',
      answer('entity-continued.json', 'season-continued.json'),
      CONTINUED,
      { title: 'My Hero Academia', mediaType: 'TV', season: 2 },
    ],
    ['an id in upper case', answer('entity-s1e3.json'), S1E3.toUpperCase(), omitb(1, 3)],
  ])('%s', async (_, data, id, expected) => {
    expect(await mediaFromEntity(data, id)).toEqual(expected);
  });

  it('reads the example in the field notes (text numbers, no type)', async () => {
    const entity = { items: [{ id: 'u1', series_name: 'Show', season: '1', number: '14', name: 'Ep' }] };
    expect(await mediaFromEntity({ entity, season: null }, 'u1')).toEqual({
      title: 'Show',
      mediaType: 'TV',
      season: 1,
      episode: 14,
    });
  });

  it('does not trust an episode list of another season', async () => {
    expect(await mediaFromEntity(answer('entity-continued.json', 'season-s2.json'), CONTINUED)).toEqual({
      title: 'My Hero Academia',
      mediaType: 'TV',
      season: 2,
    });
  });

  it.each([
    ['an answer about another id', answer('entity-s1e3.json'), S1E4],
    ['an episode without its series name', { entity: { items: [{ _type: 'episode', id: 'u', name: 'Ep' }] } }, 'u'],
    ['a clip', { entity: { items: [{ _type: 'clip', id: 'u', name: 'Trailer', series_name: 'Show' }] } }, 'u'],
    ['a film without a name', { entity: { items: [{ _type: 'movie', id: 'u' }] } }, 'u'],
    ['null', null, S1E3],
    ['a failed lookup', { entity: null, season: null }, S1E3],
    ['items that are not a list', { entity: { items: { id: S1E3 } } }, S1E3],
  ])('rejects %s', async (_, data, id) => {
    expect(await mediaFromEntity(data, id)).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it.each([
    ['player-episode.html', omitb(1, 3)],
    ['player-episode-es.html', omitb(1, 3)],
    ['player-movie.html', { title: 'Poor Things', mediaType: 'MOVIE' }],
    // The page cannot tell whether E14 counts from this season's start: the number is left out.
    ['player-later-season.html', { title: 'My Hero Academia', mediaType: 'TV', season: 2 }],
    ['nothing.html', null],
  ])('%s', async (file, expected) => {
    expect(await mediaFromPlayer(page(file))).toEqual(expected);
  });

  it('ignores metadata outside the web player', async () => {
    const document = page('nothing.html');
    const stray = document.createElement('div');
    stray.className = 'PlayerMetadata__titleText';
    stray.textContent = 'A Carousel Tile';
    document.body.append(stray);
    expect(await mediaFromPlayer(document)).toBeNull();
  });
});

describe('layers in order', () => {
  const input = (document: Document, data: unknown, contentId = S1E3) => ({
    document,
    video: video(document, '#content-video-player'),
    url: new URL(`https://www.hulu.com/watch/${contentId}`),
    contentId,
    pageData: async () => data,
  });

  it('prefers the page data, which can vouch for a later season numbered from 1', async () => {
    const document = page('player-episode.html');
    expect(await identify(hulu, input(document, answer('entity-s2e4.json', 'season-s2.json'), S2E4))).toEqual(omitb(2, 4));
  });
  it.each([
    ['player-episode.html', omitb(1, 3)],
    ['player-episode-es.html', omitb(1, 3)],
    ['player-movie.html', { title: 'Poor Things', mediaType: 'MOVIE' }],
    ['nothing.html', null],
  ])('without page data, %s gives %j', async (file, expected) => {
    expect(await identify(hulu, input(page(file), null))).toEqual(expected);
  });
  it('a page script that fails falls through to the player DOM', async () => {
    const broken = { ...input(page('player-episode.html'), null), pageData: () => Promise.reject(new Error('blocked')) };
    expect(await identify(hulu, broken)).toEqual(omitb(1, 3));
  });
});

describe('end-to-end cases agree with the layers', () => {
  const route = (siteCase: (typeof cases)[number], id: string) => {
    const file = Object.entries(siteCase.routes ?? {}).find(([glob]) => glob.includes(id))?.[1];
    return file ? { entity: json(file), season: null } : null;
  };
  const identifyOn = async (window: Window, siteCase: (typeof cases)[number], withPageData: boolean) => {
    const document = window.document as unknown as Document;
    const url = new URL(window.location.href);
    const contentId = hulu.watchPage(url) ?? '';
    const data = withPageData ? route(siteCase, contentId) : null;
    return identify(hulu, {
      document,
      url,
      contentId,
      video: video(document, '#content-video-player'),
      pageData: async () => data,
    });
  };

  it.each(cases.filter((c) => c.expect.length > 0).map((c) => [c.name, c] as const))(
    '%s, with or without the routed API',
    async (_, siteCase) => {
      for (const withPageData of [true, false]) {
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
        expect(seen).toEqual(siteCase.expect);
      }
    },
  );

  it.each(cases.filter((c) => c.expect.length === 0).map((c) => [c.name, c] as const))(
    '%s: the video played is not the main one',
    (_, siteCase) => {
      const document = load(siteCase.page, siteCase.url).document as unknown as Document;
      expect(hulu.watchPage(new URL(siteCase.url))).not.toBeNull();
      expect(isMainVideo(video(document, siteCase.play ?? 'video'))).toBe(false);
    },
  );
});
