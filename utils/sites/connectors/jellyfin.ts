import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import type { Connector, LayerInput } from '../types';

/** A film or an episode; 'other' for what the server calls something else (music videos, trailers, home videos, TV). */
export type Reading = Media | 'other' | null;

const TICKS_PER_SECOND = 10_000_000;

const positive = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);

/** An item the server describes is the one playing only if its runtime is the video's, give or take 10 %. */
function sameLength(seconds: number | undefined, video: HTMLVideoElement | undefined): boolean {
  const playing = positive(video?.duration);
  return seconds === undefined || playing === undefined || Math.abs(playing - seconds) <= seconds * 0.1;
}

/**
 * `NowPlayingItem` of this browser's session, from the page world's `{ deviceId, sessions }` (the
 * server's `GET /Sessions`). `ProductionYear` is a film's year but an episode's own, so episodes
 * go without. `ParentIndexNumber` 0 is the "Specials" season, sent as season 0 as ReelRifter reads
 * it; numbers go only in pairs. Several sessions of one device playing: nobody knows which, so none.
 */
export function readSessions(data: unknown, video?: HTMLVideoElement): Reading {
  const answer = read.record(data);
  const deviceId = read.text(answer?.deviceId);
  if (!deviceId) return null;
  const playing = read.array(answer?.sessions).flatMap((value) => {
    const session = read.record(value);
    const item = session?.DeviceId === deviceId ? read.record(session.NowPlayingItem) : undefined;
    return item ? [item] : [];
  });
  const item = playing.length === 1 ? playing[0] : undefined;
  const runtime = positive(item?.RunTimeTicks);
  if (!item || !sameLength(runtime && runtime / TICKS_PER_SECOND, video)) return null;
  if (item.Type === 'Movie') {
    const title = read.text(item.Name);
    return title
      ? defined({ title: cleanTitle(title), year: read.year(item.ProductionYear), mediaType: 'MOVIE' as const })
      : null;
  }
  if (item.Type === 'Episode') {
    const show = read.text(item.SeriesName);
    if (!show) return null;
    const season = read.int(item.ParentIndexNumber);
    const episode = read.int(item.IndexNumber);
    const numbered = season !== undefined && episode !== undefined;
    return defined({
      title: cleanTitle(show),
      mediaType: 'TV' as const,
      season: numbered ? season : undefined,
      episode: numbered ? episode : undefined,
    });
  }
  return read.text(item.Type) ? 'other' : null;
}

/** "Severance - S2:E4 - Woe's Hollow (2025)": Jellyfin's player title since 10.7, with the year since 10.8. */
const EPISODE_TITLE = /^(.+?) - S(\d{1,4}):E(\d{1,5})(?:-\d{1,5})?(?:\s.*)?$/;
/** "Oppenheimer (2023)": a film with its year, or another video with its premiere's. */
const YEAR_TITLE = /^(.+?) \((\d{4})\)$/;

/**
 * The title Jellyfin gives what plays, in the player's header and the tab alike. Without "S1:E3"
 * it names a film or a series (older versions put only the series there), so no type.
 */
export function mediaFromTitle(text: string): Media | null {
  const title = text.replace(/\s+/g, ' ').trim();
  if (!title || /^(?:jellyfin|emby)$/i.test(title)) return null;
  const episode = EPISODE_TITLE.exec(title);
  if (episode?.[1]) {
    return { title: cleanTitle(episode[1]), mediaType: 'TV', season: Number(episode[2]), episode: Number(episode[3]) };
  }
  const film = YEAR_TITLE.exec(title);
  if (film?.[1]) return defined({ title: cleanTitle(film[1]), year: read.year(film[2]) });
  return { title: cleanTitle(title) };
}

/**
 * The player's on-screen title. Emby: the series or film in `.videoOsdParentTitle`, "S1:E7 - Review"
 * in `.videoOsdTitle`. Jellyfin (its `.osdTitle` has stayed empty since 10.7): the header over the
 * player, `h3.pageTitle` in the classic layout, a toolbar text in the newer one.
 */
export function mediaFromPlayer(document: Document): Media | null {
  const osd = document.querySelector('[data-type="video-osd"]');
  const parent = read.text(osd?.querySelector('.videoOsdParentTitle')?.textContent);
  if (parent) {
    const numbers = parseSeasonEpisode(osd?.querySelector('.videoOsdTitle')?.textContent ?? '');
    return defined({
      title: cleanTitle(parent),
      mediaType: numbers ? ('TV' as const) : undefined,
      season: numbers?.season,
      episode: numbers?.episode,
    });
  }
  const header = document.querySelector('.osdHeader .pageTitle, .osdHeader .MuiTypography-root')?.textContent;
  return header ? mediaFromTitle(header) : null;
}

export function mediaFromDocumentTitle(document: Document): Media | null {
  return mediaFromTitle(document.title);
}

const readings = new WeakMap<LayerInput, Promise<Reading>>();

/** One page-world answer per identification, shared by the layers: a music video stops them all. */
function fromPage(input: LayerInput): Promise<Reading> {
  let reading = readings.get(input);
  if (!reading) {
    reading = input.pageData().then(
      (data) => readSessions(data, input.video),
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

/** The web app under a server's `/web/` (after any base path); Jellyfin routes `#/video`, Emby `#!/videoosd/videoosd.html`. */
const WEB_APP = /\/web\/(?:index\.html)?$/;
const PLAYER_ROUTE = /^#!?\/(?:video|videoosd(?:\/videoosd\.html)?)(?:[?/]|$)/;

export const jellyfin: Connector = {
  id: 'jellyfin',
  label: 'Jellyfin/Emby',
  matches: [],
  selfHosted: { examples: ['http://localhost:8096', 'http://192.168.1.20:8096', 'https://jellyfin.example.net'] },
  /**
   * Playback always moves to the player's own route, whose URL names nothing. Other routes play only
   * theme videos (a details page's backdrop), which are no viewing.
   */
  watchPage: (url) => (WEB_APP.test(url.pathname) && PLAYER_ROUTE.test(url.hash) ? '' : null),
  // Both apps play in one `.videoPlayerContainer`; a card's hover preview never plays.
  isMainVideo: (video) => video.closest('.videoPlayerContainer') !== null,
  pageScript: '/jellyfin-page.js',
  layers: [
    { name: 'page', read: mediaFromPage },
    { name: 'dom', read: unlessOther(mediaFromPlayer) },
    { name: 'title', read: unlessOther(mediaFromDocumentTitle) },
  ],
  sampleUrls: {
    watch: [
      'http://localhost:8096/web/#/video',
      'http://192.168.1.20:8096/web/index.html#!/video',
      'https://jellyfin.example.net/jellyfin/web/#/video',
      'https://media.example.net/web/index.html#!/videoosd/videoosd.html',
    ],
    notWatch: [
      'http://localhost:8096/web/#/home',
      'http://localhost:8096/web/#/details?id=f27caa37e5142225cceded48f6553502&serverId=2d9d1b8c4e6f4a0b9c3d5e7f8a1b2c3d',
      'https://media.example.net/web/index.html#!/itemdetails.html?id=412&serverId=8c1f9e2d3b4a5c6d7e8f9a0b1c2d3e4f',
      'http://localhost:8096/web/#/music?topParentId=7e64e319657a9516ec78490da03edccb',
      'http://localhost:8096/System/Info/Public',
      'http://localhost:8096/',
    ],
  },
};
