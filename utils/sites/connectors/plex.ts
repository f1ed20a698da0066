import { read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import { episodeOf, film, fromPageData, fromTabTitle, profileFromPageData, sameRuntime } from '../layers';
import type { Connector, Reading } from '../types';
import { ITEM_LINKS } from './plex.page';

const PLAYER =
  '[class*="Player-fullPlayerContainer"], [class*="Player-miniPlayerContainer"], [class*="PlayerContainer-container"]';
const METADATA = '[class*="PlayerControlsMetadata"]';

/** The rating key of what the player shows: its last metadata link. */
export function playerRatingKey(document: Document): string | undefined {
  const href = Array.from(document.querySelectorAll(ITEM_LINKS)).at(-1)?.getAttribute('href') ?? '';
  return /%2Flibrary%2Fmetadata%2F(\d+)(?![0-9a-z])/i.exec(href)?.[1];
}

/**
 * The server's `/library/metadata/<ratingKey>` answer (plex.page.ts). `year` is a film's release
 * year but an episode's air year, so episodes go without. Season 0 is Plex's "Specials", sent as
 * season 0 as ReelRifter reads it; numbers go only in pairs. Music, trailers and extras are 'other'.
 */
export function readMetadata(data: unknown, ratingKey: string | undefined, video?: HTMLVideoElement): Reading {
  const item = read.record(read.array(read.record(read.record(data)?.MediaContainer)?.Metadata)[0]);
  if (!item || (ratingKey !== undefined && read.id(item.ratingKey) !== ratingKey)) return null;
  if (!sameRuntime(typeof item.duration === 'number' ? item.duration / 1000 : undefined, video)) return null;
  if (item.type === 'movie') return film(item.title, item.year);
  if (item.type === 'episode') return episodeOf(item.grandparentTitle, item.parentIndex, item.index, true);
  return read.text(item.type) ? 'other' : null;
}

/** Its text nodes, but `skip`: the markup runs "S2", "·", "E4" together without spaces. */
function textNodes(node: Node, skip: Node | null): string[] {
  if (node === skip) return [];
  if (node.nodeType === node.TEXT_NODE) return [node.textContent ?? ''];
  return Array.from(node.childNodes).flatMap((child) => textNodes(child, skip));
}

/** The controls' title (the show or the film) and what follows it ("S2 · E4 Woe's Hollow"); only an episode's says its type. */
export function mediaFromPlayer(document: Document): Reading {
  const box = document.querySelector(METADATA);
  const link = box?.querySelector('a[data-testid="metadataTitleLink"]') ?? box?.querySelector(ITEM_LINKS) ?? null;
  const title = read.text(link?.textContent);
  if (!box || !title) return null;
  const numbers = parseSeasonEpisode(textNodes(box, link).join(' '));
  return numbers ? episodeOf(title, numbers.season, numbers.episode) : { title: cleanTitle(title) };
}

/** "▶ Severance - S2 · E4", localized "▶ Severance - 第2季 · 第4集"; a film's tab is just "▶ Oppenheimer". */
const TAB_EPISODE = /^(.+)\s+-\s+\D{0,12}?(\d{1,4})\D{0,12}?\s·\s\D{0,12}?(\d{1,5})\D{0,12}$/u;

/** Plex Web's own pages: app.plex.tv/desktop, a server's /web, or a root that routes with "#!/". */
function isWebApp(url: URL): boolean {
  return /^\/(?:desktop|web)(?:\/|$)/.test(url.pathname) || (url.pathname === '/' && url.hash.startsWith('#!/'));
}

export const plex: Connector = {
  id: 'plex',
  label: 'Plex',
  matches: ['https://app.plex.tv/*'],
  selfHosted: { examples: ['http://192.168.1.20:32400', 'https://plex.example.net'] },
  /**
   * The player opens over whatever page was showing. A details page names its item, with its
   * server (`#!/server/<machine>/details?key=/library/metadata/<ratingKey>`); any other page names nothing.
   */
  watchPage: (url) => {
    if (!isWebApp(url)) return null;
    const query = url.hash.includes('?') ? new URLSearchParams(url.hash.slice(url.hash.indexOf('?') + 1)) : undefined;
    const ratingKey = /^\/library\/metadata\/([\w-]{1,64})$/.exec(query?.get('key') ?? '')?.[1];
    if (!ratingKey) return '';
    const machine = /^#!\/server\/([\w-]{1,64})\//.exec(url.hash)?.[1];
    return machine ? `${machine}:${ratingKey}` : ratingKey;
  },
  isMainVideo: (video) => video.closest(PLAYER) !== null,
  pageScript: '/plex-page.js',
  // The Plex Home user who watches, and whether a child's or teen's restrictions apply (plex.page.ts).
  profile: profileFromPageData,
  layers: [
    fromPageData((data, { document, video }) => readMetadata(data, playerRatingKey(document), video)),
    { name: 'dom', read: ({ document }) => mediaFromPlayer(document) },
    fromTabTitle({
      brand: /Plex/,
      extra: [/^▶\s*/u],
      media: (text) => {
        const episode = TAB_EPISODE.exec(text);
        return episode ? episodeOf(episode[1], episode[2], episode[3]) : { title: cleanTitle(text) };
      },
    }),
  ],
};
