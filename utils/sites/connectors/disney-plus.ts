import { read } from '../../untrusted';
import { mediaFromPlayerLines } from '../episode-text';
import { fromPageData, fromPlayer, fromTabTitle, justTitle, profileFromPageData } from '../layers';
import type { Connector } from '../types';

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
  // The profile that watches and whether it is a kids' one, from the account API (disney-plus.page.ts).
  profile: profileFromPageData,
  layers: [
    // The player element's own metadata (disney-plus.page.ts): `{ title, subtitle }`, "S1:E3 Title" localized.
    fromPageData((data) => mediaFromPlayerLines(read.text(read.record(data)?.title), read.text(read.record(data)?.subtitle))),
    // The controls' title bug: `.title-field` (show or film) over `.subtitle-field`.
    fromPlayer({ scope: 'disney-web-player-ui', title: '.title-field', lines: '.subtitle-field' }),
    // "Title | Disney+": the show's or film's name, nothing more.
    fromTabTitle({ brand: /Disney\+/, brandAt: 'after', extra: [/\s*\|\s*Disney\+.*$/i], media: justTitle }),
  ],
};
