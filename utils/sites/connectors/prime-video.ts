import type { Media } from '../../media';
import { read } from '../../untrusted';
import { cleanTitle, mediaFromPlayerLines, parseSeasonEpisode } from '../episode-text';
import type { Connector } from '../types';

const PLAYER = '[id^="dv-web-player"]';
const TITLE = '.atvwebplayersdk-title-text';
const SUBTITLES = ['.atvwebplayersdk-subtitle-text', '.atvwebplayersdk-episode-info'];

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

/** The player's title (show or film) and its episode line: "Season 1, Ep. 4 The Ghouls", "S1 E2 …", "Staffel 1, Folge 4 …". */
export function mediaFromPlayer(document: Document): Media | null {
  const player = activePlayer(document);
  const title = read.text(player?.querySelector(TITLE)?.textContent);
  // Some titles repeat their name on the second line: that is no episode line.
  const lines = SUBTITLES.map((selector) => read.text(player?.querySelector(selector)?.textContent)).filter(
    (line): line is string => line !== undefined && line !== title,
  );
  return mediaFromPlayerLines(title, lines.find((line) => parseSeasonEpisode(line)) ?? lines[0]);
}

/** The detail page's title: "Prime Video: Fallout - Season 1", "Amazon.de: Fallout - Staffel 1 ansehen | Prime Video". */
export function mediaFromDocumentTitle(document: Document): Media | null {
  const text = cleanTitle(
    document.title
      .replace(/^(?:Amazon\.[a-z.]{2,6}|Prime Video)\s*:\s*/i, '')
      .replace(/\s*\|\s*(?:Amazon\s+)?Prime Video\s*$/i, '')
      .replace(/^Watch\s+/i, '')
      .replace(/\s*(?:ansehen|を観る)$/u, ''),
  );
  const season = /\s*[-–,:]?\s*(?:(?:Season|Staffel|Temporada|Saison|Stagione|Seizoen)\s+|シーズン\s*)\d{1,3}$/iu.exec(text);
  const title = season ? cleanTitle(text.slice(0, season.index)) : text;
  if (!title || /^(?:Prime Video|Amazon(?:\.[a-z.]+)?)$/i.test(title)) return null;
  // A season's page plays that season's episodes; which one, the page title does not say.
  return season ? { title, mediaType: 'TV' } : { title };
}

const DETAIL = /^(?:\/region\/[a-z]{2}|\/-\/[a-z]{2}(?:[_-][a-z]{2})?)*(\/gp\/video)?\/detail\/([^/]+)(?:\/([^/]+))?/i;
const TITLE_ID = /^(?:amzn1\.dv\.gti\.[0-9a-f-]{36}|(?=[A-Z]*\d)(?:[0-9A-Z]{10}|[0-9A-Z]{26}))$/;

export const primeVideo: Connector = {
  id: 'prime-video',
  label: 'Prime Video',
  // On amazon's own sites, only its video pages (and those behind a language prefix, `/-/es/gp/video/…`).
  matches: [
    'https://*.primevideo.com/*',
    ...['com', 'co.uk', 'de', 'co.jp', 'com.au'].flatMap((tld) => [
      `https://www.amazon.${tld}/gp/video/*`,
      `https://www.amazon.${tld}/*/gp/video/*`,
    ]),
  ],
  // The player opens over the detail page, so its id names what plays: `/detail/[<slug>/]<id>`, `/gp/video/detail/<ASIN>`.
  watchPage: (url) => {
    const match = DETAIL.exec(url.pathname);
    if (!match || Boolean(match[1]) === /(^|\.)primevideo\.com$/.test(url.hostname)) return null;
    return [match[2], match[3]].find((part) => part !== undefined && TITLE_ID.test(part)) ?? null;
  },
  isMainVideo,
  layers: [
    { name: 'dom', read: ({ document }) => mediaFromPlayer(document) },
    { name: 'title', read: ({ document }) => mediaFromDocumentTitle(document) },
  ],
  sampleUrls: {
    watch: [
      'https://www.primevideo.com/detail/0J7QWO0J4F3V3KB4XSIJRBERI1/',
      'https://www.primevideo.com/region/eu/detail/0PYX2Q4NVYSYMVUZJHDR5QEO70/ref=atv_dp_share_cu_r',
      'https://www.primevideo.com/detail/Detectorists-BBC-Series/0U8H58N2QNJJEJVNO91MDGUPVT',
      'https://www.primevideo.com/-/de/detail/0LCQSTWDMN9V770DG2DKXY3GVF?autoplay=1',
      'https://www.amazon.com/gp/video/detail/B0BYZ8NQTC/ref=atv_dp_share_cu_r',
      'https://www.amazon.com/gp/video/detail/amzn1.dv.gti.5aa9f738-a7d8-4eb8-1c76-2ac08130e097',
      'https://www.amazon.co.uk/gp/video/detail/B00QQHBCVC',
      'https://www.amazon.de/-/en/gp/video/detail/B0CN4CQ3GH/',
      'https://www.amazon.co.jp/gp/video/detail/B0D5YQ6F1P',
      'https://www.amazon.com.au/gp/video/detail/B0CKW4W5Z7',
    ],
    notWatch: [
      'https://www.primevideo.com/',
      'https://www.primevideo.com/storefront/home',
      'https://www.primevideo.com/search/ref=atv_nb_sug?phrase=fallout',
      'https://www.primevideo.com/gp/video/detail/B0BYZ8NQTC',
      'https://www.amazon.com/gp/video/storefront',
      'https://www.amazon.co.uk/gp/video/search/ref=atv_nb_sr?phrase=fallout',
      'https://www.amazon.de/gp/video/detail/',
    ],
  },
};
