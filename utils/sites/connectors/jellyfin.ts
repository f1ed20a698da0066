import { defined, read } from '../../untrusted';
import { cleanTitle } from '../episode-text';
import { episodeOf, film, fromPageData, fromTabTitle, sameRuntime } from '../layers';
import { mediaFromPlayer } from '../readers';
import type { Connector, Reading } from '../types';

const TICKS_PER_SECOND = 10_000_000;

/**
 * `NowPlayingItem` of this browser's session, from jellyfin.page.ts's `{ deviceId, sessions }` (the
 * server's `GET /Sessions`). `ProductionYear` is a film's year but an episode's own, so episodes
 * go without. `ParentIndexNumber` 0 is the "Specials" season, sent as season 0 as ReelRifter reads
 * it; numbers go only in pairs. Several sessions of one device playing: nobody knows which, so none.
 * Music videos, trailers, home videos and TV are 'other': no layer after this one is asked.
 */
export function readSessions(data: unknown, video?: HTMLVideoElement): Reading {
  const answer = read.record(data);
  const deviceId = read.text(answer?.deviceId);
  const playing = read.array(answer?.sessions).flatMap((value) => {
    const session = read.record(value);
    const item = deviceId && session?.DeviceId === deviceId ? read.record(session.NowPlayingItem) : undefined;
    return item ? [item] : [];
  });
  const item = playing.length === 1 ? playing[0] : undefined;
  const runtime = typeof item?.RunTimeTicks === 'number' ? item.RunTimeTicks / TICKS_PER_SECOND : undefined;
  if (!item || !sameRuntime(runtime, video)) return null;
  if (item.Type === 'Movie') return film(item.Name, item.ProductionYear);
  if (item.Type === 'Episode') return episodeOf(item.SeriesName, item.ParentIndexNumber, item.IndexNumber, true);
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
export function mediaFromTitle(text: string): Reading {
  const title = text.replace(/\s+/g, ' ').trim();
  if (!title || /^(?:jellyfin|emby)$/i.test(title)) return null;
  const episode = EPISODE_TITLE.exec(title);
  if (episode) return episodeOf(episode[1], episode[2], episode[3]);
  const year = YEAR_TITLE.exec(title);
  return defined({ title: cleanTitle(year?.[1] ?? title), year: read.year(year?.[2]) });
}

const EMBY_OSD = {
  scope: '[data-type="video-osd"]',
  title: '.videoOsdParentTitle',
  lines: '.videoOsdTitle',
  bare: 'unknown',
} as const;

/** The web app under a server's `/web/` (after any base path); Jellyfin routes `#/video`, Emby `#!/videoosd/videoosd.html`. */
const WEB_APP = /\/web\/(?:index\.html)?$/;
const PLAYER_ROUTE = /^#!?\/(?:video|videoosd(?:\/videoosd\.html)?)(?:[?/]|$)/;

export const jellyfin: Connector = {
  id: 'jellyfin',
  label: 'Jellyfin/Emby',
  matches: [],
  selfHosted: { examples: ['http://localhost:8096', 'http://192.168.1.20:8096', 'https://jellyfin.example.net'] },
  // Playback always moves to the player's own route, whose URL names nothing. Other routes play only
  // theme videos (a details page's backdrop), which are no viewing.
  watchPage: (url) => (WEB_APP.test(url.pathname) && PLAYER_ROUTE.test(url.hash) ? '' : null),
  // Both apps play in one `.videoPlayerContainer`; a card's hover preview never plays.
  isMainVideo: (video) => video.closest('.videoPlayerContainer') !== null,
  pageScript: '/jellyfin-page.js',
  layers: [
    fromPageData((data, { video }) => readSessions(data, video)),
    // The player's own text. Emby: the series or film in `.videoOsdParentTitle`, "S1:E7 - Review" in
    // `.videoOsdTitle`. Jellyfin (its `.osdTitle` has stayed empty since 10.7): the header over the
    // player, `h3.pageTitle` in the classic layout, a toolbar text in the newer one.
    {
      name: 'dom',
      read: ({ document }) =>
        mediaFromPlayer(document, EMBY_OSD) ??
        mediaFromTitle(document.querySelector('.osdHeader .pageTitle, .osdHeader .MuiTypography-root')?.textContent ?? ''),
    },
    // The tab, which Jellyfin titles as its header.
    fromTabTitle({ brand: /Jellyfin|Emby/, media: mediaFromTitle }),
  ],
};
