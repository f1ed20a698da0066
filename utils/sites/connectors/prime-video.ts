import { splitSeason } from '../episode-text';
import { fromPlayer, fromTabTitle, justTitle, profileFromPageData } from '../layers';
import type { Connector } from '../types';

const PLAYER = '[id^="dv-web-player"]';
const TITLE = '.atvwebplayersdk-title-text';

/** The overlay player, not the detail page's hero trailer (`tst-…` classes) behind it. */
export function isMainVideo(video: HTMLVideoElement): boolean {
  const player = video.closest(PLAYER);
  const trailer = video.closest('[class^="tst"], [class*=" tst"]');
  return player !== null && (trailer === null || !player.contains(trailer));
}

/** Switching titles without a reload adds containers (`dv-web-player-2`…): take the one playing, else the newest. */
function activePlayer(document: Document): Element | undefined {
  const players = Array.from(document.querySelectorAll(PLAYER)).filter((player) => player.querySelector(TITLE));
  const playing = (player: Element) => Array.from(player.querySelectorAll('video')).some((v) => isMainVideo(v) && !v.paused);
  return players.find(playing) ?? players.at(-1);
}

const DETAIL = /^(?:\/region\/[a-z]{2}|\/-\/[a-z]{2}(?:[_-][a-z]{2})?)*(\/gp\/video)?\/detail\/([^/]+)(?:\/([^/]+))?/i;
const TITLE_ID = /^(?:amzn1\.dv\.gti\.[0-9a-f-]{36}|(?=[A-Z]*\d)(?:[0-9A-Z]{10}|[0-9A-Z]{26}))$/;
/** Every amazon store that offers Prime Video under `/gp/video`. */
const STORES = 'com co.uk de co.jp com.au fr it es ca in com.mx com.br nl se pl sg ae sa com.tr eg com.be'.split(' ');

export const primeVideo: Connector = {
  id: 'prime-video',
  label: 'Prime Video',
  // On amazon's own sites, only its video pages (and those behind a language prefix, `/-/es/gp/video/…`).
  matches: [
    'https://*.primevideo.com/*',
    ...STORES.flatMap((tld) => [`https://www.amazon.${tld}/gp/video/*`, `https://www.amazon.${tld}/*/gp/video/*`]),
  ],
  // The player opens over the detail page, so its id names what plays: `/detail/[<slug>/]<id>`, `/gp/video/detail/<ASIN>`.
  watchPage: (url) => {
    const match = DETAIL.exec(url.pathname);
    if (!match || Boolean(match[1]) === /(^|\.)primevideo\.com$/.test(url.hostname)) return null;
    return [match[2], match[3]].find((part) => part !== undefined && TITLE_ID.test(part)) ?? null;
  },
  isMainVideo,
  // The profile that watches, from the site's profiles API (prime-video.page.ts).
  pageScript: '/prime-video-page.js',
  profile: profileFromPageData,
  layers: [
    // The player's title (show or film) and its episode line: "Season 1, Ep. 4 The Ghouls", "S1 E2 …", "Staffel 1, Folge 4 …".
    fromPlayer({ scope: activePlayer, title: TITLE, lines: '.atvwebplayersdk-subtitle-text, .atvwebplayersdk-episode-info' }),
    // The detail page's title: "Prime Video: Fallout - Season 1", "Amazon Prime Video: X", "X - Watch Online | Prime Video",
    // "Amazon.de: Fallout - Staffel 1 ansehen | Prime Video".
    fromTabTitle({
      brand: /(?:Amazon\s+)?Prime Video|Amazon(?:\.[a-z.]{2,6})?/,
      // The last: "Amazon.com: Prime Video" is the brand twice, and no title.
      extra: [/^Watch\s+/i, /\s*-\s*Watch Online$/i, /\s*(?:ansehen|を観る)$/u, /^(?:Amazon\s+)?Prime Video$/i],
      // A season's page plays that season's episodes; which one, the title does not say.
      media: (text) => {
        const season = splitSeason(text);
        return season ? { title: season.title, mediaType: 'TV' } : justTitle(text);
      },
    }),
  ],
};
