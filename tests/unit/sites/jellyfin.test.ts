import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { jellyfin, mediaFromTitle } from '@/utils/sites/connectors/jellyfin';
import { identify, identifyWithSources } from '@/utils/sites/identify';
import { cases } from '../../fixtures/jellyfin/e2e';
import { EPISODE_SECONDS } from '../../support/netflix';
import { readLayer, readPageData, sampleUrls } from './support';

const PLAYER_URL = 'http://localhost:8096/web/#/video';
/** The device id of the browser the `sessions-*.json` answers were asked from. */
const DEVICE = 'TW96aWxsYS81LjAgKFgxMTsgTGludXggeDg2XzY0OyBydjoxMjguMCkgR2Vja28vMjAxMDAxMDEgRmlyZWZveC8xMjguMHwxNzE4MDAwMDAwMDAw';
const EMBY_DEVICE = '6c0e7f0b4b2a4a5d9d1f2e3c4b5a6978';

const fixtures = resolve(import.meta.dirname, '../../fixtures/jellyfin');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
/** What the page world hands back: this device's id and the server's `/Sessions` answer. */
const sessions = (name: string, deviceId = DEVICE) => ({ deviceId, sessions: json(name) });
function page(name: string, url = PLAYER_URL): Document {
  const window = new Window({ url });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}
/** A video as long as `seconds`; happy-dom's own have no duration. */
function videoOf(document: Document, seconds?: number): HTMLVideoElement {
  const video = document.querySelector('video') ?? document.createElement('video');
  if (seconds !== undefined) Object.defineProperty(video, 'duration', { value: seconds });
  return video;
}

/** The 'page' layer's reading of what the page world hands back. */
const readSessions = (data: unknown, video?: HTMLVideoElement) =>
  readPageData(jellyfin, data, video?.ownerDocument ?? page('nothing.html'), { video });
/** The player's text: Emby's on-screen display, or Jellyfin's header over the player. */
const mediaFromPlayer = (document: Document) => readLayer(jellyfin, 'dom', document);
/** The tab. */
const mediaFromTab = (document: Document) => readLayer(jellyfin, 'title', document);
/** Jellyfin's header alone: the tab names nothing but the app. */
const mediaFromHeader = (document: Document) => {
  document.title = 'Jellyfin';
  return readLayer(jellyfin, 'dom', document);
};

const oppenheimer = { title: 'Oppenheimer', year: 2023, mediaType: 'MOVIE' };
const severance = { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 };
const theBear = { title: 'The Bear', mediaType: 'TV', season: 1, episode: 7 };

describe('jellyfin and emby player pages', () => {
  it.each(sampleUrls('jellyfin').watch)('%s is the player, whose URL names nothing', (url) => {
    expect(jellyfin.watchPage(new URL(url))).toBe('');
  });
  it.each([
    ...sampleUrls('jellyfin').notWatch,
    'http://localhost:8096/web/#/videos',
    'http://localhost:8096/web/#/musicvideos?topParentId=1',
    'https://example.com/#/video',
    'http://localhost:8096/video',
  ])('%s is not', (url) => {
    expect(jellyfin.watchPage(new URL(url))).toBeNull();
  });
});

describe('main video', () => {
  it("is the player container's video", () => {
    const video = page('player-episode.html').querySelector<HTMLVideoElement>('video.htmlvideoplayer');
    expect(video && jellyfin.isMainVideo?.(video)).toBe(true);
  });
  it('is not a video outside it', () => {
    const video = page('player-episode.html').querySelector<HTMLVideoElement>('video.cardPreview');
    expect(video).not.toBeNull();
    expect(video && jellyfin.isMainVideo?.(video)).toBe(false);
  });
  it("is Emby's player video too", () => {
    const video = page('emby-episode.html').querySelector('video');
    expect(video && jellyfin.isMainVideo?.(video)).toBe(true);
  });
});

describe('layer: page data (/Sessions)', () => {
  it.each([
    ['sessions-movie.json', DEVICE, oppenheimer],
    ['sessions-episode.json', DEVICE, severance],
    ['sessions-emby.json', EMBY_DEVICE, theBear],
    ['sessions-music-video.json', DEVICE, 'other'],
    ['sessions-idle.json', DEVICE, null],
    ['sessions-movie.json', 'b3a1c5e8f2d94e7a', severance],
    ['sessions-movie.json', 'another-browser', null],
  ])('%s asked by %s', async (file, deviceId, expected) => {
    expect(await readSessions(sessions(file, deviceId))).toEqual(expected);
  });

  it('sends specials as season 0, as ReelRifter reads it', async () => {
    const data = {
      deviceId: 'd',
      sessions: [
        {
          DeviceId: 'd',
          NowPlayingItem: {
            Type: 'Episode',
            SeriesName: 'Sherlock',
            ParentIndexNumber: 0,
            IndexNumber: 1,
            Name: 'The Abominable Bride',
          },
        },
      ],
    };
    expect(await readSessions(data)).toEqual({ title: 'Sherlock', mediaType: 'TV', season: 0, episode: 1 });
  });

  it('leaves out numbers that come without their pair', async () => {
    const data = {
      deviceId: 'd',
      sessions: [{ DeviceId: 'd', NowPlayingItem: { Type: 'Episode', SeriesName: 'Severance', IndexNumber: 4 } }],
    };
    expect(await readSessions(data)).toEqual({ title: 'Severance', mediaType: 'TV' });
  });

  it('names nothing when the device has two sessions playing', async () => {
    const [own] = json('sessions-movie.json') as unknown[];
    expect(await readSessions({ deviceId: DEVICE, sessions: [own, own] })).toBeNull();
  });

  it.each([
    [10_800, oppenheimer],
    [11_500, oppenheimer],
    [2_940, null],
  ])('a %s s video against a three-hour film: %j', async (seconds, expected) => {
    expect(await readSessions(sessions('sessions-movie.json'), videoOf(page('player-movie.html'), seconds))).toEqual(expected);
  });

  it.each([
    null,
    [],
    { sessions: json('sessions-movie.json') },
    { deviceId: DEVICE, sessions: 'none' },
    { deviceId: DEVICE, sessions: [{ DeviceId: DEVICE, NowPlayingItem: { Type: 'Episode', Name: 'Woe’s Hollow' } }] },
    { deviceId: DEVICE, sessions: [{ DeviceId: DEVICE, NowPlayingItem: { Type: 'Movie' } }] },
    { deviceId: DEVICE, sessions: [{ DeviceId: DEVICE, NowPlayingItem: { Name: 'No type' } }] },
  ])('rejects %j', async (data) => {
    expect(await readSessions(data)).toBeNull();
  });
});

describe('the title Jellyfin gives what plays', () => {
  it.each([
    ["Severance - S2:E4 - Woe's Hollow (2025)", severance],
    ['Severance - S2:E4 - Woe’s Hollow', severance],
    ['Severance - S2:E4 (2025)', severance],
    ['Band of Brothers - S1:E1-2 - Currahee (2001)', { title: 'Band of Brothers', mediaType: 'TV', season: 1, episode: 1 }],
    ['Oppenheimer (2023)', { title: 'Oppenheimer', year: 2023 }],
    ['Severance', { title: 'Severance' }],
    [
      'Mission: Impossible - Dead Reckoning Part One (2023)',
      { title: 'Mission: Impossible - Dead Reckoning Part One', year: 2023 },
    ],
  ])('%j', (text, expected) => {
    expect(mediaFromTitle(text)).toEqual(expected);
  });
  it.each(['Jellyfin', 'Emby', '  '])('%j says nothing', (text) => {
    expect(mediaFromTitle(text)).toBeNull();
  });
});

describe("layer: player DOM (Emby's on-screen display)", () => {
  it.each([['emby-episode.html', theBear]])('%s', async (file, expected) => {
    expect(await mediaFromPlayer(page(file))).toEqual(expected);
  });
  it('names a film or a series without a numbered line, of no known type', async () => {
    const document = page('emby-episode.html');
    document.querySelector('.videoOsdTitle')?.remove();
    expect(await mediaFromPlayer(document)).toEqual({ title: 'The Bear' });
  });
  it.each(['title-only.html', 'nothing.html'])('finds nothing in %s', async (file) => {
    expect(await mediaFromPlayer(page(file))).toBeNull();
  });
});

describe("layer: player DOM (Jellyfin's player header)", () => {
  it.each([
    ['player-movie.html', { title: 'Oppenheimer', year: 2023 }],
    ['player-episode.html', severance],
    ['player-music-video.html', { title: 'Bohemian Rhapsody', year: 1975 }],
  ])('%s', async (file, expected) => {
    expect(await mediaFromHeader(page(file))).toEqual(expected);
  });
  it('reads the header, not the tab', async () => {
    const document = page('player-episode.html');
    document.title = 'Oppenheimer (2023)';
    expect(await mediaFromPlayer(document)).toEqual(severance);
  });
});

describe('layer: title (the tab)', () => {
  it.each([
    ['title-only.html', severance],
    ['player-movie.html', { title: 'Oppenheimer', year: 2023 }],
  ])('%s', async (file, expected) => {
    expect(await mediaFromTab(page(file))).toEqual(expected);
  });
  it.each(['nothing.html', 'emby-episode.html'])('%s says nothing', async (file) => {
    expect(await mediaFromTab(page(file))).toBeNull();
  });
});

describe('layers in order', () => {
  const input = (document: Document, data: unknown, seconds?: number) => ({
    document,
    video: videoOf(document, seconds),
    url: new URL(PLAYER_URL),
    contentId: '',
    pageData: async () => data,
  });

  it.each([
    ['player-movie.html', sessions('sessions-movie.json'), oppenheimer],
    ['player-episode.html', sessions('sessions-episode.json'), severance],
    ['emby-episode.html', sessions('sessions-emby.json', EMBY_DEVICE), theBear],
  ])('the server names what %s plays, with what only it knows', async (file, data, expected) => {
    expect(await identify(jellyfin, input(page(file), data))).toEqual(expected);
  });
  it('with the page data gone, the player DOM still names the film', async () => {
    expect(await identify(jellyfin, input(page('player-movie.html'), null))).toEqual({ title: 'Oppenheimer', year: 2023 });
  });
  it('before the web app reports its start, the player DOM names the episode', async () => {
    expect(await identify(jellyfin, input(page('player-episode.html'), sessions('sessions-idle.json')))).toEqual(severance);
  });
  it('with the page data gone, Emby’s player DOM names the episode', async () => {
    expect(await identify(jellyfin, input(page('emby-episode.html'), null))).toEqual(theBear);
  });
  it('a runtime far from the video is not trusted: the player DOM names it', async () => {
    expect(await identify(jellyfin, input(page('player-episode.html'), sessions('sessions-movie.json'), 2_940))).toEqual(
      severance,
    );
  });
  it('a page script that fails falls through to the next layer', async () => {
    const broken = { ...input(page('title-only.html'), null), pageData: async () => Promise.reject(new Error('blocked')) };
    expect(await identify(jellyfin, broken)).toEqual(severance);
  });
  it('a music video stops every layer', async () => {
    expect(await identify(jellyfin, input(page('player-music-video.html'), sessions('sessions-music-video.json')))).toBeNull();
  });
  it('with the player DOM gone, the tab title names the episode', async () => {
    expect(await identify(jellyfin, input(page('title-only.html'), null))).toEqual(severance);
  });
  it('nothing identifies a bare page', async () => {
    expect(await identify(jellyfin, input(page('nothing.html'), null))).toBeNull();
  });
  it('reports each layer it asked, and the tab named it when the player showed nothing', async () => {
    const found = await identifyWithSources(jellyfin, input(page('title-only.html'), null));
    expect(found.by).toBe('title');
    expect(found.tried).toEqual([
      { layer: 'page', result: 'nothing' },
      { layer: 'dom', result: 'nothing' },
      { layer: 'title', result: 'named' },
    ]);
    const music = await identifyWithSources(
      jellyfin,
      input(page('player-music-video.html'), sessions('sessions-music-video.json')),
    );
    expect(music).toEqual({ media: null, tried: [{ layer: 'page', result: 'other' }] });
  });
});

describe('end-to-end cases agree with the layers', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, site) => {
    const url = new URL(site.url);
    const document = page(site.page, site.url);
    const played = document.querySelector<HTMLVideoElement>(site.play ?? 'video');
    expect(played).not.toBeNull();
    if (!played) return;
    Object.defineProperty(played, 'duration', { value: EPISODE_SECONDS });
    expect(jellyfin.watchPage(url)).toBe('');
    expect(jellyfin.isMainVideo?.(played)).toBe(site.expect.length > 0);
    for (const decoy of site.decoys ?? []) {
      const video = document.querySelector<HTMLVideoElement>(decoy);
      expect(video && jellyfin.isMainVideo?.(video)).toBe(false);
    }
    if (site.expect.length === 0) return;
    // What the page world hands back: the stand-in ApiClient's device id and the routed /Sessions answer, if any.
    const deviceId = /_deviceId: '([^']+)'/.exec(readFileSync(resolve(fixtures, site.page), 'utf8'))?.[1];
    expect(deviceId).toBeDefined();
    const answer = Object.entries(site.routes ?? {}).find(([glob]) => glob.includes('/Sessions?'))?.[1];
    const pageData = async () => (answer ? { deviceId, sessions: json(answer) } : null);
    const input = { document, video: played, url, contentId: '', pageData };
    expect(await identify(jellyfin, input)).toEqual(site.expect[0]);
  });
});
