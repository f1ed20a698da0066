import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { Media } from '@/utils/media';
import { identify } from '@/utils/playback/engine';
import {
  mediaFromDocumentTitle,
  mediaFromLinkedData,
  mediaFromPlayer,
  paramountPlus,
} from '@/utils/sites/connectors/paramount-plus';
import { cases } from '../../fixtures/paramount-plus/e2e';

const E3_ID = 'xT7qP2m9KvLw4NcR8sJd3FgH6yBz1QaE';
const E4_ID = 'Rk2Vb8Nq5WmYc3Lt7Hx9Pd1Gf4Sj6ZaU';
const MOVIE_ID = 'm8VfQk3Tz_Lp2Wn7Rb5Yc9Hd4Jx6Ga1S';
const E3 = `https://www.paramountplus.com/shows/tulsa-king/video/${E3_ID}/tulsa-king-token-joe/`;
const E4 = `https://www.paramountplus.com/shows/tulsa-king/video/${E4_ID}/tulsa-king-visitation-place/`;
const E3_DE = `https://www.paramountplus.com/de/shows/tulsa-king/video/${E3_ID}/tulsa-king-token-joe/`;
const MOVIE = `https://www.paramountplus.com/movies/top-gun-maverick/${MOVIE_ID}/`;

const fixtures = resolve(import.meta.dirname, '../../fixtures/paramount-plus');
function page(name: string, url: string, scripts = false): Document {
  const window = new Window({
    url,
    settings: { enableJavaScriptEvaluation: scripts, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

const tulsaKing = (episode: number): Media => ({ title: 'Tulsa King', mediaType: 'TV', season: 1, episode });
const topGun: Media = { title: 'Top Gun: Maverick', mediaType: 'MOVIE' };

describe('paramount-plus watch pages', () => {
  it.each([
    [E3, E3_ID],
    [E3_DE, E3_ID],
    [MOVIE, MOVIE_ID],
    ['https://www.paramountplus.com/movies/video/wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q/', 'wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q'],
    ['https://www.paramountplus.com/shows/video/Oe44g5_NrlgiZE3aQVONleD6vXc8kP0k', 'Oe44g5_NrlgiZE3aQVONleD6vXc8kP0k'],
    [
      'https://www.paramountplus.com/gb/movies/video/3DcGhIoTusoQFB_YLGCtLvefraLxuZMJ/?ftag=PPM-05-10aei0h',
      '3DcGhIoTusoQFB_YLGCtLvefraLxuZMJ',
    ],
  ])('%s plays %s', (url, id) => {
    expect(paramountPlus.watchPage(new URL(url))).toBe(id);
  });
  it.each(paramountPlus.sampleUrls.watch)('%s is a watch page', (url) => {
    expect(paramountPlus.watchPage(new URL(url))).toMatch(/^[\w-]{24,40}$/);
  });
  it.each([
    ...paramountPlus.sampleUrls.notWatch,
    // A show's id without its /video/ segment, and slugs the length of an id.
    `https://www.paramountplus.com/shows/tulsa-king/${E3_ID}/`,
    'https://www.paramountplus.com/movies/collections/paramount-plus-original-movies-collection/',
    'https://www.paramountplus.com/shows/tulsa-king/video/tulsa-king-season-one-official-trailer/',
  ])('%s is not', (url) => {
    expect(paramountPlus.watchPage(new URL(url))).toBeNull();
  });
});

describe('main video', () => {
  it("is the player area's video", () => {
    const video = page('movie.html', MOVIE).querySelector<HTMLVideoElement>('.video__player-area video');
    expect(video && paramountPlus.isMainVideo?.(video)).toBe(true);
  });
  it("rejects the film page's looping preview", () => {
    const video = page('movie.html', MOVIE).querySelector<HTMLVideoElement>('video.marqueeVideo');
    expect(video).not.toBeNull();
    expect(video && paramountPlus.isMainVideo?.(video)).toBe(false);
  });
  it('rejects a preview even inside the player area', () => {
    const document = page('movie.html', MOVIE);
    const video = document.querySelector<HTMLVideoElement>('video.marqueeVideo');
    if (video) document.querySelector('.video__player-area')?.append(video);
    expect(video && paramountPlus.isMainVideo?.(video)).toBe(false);
  });
});

describe('layer: JSON-LD', () => {
  it.each([
    ['episode.html', E3, tulsaKing(3)],
    ['movie.html', MOVIE, topGun],
    // Left from episode 3 while episode 4 plays.
    ['stale.html', E4, null],
    // A film's data on a show's URL is a previous page's.
    ['movie.html', `https://www.paramountplus.com/shows/top-gun/video/${MOVIE_ID}/top-gun/`, null],
    ['episode-de.html', E3_DE, null],
    ['nothing.html', E3, null],
  ])('%s at %s', (file, url, expected) => {
    const parsed = new URL(url);
    expect(mediaFromLinkedData(page(file, url), parsed, paramountPlus.watchPage(parsed) ?? '')).toEqual(expected);
  });

  it('takes a node without a URL, a bare season number and the type in a list', () => {
    const document = page('nothing.html', E3);
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.textContent = JSON.stringify({
      '@type': ['TVEpisode'],
      episodeNumber: 5,
      partOfSeason: 2,
      partOfSeries: { name: 'Tulsa King' },
    });
    document.head.append(script);
    expect(mediaFromLinkedData(document, new URL(E3), E3_ID)).toEqual({
      title: 'Tulsa King',
      mediaType: 'TV',
      season: 2,
      episode: 5,
    });
  });
});

describe('layer: player title', () => {
  it.each([
    ['episode.html', E3, tulsaKing(3)],
    ['episode-de.html', E3_DE, tulsaKing(3)],
    ['stale.html', E4, tulsaKing(4)],
    ['movie.html', MOVIE, topGun],
    ['title-only.html', E3, null],
    ['nothing.html', E3, null],
  ])('%s', (file, url, expected) => {
    expect(mediaFromPlayer(page(file, url), new URL(url))).toEqual(expected);
  });

  it("on a show's URL, a title with no episode line names no type", () => {
    const document = page('episode.html', E3);
    document.querySelector('.title-episode')?.remove();
    expect(mediaFromPlayer(document, new URL(E3))).toEqual({ title: 'Tulsa King' });
  });

  it('ignores a title outside the player area', () => {
    const document = page('nothing.html', E3);
    const stray = document.createElement('span');
    stray.className = 'title-name';
    stray.textContent = 'Some Carousel Title';
    document.body.append(stray);
    expect(mediaFromPlayer(document, new URL(E3))).toBeNull();
  });
});

describe('layer: document title', () => {
  it.each([
    ['episode.html', E3, tulsaKing(3)],
    ['episode-de.html', E3_DE, tulsaKing(3)],
    ['title-only.html', E3, tulsaKing(3)],
    ['movie.html', MOVIE, topGun],
    ['nothing.html', E3, null],
  ])('%s', (file, url, expected) => {
    expect(mediaFromDocumentTitle(page(file, url), new URL(url))).toEqual(expected);
  });

  it.each([
    [E3, 'Tulsa King Temporada 1, Episodio 3: Token Joe - Paramount+', tulsaKing(3)],
    [E3, 'Tulsa King Saison 1 Épisode 3 | Paramount+', tulsaKing(3)],
    [MOVIE, 'Watch Top Gun: Maverick (2022) - Full Movie on Paramount Plus', { ...topGun, year: 2022 }],
    // On a show's page the tab must say which episode: an episode's or a clip's name is not the show.
    [E3, 'Token Joe | Paramount+', null],
    [E3, 'Paramount+', null],
    [MOVIE, 'Paramount Plus', null],
  ])('%s titled %j', (url, title, expected) => {
    const document = page('nothing.html', url);
    document.title = title;
    expect(mediaFromDocumentTitle(document, new URL(url))).toEqual(expected);
  });
});

describe('layers in order', () => {
  const input = (document: Document, url: string) => ({
    document,
    video: document.querySelector('.video__player-area video') as HTMLVideoElement,
    url: new URL(url),
    contentId: paramountPlus.watchPage(new URL(url)) ?? '',
    pageData: async () => null,
  });

  it.each([
    ['episode.html', E3, tulsaKing(3)],
    ['movie.html', MOVIE, topGun],
    // No JSON-LD: the player's "Staffel 1, Folge 3".
    ['episode-de.html', E3_DE, tulsaKing(3)],
    // Stale JSON-LD is passed over for the player.
    ['stale.html', E4, tulsaKing(4)],
    // Neither JSON-LD nor player text: the tab still names the episode.
    ['title-only.html', E3, tulsaKing(3)],
    ['nothing.html', E3, null],
  ])('%s gives %j', async (file, url, expected) => {
    expect(await identify(paramountPlus, input(page(file, url), url))).toEqual(expected);
  });
});

/**
 * Each end-to-end case replayed on the unit-tested layers: the page's own script runs (autoplay
 * included) and the played video is judged as the engine judges it. What this yields is what the
 * browser test must receive.
 */
describe('end-to-end cases', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const document = page(c.page, c.url, true);
    const window = document.defaultView as unknown as Window;
    const video = document.querySelector<HTMLVideoElement>(c.play ?? 'video');
    if (!video) throw new Error(`no ${c.play} in ${c.page}`);
    for (const decoy of c.decoys ?? []) {
      const element = document.querySelector<HTMLVideoElement>(decoy);
      expect(element && paramountPlus.isMainVideo?.(element)).toBe(false);
    }
    const received: (Media | null)[] = [];
    const play = async () => {
      const url = new URL(window.location.href);
      const contentId = paramountPlus.watchPage(url);
      if (contentId === null || !paramountPlus.isMainVideo?.(video)) return;
      received.push(await identify(paramountPlus, { document, url, contentId, video, pageData: async () => null }));
    };
    await play();
    const before = window.location.href;
    video.dispatchEvent(new window.Event('ended') as unknown as Event);
    if (window.location.href !== before) await play();
    expect(received).toEqual(c.expect);
  });
});
