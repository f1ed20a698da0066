import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { playerRatingKey, plex } from '@/utils/sites/connectors/plex';
import { identify } from '@/utils/sites/identify';
import { cases } from '../../fixtures/plex/e2e';
import { EPISODE_SECONDS } from '../../support/netflix';
import { readLayer, readPageData, sampleUrls } from './support';

const MACHINE = '5f2d0c9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e';
const DETAILS = `https://app.plex.tv/desktop/#!/server/${MACHINE}/details?key=%2Flibrary%2Fmetadata%2F`;

const fixtures = resolve(import.meta.dirname, '../../fixtures/plex');
const json = (name: string): unknown => JSON.parse(readFileSync(resolve(fixtures, name), 'utf8'));
function page(name: string, url = `${DETAILS}1001`): Document {
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

/** A page whose player shows the item `ratingKey` (its metadata link), or no player. */
function playing(ratingKey: string | undefined): Document {
  const document = page('nothing.html');
  if (ratingKey === undefined) return document;
  const box = document.createElement('div');
  box.className = 'PlayerControlsMetadata-container-x1';
  const link = document.createElement('a');
  link.setAttribute('href', `#!/server/${MACHINE}/details?key=%2Flibrary%2Fmetadata%2F${ratingKey}`);
  box.append(link);
  document.body.append(box);
  return document;
}
/** The 'page' layer's reading of the server's answer, on a page whose player shows `ratingKey`. */
const readMetadata = (data: unknown, ratingKey: string | undefined, video?: HTMLVideoElement) =>
  readPageData(plex, data, video?.ownerDocument ?? playing(ratingKey), { video });
const mediaFromPlayer = (document: Document) => readLayer(plex, 'dom', document);
const mediaFromDocumentTitle = (document: Document) => readLayer(plex, 'title', document);

const oppenheimer = { title: 'Oppenheimer', year: 2023, mediaType: 'MOVIE' };
const severance = { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 };

describe('plex watch pages', () => {
  it.each(sampleUrls('plex').watch)('%s is Plex Web', (url) => {
    expect(plex.watchPage(new URL(url))).not.toBeNull();
  });
  it.each(sampleUrls('plex').notWatch)('%s is not', (url) => {
    expect(plex.watchPage(new URL(url))).toBeNull();
  });
  it.each([
    [`${DETAILS}2004`, `${MACHINE}:2004`],
    [`${DETAILS}2004&context=home%3Ahub.continueWatching`, `${MACHINE}:2004`],
    ['https://app.plex.tv/desktop/#!/', ''],
    ['https://app.plex.tv/desktop/#!/server/5f2d/details?key=%2Flibrary%2Fcollections%2F77', ''],
    ['https://app.plex.tv/desktop/#!/provider/tv.plex.provider.vod/details?key=%2Flibrary%2Fmetadata%2F5d7768', '5d7768'],
    [`http://192.168.1.20:32400/web/index.html#!/server/${MACHINE}/details?key=%2Flibrary%2Fmetadata%2F1001`, `${MACHINE}:1001`],
    ['http://192.168.1.20:32400/web/index.html#!/', ''],
    ['https://plex.example.net/web/', ''],
  ])('%s plays %j', (url, id) => {
    expect(plex.watchPage(new URL(url))).toBe(id);
  });
  it.each([
    'http://192.168.1.20:32400/',
    'http://192.168.1.20:32400/library/metadata/1001?X-Plex-Token=abc',
    'http://192.168.1.20:32400/identity',
  ])('a server outside its /web app (%s) is no player page', (url) => {
    expect(plex.watchPage(new URL(url))).toBeNull();
  });
});

describe('main video', () => {
  it("is the player container's video", () => {
    const video = page('player-movie.html').querySelector<HTMLVideoElement>('video[class^="HTMLMedia-mediaElement"]');
    expect(video && plex.isMainVideo?.(video)).toBe(true);
  });
  it('is not a video elsewhere on the page', () => {
    const video = page('player-movie.html').querySelector<HTMLVideoElement>('video.PrePlayHero-video-x1');
    expect(video).not.toBeNull();
    expect(video && plex.isMainVideo?.(video)).toBe(false);
  });
});

describe('layer: page data (/library/metadata)', () => {
  it.each([
    ['metadata-movie.json', '1001', oppenheimer],
    ['metadata-episode.json', '2004', severance],
    // Season 0 is Plex's "Specials"; ReelRifter reads season 0 the same way.
    ['metadata-special.json', '2101', { title: 'Sherlock', mediaType: 'TV', season: 0, episode: 1 }],
    ['metadata-track.json', '4011', 'other'],
    ['metadata-extra.json', '1101', 'other'],
    ['metadata-movie.json', undefined, oppenheimer],
    ['metadata-movie.json', '2004', null],
  ])('%s for the player item %s', async (file, ratingKey, expected) => {
    expect(await readMetadata(json(file), ratingKey)).toEqual(expected);
  });

  it('leaves out numbers that come without their pair', async () => {
    const data = { MediaContainer: { Metadata: [{ type: 'episode', grandparentTitle: 'Severance', index: 4 }] } };
    expect(await readMetadata(data, undefined)).toEqual({ title: 'Severance', mediaType: 'TV' });
  });

  it.each([
    [10_800, oppenheimer],
    [10_000, oppenheimer],
    [360, null],
  ])('a %s s video against a three-hour film: %j', async (seconds, expected) => {
    const video = videoOf(page('player-movie.html'), seconds);
    expect(await readMetadata(json('metadata-movie.json'), '1001', video)).toEqual(expected);
  });

  it.each([
    null,
    'nope',
    { MediaContainer: {} },
    { MediaContainer: { Metadata: [] } },
    { MediaContainer: { Metadata: [{ type: 'episode', title: 'Woe’s Hollow' }] } },
    { MediaContainer: { Metadata: [{ type: 'movie' }] } },
    { MediaContainer: { Metadata: [{ title: 'No type' }] } },
  ])('rejects %j', async (data) => {
    expect(await readMetadata(data, undefined)).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it.each([
    ['player-movie.html', { title: 'Oppenheimer' }],
    ['player-episode.html', severance],
    ['player-extra.html', { title: 'Oppenheimer: Behind the Scenes' }],
  ])('%s', async (file, expected) => {
    expect(await mediaFromPlayer(page(file))).toEqual(expected);
  });
  it.each(['title-only.html', 'nothing.html'])('finds nothing in %s', async (file) => {
    expect(await mediaFromPlayer(page(file))).toBeNull();
  });
  it.each([
    ['player-movie.html', '1001'],
    ['player-episode.html', '2004'],
    ['player-music.html', '4011'],
    ['nothing.html', undefined],
  ])("%s: the player's item is %s, its last metadata link", (file, ratingKey) => {
    expect(playerRatingKey(page(file))).toBe(ratingKey);
  });
  it("a Plex-provided film's hex id is no server's rating key", () => {
    const document = page('player-movie.html');
    document
      .querySelector('[data-testid="metadataTitleLink"]')
      ?.setAttribute('href', '#!/provider/tv.plex.provider.vod/details?key=%2Flibrary%2Fmetadata%2F5d776b59ad5437001f79c6f8');
    expect(playerRatingKey(document)).toBeUndefined();
  });
});

describe('layer: document title', () => {
  it.each([
    ['▶ Severance - S2 · E4', severance],
    ['Severance - S2 · E4', severance],
    ['▶ Star Wars: Andor - S1 · E3', { title: 'Star Wars: Andor', mediaType: 'TV', season: 1, episode: 3 }],
    ['▶ 重版出来！ - 第1季 · 第3集', { title: '重版出来！', mediaType: 'TV', season: 1, episode: 3 }],
    ['▶ Oppenheimer', { title: 'Oppenheimer' }],
    ['▶ Mission: Impossible - Dead Reckoning Part One', { title: 'Mission: Impossible - Dead Reckoning Part One' }],
  ])('%j', async (title, expected) => {
    const document = page('nothing.html');
    document.title = title;
    expect(await mediaFromDocumentTitle(document)).toEqual(expected);
  });
  it.each(['Plex', '▶ ', ''])('%j says nothing', async (title) => {
    const document = page('nothing.html');
    document.title = title;
    expect(await mediaFromDocumentTitle(document)).toBeNull();
  });
});

describe('layers in order', () => {
  const input = (document: Document, data: unknown, seconds?: number) => ({
    document,
    video: videoOf(document, seconds),
    url: new URL(`${DETAILS}1001`),
    contentId: `${MACHINE}:1001`,
    pageData: async () => data,
  });

  it.each([
    ['player-movie.html', 'metadata-movie.json', oppenheimer],
    ['player-episode.html', 'metadata-episode.json', severance],
  ])('the server names what %s plays, with what only it knows', async (file, answer, expected) => {
    expect(await identify(plex, input(page(file), json(answer)))).toEqual(expected);
  });
  it('with the page data gone, the player DOM still names the episode', async () => {
    expect(await identify(plex, input(page('player-episode.html'), null))).toEqual(severance);
  });
  it('an answer for another item than the player shows falls through to the player DOM', async () => {
    expect(await identify(plex, input(page('player-movie.html'), json('metadata-episode.json')))).toEqual({
      title: 'Oppenheimer',
    });
  });
  it('a runtime far from the video is not trusted: the player DOM names it', async () => {
    expect(await identify(plex, input(page('player-movie.html'), json('metadata-movie.json'), 360))).toEqual({
      title: 'Oppenheimer',
    });
  });
  it('a page script that fails falls through to the next layer', async () => {
    const broken = { ...input(page('title-only.html'), null), pageData: async () => Promise.reject(new Error('blocked')) };
    expect(await identify(plex, broken)).toEqual(severance);
  });
  it.each([
    ['player-music.html', 'metadata-track.json'],
    ['player-extra.html', 'metadata-extra.json'],
  ])('%s: what the server calls neither film nor episode stops every layer', async (file, answer) => {
    expect(await identify(plex, input(page(file), json(answer)))).toBeNull();
  });
  it('with the player DOM gone, the tab title names the episode', async () => {
    expect(await identify(plex, input(page('title-only.html'), null))).toEqual(severance);
  });
  it('nothing identifies a bare page', async () => {
    expect(await identify(plex, input(page('nothing.html'), null))).toBeNull();
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
    expect(plex.watchPage(url)).not.toBeNull();
    // A kids' profile's case plays the main video too: it is the profile that sends nothing.
    expect(plex.isMainVideo?.(played)).toBe(site.expect.length > 0 || site.profile?.kids === true);
    for (const decoy of site.decoys ?? []) {
      const video = document.querySelector<HTMLVideoElement>(decoy);
      expect(video && plex.isMainVideo?.(video)).toBe(false);
    }
    if (site.expect.length === 0) return;
    // What the page world hands back: the server's answer routed for the player's item, if any.
    const answer = Object.entries(site.routes ?? {}).find(([glob]) =>
      glob.includes(`/library/metadata/${playerRatingKey(document)}?`),
    )?.[1];
    const pageData = async () => (answer ? json(answer) : null);
    const input = { document, video: played, url, contentId: plex.watchPage(url) ?? '', pageData };
    expect(await identify(plex, input)).toEqual(site.expect[0]);
  });
});
