import type { Media } from '../../media';
import { read } from '../../untrusted';
import { cleanTitle, mediaFromPlayerLines } from '../episode-text';
import type { Connector } from '../types';

/** The player's own metadata, as `disney-plus-page.ts` hands it over: `{ title, subtitle }`. */
export function mediaFromPlayerMetadata(data: unknown): Media | null {
  const metadata = read.record(data);
  return mediaFromPlayerLines(read.text(metadata?.title), read.text(metadata?.subtitle));
}

/** The controls' title bug: `.title-field` (show or film) over `.subtitle-field` ("S1:E3 Title", localized). */
export function mediaFromPlayerTitle(document: Document): Media | null {
  const scope = document.querySelector('disney-web-player-ui') ?? document;
  return mediaFromPlayerLines(
    read.text(scope.querySelector('.title-field')?.textContent),
    read.text(scope.querySelector('.subtitle-field')?.textContent),
  );
}

/** "Title | Disney+": the show's or film's name, nothing more. */
export function mediaFromDocumentTitle(document: Document): Media | null {
  const title = cleanTitle(document.title.replace(/\s*\|\s*Disney\+.*$/i, ''));
  return title && !/^Disney\+/i.test(title) ? { title } : null;
}

/** Hero and tile previews loop; the hidden second video in the player has no hivePlayer id. */
export function isMainVideo(video: HTMLVideoElement): boolean {
  if (video.loop) return false;
  const document = video.ownerDocument;
  if (document.querySelector('video[id^="hivePlayer"]')) return video.id.startsWith('hivePlayer');
  return !document.querySelector('disney-web-player') || video.closest('disney-web-player') !== null;
}

/** `/<locale>/play/<uuid>` since 2026, `/video/<uuid>` before. */
const WATCH = /^(?:\/[a-z]{2,3}(?:-[a-z0-9]{2,4}){0,2})?\/(?:play|video)\/([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})(?:\/|$)/i;

export const disneyPlus: Connector = {
  id: 'disney-plus',
  label: 'Disney+',
  matches: ['https://*.disneyplus.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[1] ?? null,
  isMainVideo,
  pageScript: '/disney-plus-page.js',
  layers: [
    { name: 'page', read: async ({ pageData }) => mediaFromPlayerMetadata(await pageData()) },
    { name: 'dom', read: ({ document }) => mediaFromPlayerTitle(document) },
    { name: 'title', read: ({ document }) => mediaFromDocumentTitle(document) },
  ],
  sampleUrls: {
    watch: [
      'https://www.disneyplus.com/nl-nl/play/f3f11053-d810-4b92-9c95-567bef5f215d',
      'https://www.disneyplus.com/en-us/play/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d?autoplay=true',
      'https://www.disneyplus.com/play/f3f11053-d810-4b92-9c95-567bef5f215d',
      'https://www.disneyplus.com/video/3a5a7ba2-fd5a-4ab6-a4c6-0e0e5a4b8f6d',
    ],
    notWatch: [
      'https://www.disneyplus.com/en-us/home',
      'https://www.disneyplus.com/en-us/browse/entity-f3f11053-d810-4b92-9c95-567bef5f215d',
      'https://www.disneyplus.com/en-gb/movies/inside-out-2/7GhUiYOcSVBC',
      'https://www.disneyplus.com/en-us/play/',
      'https://www.disneyplus.com/en-us/search',
    ],
  },
};
