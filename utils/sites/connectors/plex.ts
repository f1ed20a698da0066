import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import type { Connector, LayerInput } from '../types';

const PLAYER =
  '[class*="Player-fullPlayerContainer"], [class*="Player-miniPlayerContainer"], [class*="PlayerContainer-container"]';
const METADATA = '[class*="PlayerControlsMetadata"]';
/** The player's links back to the library; for an episode they run show, season, episode. */
const ITEM_LINKS = `${METADATA} a[href*="%2Flibrary%2Fmetadata%2F"]`;

/** A film or an episode; 'other' for what the server calls something else (music, trailers, extras). */
export type Reading = Media | 'other' | null;

/** The rating key of what the player shows: its last metadata link. */
export function playerRatingKey(document: Document): string | undefined {
  const href = Array.from(document.querySelectorAll(ITEM_LINKS)).at(-1)?.getAttribute('href') ?? '';
  return /%2Flibrary%2Fmetadata%2F(\d+)(?![0-9a-z])/i.exec(href)?.[1];
}

const positive = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);

/** An item the server describes is the one playing only if its runtime is the video's, give or take 10 %. */
function sameLength(seconds: number | undefined, video: HTMLVideoElement | undefined): boolean {
  const playing = positive(video?.duration);
  return seconds === undefined || playing === undefined || Math.abs(playing - seconds) <= seconds * 0.1;
}

/**
 * The server's `/library/metadata/<ratingKey>` answer, fetched by the page world. `year` is a film's
 * release year but an episode's air year, so episodes go without. Season 0 is Plex's "Specials",
 * sent as season 0 as ReelRifter reads it; numbers go only in pairs.
 */
export function readMetadata(data: unknown, ratingKey: string | undefined, video?: HTMLVideoElement): Reading {
  const item = read.record(read.array(read.record(read.record(data)?.MediaContainer)?.Metadata)[0]);
  if (!item || (ratingKey !== undefined && read.id(item.ratingKey) !== ratingKey)) return null;
  const duration = positive(item.duration);
  if (!sameLength(duration && duration / 1000, video)) return null;
  if (item.type === 'movie') {
    const title = read.text(item.title);
    return title ? defined({ title: cleanTitle(title), year: read.year(item.year), mediaType: 'MOVIE' as const }) : null;
  }
  if (item.type === 'episode') {
    const show = read.text(item.grandparentTitle);
    if (!show) return null;
    const season = read.int(item.parentIndex);
    const episode = read.int(item.index);
    const numbered = season !== undefined && episode !== undefined;
    return defined({
      title: cleanTitle(show),
      mediaType: 'TV' as const,
      season: numbered ? season : undefined,
      episode: numbered ? episode : undefined,
    });
  }
  return read.text(item.type) ? 'other' : null;
}

/** Its text nodes, but `skip`: the markup runs "S2", "·", "E4" together without spaces. */
function textNodes(node: Node, skip: Node | null): string[] {
  if (node === skip) return [];
  if (node.nodeType === node.TEXT_NODE) return [node.textContent ?? ''];
  return Array.from(node.childNodes).flatMap((child) => textNodes(child, skip));
}

/**
 * The player controls' title (the show or the film) and what follows it ("S2 · E4 Woe's Hollow").
 * A film's line says nothing of its type, so only an episode gets one.
 */
export function mediaFromPlayer(document: Document): Media | null {
  const box = document.querySelector(METADATA);
  const link = box?.querySelector('a[data-testid="metadataTitleLink"]') ?? box?.querySelector(ITEM_LINKS) ?? null;
  const title = read.text(link?.textContent);
  if (!box || !title) return null;
  const numbers = parseSeasonEpisode(textNodes(box, link).join(' '));
  return defined({
    title: cleanTitle(title),
    mediaType: numbers ? ('TV' as const) : undefined,
    season: numbers?.season,
    episode: numbers?.episode,
  });
}

/** "▶ Severance - S2 · E4", localized "▶ Severance - 第2季 · 第4集"; a film's tab is just "▶ Oppenheimer". */
const TAB_EPISODE = /^(.+)\s+-\s+\D{0,12}?(\d{1,4})\D{0,12}?\s·\s\D{0,12}?(\d{1,5})\D{0,12}$/u;

export function mediaFromDocumentTitle(document: Document): Media | null {
  const text = document.title.replace(/^\s*▶\s*/u, '').trim();
  if (!text || /^plex$/i.test(text)) return null;
  const episode = TAB_EPISODE.exec(text);
  if (episode?.[1]) {
    return { title: cleanTitle(episode[1]), mediaType: 'TV', season: Number(episode[2]), episode: Number(episode[3]) };
  }
  return { title: cleanTitle(text) };
}

const readings = new WeakMap<LayerInput, Promise<Reading>>();

/** One page-world answer per identification, shared by the layers: a track or a trailer stops them all. */
function fromPage(input: LayerInput): Promise<Reading> {
  let reading = readings.get(input);
  if (!reading) {
    reading = input.pageData().then(
      (data) => readMetadata(data, playerRatingKey(input.document), input.video),
      () => null,
    );
    readings.set(input, reading);
  }
  return reading;
}

async function mediaFromPage(input: LayerInput): Promise<Media | null> {
  const reading = await fromPage(input);
  return reading === 'other' ? null : reading;
}

const unlessOther =
  (readPage: (document: Document) => Media | null) =>
  async (input: LayerInput): Promise<Media | null> =>
    (await fromPage(input)) === 'other' ? null : readPage(input.document);

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
  layers: [
    { name: 'page', read: mediaFromPage },
    { name: 'dom', read: unlessOther(mediaFromPlayer) },
    { name: 'title', read: unlessOther(mediaFromDocumentTitle) },
  ],
  sampleUrls: {
    watch: [
      'https://app.plex.tv/desktop/#!/',
      'https://app.plex.tv/desktop/#!/server/5f2d0c9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e/details?key=%2Flibrary%2Fmetadata%2F2004',
      'https://app.plex.tv/desktop/#!/media/5f2d0c9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e/com.plexapp.plugins.library?source=2',
      'https://app.plex.tv/desktop',
    ],
    notWatch: ['https://app.plex.tv/', 'https://app.plex.tv/auth#?clientID=8d1f0a2b&context%5Bdevice%5D%5Bproduct%5D=Plex%20Web'],
  },
};
