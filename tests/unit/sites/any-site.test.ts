import { setMaxListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chooseSite, longestVideo, offerFor } from '@/utils/background/offer';
import { runConnector } from '@/utils/playback/engine';
import type { PlaybackReport } from '@/utils/protocol/content';
import { viewingKey } from '@/utils/scrobble/viewing';
import { anySite } from '@/utils/sites/connectors/any-site';
import { identifyWithSources } from '@/utils/sites/identify';
import { wantedScripts } from '@/utils/sites/registration';
import { serversItem } from '@/utils/store/items';
import { describeWatchPages, fixtures, readLayer } from './support';

const { page } = fixtures('any-site', 'http://127.0.0.1:45101/watch/night-of-the-living-dead');
// An engine ties a dozen listeners to its lifetime's signal; Node warns past ten, browsers do not.
setMaxListeners(50);
/** Engines started by a test, each stopped (its page left) after it. */
const leaving: Array<() => void> = [];
beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  for (const leave of leaving.splice(0)) leave();
  vi.unstubAllGlobals();
});

describeWatchPages(anySite);

describe('main video', () => {
  it('is not a muted background loop', () => {
    const document = page('json-ld.html');
    const [film, loop] = [...document.querySelectorAll('video')] as HTMLVideoElement[];
    expect(anySite.isMainVideo?.(film as HTMLVideoElement)).toBe(true);
    expect(anySite.isMainVideo?.(loop as HTMLVideoElement)).toBe(false);
  });
  it('is not a muted preview that does not loop (a hover or hero autoplay) until its sound is on', () => {
    const film = page('json-ld.html').querySelector('video') as HTMLVideoElement;
    film.muted = true;
    expect(anySite.isMainVideo?.(film)).toBe(false);
    film.muted = false;
    expect(anySite.isMainVideo?.(film)).toBe(true);
  });
});

describe('one viewing per film', () => {
  const id = (address: string) => anySite.watchPage(new URL(address)) ?? '';

  it('names the whole address: origin, path, query and hash route', () => {
    expect(id('https://films.example/watch?v=1')).toBe('https://films.example/watch?v=1');
    expect(id('https://films.example/watch?v=1')).not.toBe(id('https://other.example/watch?v=1'));
    expect(id('https://films.example/#/movie/1')).not.toBe(id('https://films.example/#/movie/2'));
    expect(id('https://films.example/#!/watch/9')).toBe('https://films.example/#!/watch/9');
    // An anchor or a media fragment is a place in the page, not another film.
    expect(id('https://films.example/watch/1#comments')).toBe(id('https://films.example/watch/1'));
    expect(id('https://films.example/watch/1#t=60')).toBe(id('https://films.example/watch/1'));
  });

  it('tells two films played at one fixed address apart by their titles', () => {
    const player = id('http://127.0.0.1:45105/player');
    expect(viewingKey('any-site', player, { title: 'Sintel', year: 2010 })).not.toBe(
      viewingKey('any-site', player, { title: 'Tears of Steel', year: 2012 }),
    );
    expect(viewingKey('any-site', player, { title: 'Sintel' })).toBe(viewingKey('any-site', player, { title: ' sintel ' }));
    // A site of its own keeps its content id alone: its ids name one film each.
    expect(viewingKey('netflix', '81234567', { title: 'A' })).toBe(viewingKey('netflix', '81234567', { title: 'B' }));
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

describe('layer: JSON-LD, the next node', () => {
  it('reads the next current node when the first names nothing (Tubi-style: an episode without its show)', async () => {
    const document = page('json-ld-episode.html', 'https://films.example/tv-shows/554628/s01-e01-rise-of-the-snakes');
    expect(await readLayer(anySite, 'json-ld', document)).toEqual({
      title: 'Ninjago: Masters of Spinjitzu',
      mediaType: 'TV',
      season: 1,
      episode: 1,
    });
  });
  it("still reads no node that names another page's address", async () => {
    const document = page('json-ld-episode.html', 'https://films.example/tv-shows/554629/s01-e02-home');
    const blocks = document.querySelectorAll('script[type="application/ld+json"]');
    (blocks[1] as HTMLElement).textContent = JSON.stringify({
      '@type': 'VideoObject',
      name: 'Ninjago: Masters of Spinjitzu S01:E01 - Rise of the Snakes',
      url: 'https://films.example/tv-shows/554628/s01-e01-rise-of-the-snakes',
    });
    expect(await readLayer(anySite, 'json-ld', document)).toBeNull();
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

describe('layer: tab title, only with something to cut', () => {
  it('names nothing when the title has neither the site name nor a separator', async () => {
    const document = page('meta-only.html');
    // "Now streaming", on a site whose name (og:site_name) it does not carry.
    expect(await readLayer(anySite, 'title', document)).toBeNull();
    document.title = 'Sintel';
    expect(await readLayer(anySite, 'title', document)).toBeNull();
    document.title = 'Open Movie Hall | Browse';
    expect(await readLayer(anySite, 'title', document)).toBeNull();
  });
  it('cuts the last part after a separator where the page gives no site name, or another one', async () => {
    const document = page('meta-only.html');
    document.title = 'Sintel – OMH';
    expect(await readLayer(anySite, 'title', document)).toEqual({ title: 'Sintel' });
    document.querySelector('meta[property="og:site_name"]')?.remove();
    document.title = 'Mission: Impossible – Dead Reckoning Part One | Open Movie Hall';
    expect(await readLayer(anySite, 'title', document)).toEqual({ title: 'Mission: Impossible – Dead Reckoning Part One' });
  });
  it('takes "(YYYY)" for the year', async () => {
    const document = page('meta-only.html');
    document.title = 'Nosferatu (1922) | Open Movie Hall';
    expect(await readLayer(anySite, 'title', document)).toEqual({ title: 'Nosferatu', year: 1922 });
    document.title = 'Watch Night of the Living Dead (1968) Online Free HD - Open Movie Hall';
    expect(await readLayer(anySite, 'title', document)).toEqual({ title: 'Watch Night of the Living Dead', year: 1968 });
  });
  it('reads "2x05" as season 2, episode 5, but not a picture size', async () => {
    const document = page('meta-only.html');
    document.title = 'Pioneer One 2x05 The Pilgrim | Open Movie Hall';
    expect(await readLayer(anySite, 'title', document)).toEqual({ title: 'Pioneer One', mediaType: 'TV', season: 2, episode: 5 });
    document.title = 'Sintel 1920x1080 | Open Movie Hall';
    expect(await readLayer(anySite, 'title', document)).toEqual({ title: 'Sintel 1920x1080' });
  });
});

describe('layer: meta, a year in the title', () => {
  it('takes "(YYYY)" out of og:title (Tubi-style "The 39 Steps (1935)")', async () => {
    const document = page('meta-only.html');
    document.querySelector('meta[property="og:title"]')?.setAttribute('content', 'The 39 Steps (1935)');
    document.querySelector('meta[property="video:release_date"]')?.remove();
    expect(await readLayer(anySite, 'meta', document)).toEqual({ title: 'The 39 Steps', year: 1935, mediaType: 'MOVIE' });
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

describe('the media session before the tab title', () => {
  const identify = (document: Document) =>
    identifyWithSources(anySite, { document, url: new URL(document.location.href), contentId: '', pageData: async () => null });

  it("names what the player says before what the tab's title says", async () => {
    vi.stubGlobal('navigator', { mediaSession: { metadata: { title: 'Sintel (2010)', artist: 'Open Player Hall' } } });
    const found = await identify(page('title-only-e5.html'));
    expect(found).toMatchObject({ by: 'session', media: { title: 'Sintel', year: 2010 } });
  });
  it("leaves the tab to a session that carries the site's name, alone or after the title as the tab does", async () => {
    const document = page('meta-only.html');
    document.querySelector('meta[property="og:type"]')?.remove();
    document.title = 'Dark – Staffel 1, Folge 4 | Open Movie Hall';
    for (const title of ['Open Movie Hall', document.title]) {
      vi.stubGlobal('navigator', { mediaSession: { metadata: { title } } });
      expect(await identify(document)).toMatchObject({ by: 'title', media: { title: 'Dark', season: 1, episode: 4 } });
    }
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

// --- Players in frames and shadow roots, and muted previews (the engine, the offer) -------------

const ORIGIN = 'http://127.0.0.1:45107';

const windowOf = (document: Document) => document.defaultView as Window & typeof globalThis;

/** The browser's own event, in `document`'s window: the engine ignores a page's synthetic ones. */
function trusted(document: Document, type: string): Event {
  const event = new (windowOf(document).Event)(type);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

/** Runs the engine with the generic connector on `document` (in a frame: one whose top is another window); its reports. */
function engineOn(document: Document, frame?: { answer: unknown }): PlaybackReport[] {
  const window = windowOf(document);
  vi.stubGlobal('document', document);
  vi.stubGlobal('location', document.location);
  vi.stubGlobal('HTMLVideoElement', window.HTMLVideoElement);
  const own = frame ? Object.assign(new EventTarget(), { top: {} }) : window;
  vi.stubGlobal('window', own);
  if (frame) vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(frame.answer);
  const reports: PlaybackReport[] = [];
  runConnector(anySite, async (report) => {
    reports.push(report);
    return {};
  });
  leaving.push(() => own.dispatchEvent(frame ? new Event('pagehide') : new window.Event('pagehide')));
  return reports;
}

/** A film-length video that plays (as far as the engine can tell), started at `at` seconds. */
function play(video: HTMLVideoElement, { muted = false, at = 0 } = {}): void {
  Object.defineProperties(video, {
    duration: { value: 310, configurable: true },
    paused: { value: false, configurable: true },
    readyState: { value: 4, configurable: true },
    currentTime: { value: at, configurable: true, writable: true },
  });
  video.muted = muted;
  video.dispatchEvent(trusted(video.ownerDocument, 'playing'));
}

/** A web-component player: its `<video>` in an open shadow root. */
function shadowPlayer(document: Document): HTMLVideoElement {
  const host = document.createElement('film-player');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const video = document.createElement('video');
  root.append(video);
  return video;
}

const settle = () => new Promise((done) => setTimeout(done, 50));

describe('engine: a player frame asks the page around it', () => {
  it('reports what the chosen page around a player frame names, at its address', async () => {
    const answer = {
      contentId: `${ORIGIN}/watch/elephants-dream`,
      media: { title: 'Elephants Dream', year: 2006, mediaType: 'MOVIE' },
    };
    const document = page('embed-player.html', `${ORIGIN}/embed/elephants-dream`);
    const reports = engineOn(document, { answer });
    play(document.querySelector('video') as HTMLVideoElement);
    await vi.waitFor(() =>
      expect(reports[0]).toMatchObject({ contentId: answer.contentId, media: answer.media, reason: 'start' }),
    );
  });
  it('falls back on its own address and reading when the page around it does not answer (it is not chosen)', async () => {
    const document = page('embed-player.html', `${ORIGIN}/embed/elephants-dream`);
    document.title = 'Elephants Dream | Framed Films';
    const reports = engineOn(document, { answer: null });
    play(document.querySelector('video') as HTMLVideoElement);
    await vi.waitFor(() =>
      expect(reports[0]).toMatchObject({ contentId: `${ORIGIN}/embed/elephants-dream`, media: { title: 'Elephants Dream' } }),
    );
  });
});

describe('engine: a player in an open shadow root', () => {
  it('follows a video whose events stop at its shadow root', async () => {
    const document = page('json-ld.html');
    const video = shadowPlayer(document);
    const reports = engineOn(document);
    play(video);
    await vi.waitFor(() => expect(reports[0]).toMatchObject({ media: { title: 'Night of the Living Dead' }, reason: 'start' }));
  });
  it('finds a player built after it started, once the person clicks', async () => {
    const document = page('json-ld.html');
    const reports = engineOn(document);
    const video = shadowPlayer(document);
    document.body.dispatchEvent(trusted(document, 'click'));
    await new Promise((done) => setTimeout(done, 1_100));
    play(video);
    await vi.waitFor(() => expect(reports).toHaveLength(1));
  });
});

describe('engine: a muted preview', () => {
  it('counts for nothing until its sound is turned on, then counts from there', async () => {
    const document = page('json-ld.html');
    const video = document.querySelector('video') as HTMLVideoElement;
    const reports = engineOn(document);
    play(video, { muted: true });
    await settle();
    expect(reports).toEqual([]);
    video.muted = false;
    video.currentTime = 80;
    video.dispatchEvent(trusted(document, 'volumechange'));
    await vi.waitFor(() => expect(reports[0]).toMatchObject({ reason: 'start', startPosition: 80, forwardSeconds: 0 }));
  });
});

describe('the offer and the chosen site, in every frame', () => {
  const scripting = () => fakeBrowser.scripting as unknown as Record<string, unknown>;

  it('measures every frame it may see: a page whose only long video is in a frame is offered', async () => {
    const tab = await fakeBrowser.tabs.create({ url: `${ORIGIN}/watch/elephants-dream` });
    const execute = vi.fn(async () => [
      { frameId: 0, result: 0 },
      { frameId: 4, result: 310 },
    ]);
    scripting().executeScript = execute;
    expect(await offerFor(tab.id ?? 0)).toEqual({ origin: ORIGIN, host: '127.0.0.1:45107' });
    expect(execute).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: tab.id, allFrames: true } }));
  });

  it('measures videos in open shadow roots', () => {
    const document = page('json-ld.html');
    for (const video of document.querySelectorAll('video')) video.remove();
    Object.defineProperty(shadowPlayer(document), 'duration', { value: 310 });
    vi.stubGlobal('document', document);
    expect(longestVideo()).toBe(310);
  });

  it("registers the connector's script for every frame of a chosen origin", async () => {
    await serversItem.write([{ site: 'any-site', origin: ORIGIN }]);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    expect((await wantedScripts()).find((script) => script.id === `server:any-site:${ORIGIN}`)).toMatchObject({
      allFrames: true,
    });
  });

  it('starts the connector at once in each frame of the chosen origin, and in no other', async () => {
    const tab = await fakeBrowser.tabs.create({ url: `${ORIGIN}/watch/elephants-dream` });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    const injected: unknown[] = [];
    Object.assign(scripting(), {
      getRegisteredContentScripts: vi.fn(async () => []),
      registerContentScripts: vi.fn(async () => undefined),
      unregisterContentScripts: vi.fn(async () => undefined),
      executeScript: vi.fn(async ({ target, files }: { target: unknown; files?: string[] }) => {
        if (!files)
          return [
            { frameId: 0, result: ORIGIN },
            { frameId: 3, result: ORIGIN },
            { frameId: 7, result: 'https://ads.example' },
          ];
        injected.push(target);
        return [];
      }),
    });
    expect(await chooseSite(tab.id ?? 0, ORIGIN)).toMatchObject({ ok: true });
    expect(injected).toEqual([{ tabId: tab.id, frameIds: [0, 3] }]);
  });
});
