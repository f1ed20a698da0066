import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { Media } from '@/utils/media';
import { crunchyroll } from '@/utils/sites/connectors/crunchyroll';
import { identify } from '@/utils/sites/identify';
import { cases } from '../../fixtures/crunchyroll/e2e';
import { globMatches } from '../../support/sites';
import { readLayer, readPageData, sampleUrls } from './support';

const E9 = 'https://www.crunchyroll.com/watch/GJWU2VKK3/aura-the-guillotine';
const E10 = 'https://www.crunchyroll.com/watch/GVWU07QJ4/a-powerful-mage';
const MOVIE = 'https://www.crunchyroll.com/watch/G25FVD45Q/jujutsu-kaisen-0';
const ONE_PIECE = 'https://www.crunchyroll.com/watch/G0DUNPNW8/brooks-past-a-sad-farewell-with-his-cheerful-comrade';
const REZERO_DE = 'https://www.crunchyroll.com/de/watch/GK9UG2E49/the-result-of-the-battle-for-priestella';
const LAST_BOSS_FR = 'https://www.crunchyroll.com/fr/watch/GE00361957JAJP/a-wild-last-boss-appears';
const PLAYER_FRAME = 'https://static.crunchyroll.com/vilos-v2/web/vilos/player.html';

const fixtures = resolve(import.meta.dirname, '../../fixtures/crunchyroll');
const text = (name: string) => readFileSync(resolve(fixtures, name), 'utf8');
const json = (name: string): unknown => JSON.parse(text(name));
function page(name: string, url: string, scripts = false): Document {
  const window = new Window({
    url,
    settings: { enableJavaScriptEvaluation: scripts, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(text(name));
  return window.document as unknown as Document;
}

const frieren = (episode: number): Media => ({ title: "Frieren: Beyond Journey's End", mediaType: 'TV', season: 1, episode });
const frierenShow: Media = { title: "Frieren: Beyond Journey's End", mediaType: 'TV' };
const onePiece: Media = { title: 'One Piece', mediaType: 'TV' };
const reZero: Media = { title: 'Re:ZERO -Starting Life in Another World-', mediaType: 'TV' };
const jjk0: Media = { title: 'JUJUTSU KAISEN 0', mediaType: 'MOVIE' };

/** The 'page' layer's reading of the catalogue's answer for the watch id `id`. */
const fromObjects = (data: unknown, id: string) => readPageData(crunchyroll, data, page('nothing.html', E9), { contentId: id });

describe('crunchyroll watch pages', () => {
  it.each([
    [E9, 'GJWU2VKK3'],
    [REZERO_DE, 'GK9UG2E49'],
    [LAST_BOSS_FR, 'GE00361957JAJP'],
    ['https://www.crunchyroll.com/pt-br/watch/G14UVJGX1/ceremony', 'G14UVJGX1'],
    ['https://www.crunchyroll.com/watch/GY8VEQ95Y?t=120', 'GY8VEQ95Y'],
  ])('%s plays %s', (url, id) => {
    expect(crunchyroll.watchPage(new URL(url))).toBe(id);
  });
  it.each(sampleUrls('crunchyroll').watch)('%s is a watch page', (url) => {
    expect(crunchyroll.watchPage(new URL(url))).toMatch(/^[A-Z0-9]+$/);
  });
  it.each([
    ...sampleUrls('crunchyroll').notWatch,
    'https://www.crunchyroll.com/watch/',
    'https://www.crunchyroll.com/watch/musicvideo/MV5B02C79B/some-song',
    // The iframe player: its URL names nothing, and a watch path on another host is not the site's.
    `${PLAYER_FRAME}#/watch/GJWU2VKK3`,
    'https://static.crunchyroll.com/watch/GJWU2VKK3/aura-the-guillotine',
  ])('%s is not', (url) => {
    expect(crunchyroll.watchPage(new URL(url))).toBeNull();
  });
  it('runs in the player iframe too', () => {
    expect(crunchyroll.allFrames).toBe(true);
    expect(crunchyroll.matches).toContain('https://static.crunchyroll.com/*');
  });
});

describe('main video', () => {
  it("is the in-page player's video", () => {
    const video = page('episode.html', E9).querySelector<HTMLVideoElement>('#player-container video');
    expect(video && crunchyroll.isMainVideo?.(video)).toBe(true);
  });
  it("is Bitmovin's element wherever it sits", () => {
    const document = page('nothing.html', E9);
    const video = document.createElement('video');
    video.id = 'bitmovinplayer-video-null';
    document.body.append(video);
    expect(crunchyroll.isMainVideo?.(video)).toBe(true);
  });
  it('rejects the upsell loop beside the player', () => {
    const video = page('episode.html', E9).querySelector<HTMLVideoElement>('.erc-watch-premium-upsell video');
    expect(video).not.toBeNull();
    expect(video && crunchyroll.isMainVideo?.(video)).toBe(false);
  });
});

describe('layer: page data (cms/objects)', () => {
  it.each([
    ['objects-GJWU2VKK3.json', 'GJWU2VKK3', frieren(9)],
    ['objects-GVWU07QJ4.json', 'GVWU07QJ4', frieren(10)],
    ['objects-G25FVD45Q.json', 'G25FVD45Q', jjk0],
    // Filed as an episode with `episode_number: null` in a "…-movie-…" season; the dub tag goes.
    [
      'objects-movie-as-episode.json',
      'G8WUN158J',
      { title: 'Demon Slayer: Kimetsu no Yaiba - To the Hashira Training', mediaType: 'MOVIE' },
    ],
    // Crunchyroll's tenth "season" is an arc: no numbers.
    ['objects-one-piece.json', 'G0DUNPNW8', onePiece],
    // Season 3 by its slug, but the episode number runs on from season 1: no numbers.
    ['objects-rezero-season-3.json', 'GK9UG2E49', reZero],
  ])('%s', async (file, id, expected) => {
    expect(await fromObjects(json(file), id)).toEqual(expected);
  });

  const episode = (id: string, metadata: Record<string, unknown>) => ({
    data: [
      {
        id,
        type: 'episode',
        title: 'Some Episode',
        episode_metadata: { series_title: 'Some Show', season_number: 1, episode_number: 4, ...metadata },
      },
    ],
  });
  it.each([
    ['a first season', {}, { title: 'Some Show', mediaType: 'TV', season: 1, episode: 4 }],
    [
      'a slug that says season 1 against a season_number of 2',
      { season_number: 2, season_slug_title: 'some-show-season-1' },
      {
        title: 'Some Show',
        mediaType: 'TV',
        season: 1,
        episode: 4,
      },
    ],
    ['a slug that says season 2', { season_slug_title: 'some-show-season-2' }, { title: 'Some Show', mediaType: 'TV' }],
    ['an OVA season (season 0)', { season_slug_title: 'some-show-ova' }, { title: 'Some Show', mediaType: 'TV' }],
    ['a half episode (12.5)', { episode_number: 12.5 }, { title: 'Some Show', mediaType: 'TV' }],
    [
      'a dub-tagged series title',
      { series_title: 'Some Show (English Dub)' },
      { title: 'Some Show', mediaType: 'TV', season: 1, episode: 4 },
    ],
    [
      'no episode number: a film',
      { episode_number: null, season_title: 'Some Show the Movie' },
      {
        title: 'Some Show the Movie',
        mediaType: 'MOVIE',
      },
    ],
    [
      'a film whose season is only called "Movie"',
      { episode_number: null, season_title: 'Movie' },
      {
        title: 'Some Episode',
        mediaType: 'MOVIE',
      },
    ],
  ])('%s', async (_, metadata, expected) => {
    expect(await fromObjects(episode('G1', metadata), 'G1')).toEqual(expected);
  });

  it.each([
    ['another id', json('objects-GJWU2VKK3.json'), 'GVWU07QJ4'],
    ['a series object', { data: [{ id: 'G1', type: 'series', title: 'Some Show' }] }, 'G1'],
    ['an episode without its series', episode('G1', { series_title: undefined }), 'G1'],
    ['an error answer', { error: 'invalid_auth_token' }, 'G1'],
    ['data that is not a list', { data: { id: 'G1' } }, 'G1'],
    ['null', null, 'G1'],
  ])('rejects %s', async (_, data, id) => {
    expect(await fromObjects(data, id)).toBeNull();
  });
});

describe('layer: JSON-LD', () => {
  it.each([
    ['episode.html', 'GJWU2VKK3', frieren(9)],
    ['movie.html', 'G25FVD45Q', jjk0],
    ['one-piece.html', 'G0DUNPNW8', onePiece],
    // "Saison 1" in an array beside a breadcrumb.
    ['episode-fr.html', 'GE00361957JAJP', { title: 'A Wild Last Boss Appeared!', mediaType: 'TV', season: 1, episode: 1 }],
    // "Staffel 3", episode 66: numbering that runs on across seasons.
    ['episode-de.html', 'GK9UG2E49', reZero],
    // Left from E9 while E10 plays.
    ['stale.html', 'GVWU07QJ4', null],
    ['nothing.html', 'GJWU2VKK3', null],
  ])('%s', async (file, id, expected) => {
    expect(await readLayer(crunchyroll, 'json-ld', page(file, E9), { contentId: id })).toEqual(expected);
  });

  it('skips JSON-LD it cannot parse', async () => {
    const document = page('episode.html', E9);
    const broken = document.createElement('script');
    broken.type = 'application/ld+json';
    broken.textContent = '{"@type": "TVEpisode",';
    document.head.prepend(broken);
    expect(await readLayer(crunchyroll, 'json-ld', document, { contentId: 'GJWU2VKK3' })).toEqual(frieren(9));
  });
});

describe('layer: media info under the player', () => {
  it.each([
    ['episode.html', frierenShow],
    ['stale.html', frierenShow],
    ['one-piece.html', onePiece],
    ['episode-de.html', reZero],
    // No "E…" heading: nothing says film or episode.
    ['movie.html', { title: 'JUJUTSU KAISEN 0' }],
    ['nothing.html', null],
  ])('%s', async (file, expected) => {
    expect(await readLayer(crunchyroll, 'dom', page(file, E9), { contentId: 'GJWU2VKK3' })).toEqual(expected);
  });
});

describe('layers in order', () => {
  const input = (document: Document, url: string, data: unknown) => ({
    document,
    video: document.querySelector('video') as HTMLVideoElement,
    url: new URL(url),
    contentId: crunchyroll.watchPage(new URL(url)) ?? '',
    pageData: async () => data,
  });

  it.each([
    ['episode.html', E9, 'objects-GJWU2VKK3.json', frieren(9)],
    ['movie.html', MOVIE, 'objects-G25FVD45Q.json', jjk0],
    ['one-piece.html', ONE_PIECE, 'objects-one-piece.json', onePiece],
  ])('the page data wins on %s', async (file, url, data, expected) => {
    expect(await identify(crunchyroll, input(page(file, url), url, json(data)))).toEqual(expected);
  });

  it.each([
    ['episode.html', E9, frieren(9)],
    ['movie.html', MOVIE, jjk0],
    ['episode-fr.html', LAST_BOSS_FR, { title: 'A Wild Last Boss Appeared!', mediaType: 'TV', season: 1, episode: 1 }],
    ['episode-de.html', REZERO_DE, reZero],
    // The stale JSON-LD is passed over; the block under the player still names the show.
    ['stale.html', E10, frierenShow],
    ['nothing.html', E9, null],
  ])('without page data, %s gives %j', async (file, url, expected) => {
    expect(await identify(crunchyroll, input(page(file, url), url, null))).toEqual(expected);
  });

  it('a page script that fails falls through to the JSON-LD', async () => {
    const broken = { ...input(page('episode.html', E9), E9, null), pageData: () => Promise.reject(new Error('blocked')) };
    expect(await identify(crunchyroll, broken)).toEqual(frieren(9));
  });

  it("page data for another episode is not this one's", async () => {
    expect(await identify(crunchyroll, input(page('stale.html', E10), E10, json('objects-GJWU2VKK3.json')))).toEqual(frierenShow);
  });
});

/**
 * Each end-to-end case replayed on the unit-tested layers: the page's own script runs (autoplay
 * included), the played video is judged as the engine judges it, and the page data is what the
 * case's routes would answer. What this yields is what the browser test must receive.
 */
describe('end-to-end cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const routes = Object.entries(c.routes ?? {});
    /** What the page script asks the catalogue for an id (crunchyroll.page.ts). */
    const catalogue = (id: string) => `https://www.crunchyroll.com/content/v2/cms/objects/${id}?locale=en-US`;
    const answer = (id: string) => {
      const file = routes.find(([glob]) => globMatches(glob, catalogue(id)))?.[1];
      return file ? json(file) : null;
    };
    // Each catalogue route answers the request for its id, as the browser runner matches it; and it
    // reaches the extension by the page script's own request (which needs the token route) or by the
    // page asking in English itself. Checked here, not in `answer`: identify would swallow a throw there.
    const token = routes.some(([glob]) => globMatches(glob, 'https://www.crunchyroll.com/auth/v1/token'));
    const asksItself = text(c.page).includes('/content/v2/cms/objects/');
    for (const [glob, file] of routes) {
      const id = /^objects-(\w+)\.json$/.exec(file)?.[1];
      if (!id) continue;
      expect(globMatches(glob, catalogue(id)), glob).toBe(true);
      expect(token || asksItself, `${glob}: no token route, and the page does not ask itself`).toBe(true);
    }
    if (c.frame) {
      const frameUrl = routes.find(([glob]) => glob.includes(c.frame ?? ''))?.[0].replace(/\*+$/, '') ?? '';
      expect(crunchyroll.matches.some((pattern) => pattern.includes(new URL(frameUrl).hostname))).toBe(true);
      expect(crunchyroll.watchPage(new URL(frameUrl))).toBeNull();
      // The frame's own video counts; what it is, the watch page around it says (relayed by the background).
      const frameFile = routes.find(([glob]) => glob.includes(c.frame ?? ''))?.[1] ?? '';
      const frameVideo = page(frameFile, frameUrl).querySelector<HTMLVideoElement>(c.play ?? 'video');
      expect(frameVideo && crunchyroll.isMainVideo?.(frameVideo)).toBe(true);
      const url = new URL(c.url);
      const contentId = crunchyroll.watchPage(url) ?? '';
      const top = await identify(crunchyroll, {
        document: page(c.page, c.url, true),
        url,
        contentId,
        pageData: async () => answer(contentId),
      });
      expect([top]).toEqual(c.expect);
      return;
    }
    const document = page(c.page, c.url, true);
    const window = document.defaultView as unknown as Window;
    const video = document.querySelector<HTMLVideoElement>(c.play ?? 'video');
    if (!video) throw new Error(`no ${c.play} in ${c.page}`);
    for (const decoy of c.decoys ?? []) {
      const element = document.querySelector<HTMLVideoElement>(decoy);
      expect(element && crunchyroll.isMainVideo?.(element)).toBe(false);
    }
    const received: (Media | null)[] = [];
    const withoutPageData: (Media | null)[] = [];
    const play = async () => {
      const url = new URL(window.location.href);
      const contentId = crunchyroll.watchPage(url);
      if (contentId === null || !crunchyroll.isMainVideo?.(video)) return;
      received.push(await identify(crunchyroll, { document, url, contentId, video, pageData: async () => answer(contentId) }));
      withoutPageData.push(await identify(crunchyroll, { document, url, contentId, video, pageData: async () => null }));
    };
    await play();
    const before = window.location.href;
    video.dispatchEvent(new window.Event('ended') as unknown as Event);
    if (window.location.href !== before) await play();
    expect(received).toEqual(c.expect);
    // The page's JSON-LD says the same, so a blocked page script changes nothing.
    expect(withoutPageData).toEqual(c.expect);
  });
});
