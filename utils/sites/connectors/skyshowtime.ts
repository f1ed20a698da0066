import { parseSeasonEpisode } from '../episode-text';
import { fromPageData, fromTabTitle, justTitle } from '../layers';
import { mediaFromPlayer } from '../readers';
import type { Connector, PlayerOptions } from '../types';
import { mediaFromNode, notShortForm, skyWatchPage } from './peacock';

/**
 * The player's episode line, "S1 E3: Episode title": PreMiD's for SkyShowtime's own layout, and
 * the line under the title of Peacock's player (test ids), which SkyShowtime's web app shares.
 */
const EPISODE_LINES = '.playback-metadata__container-episode-metadata-info, [data-testid="metadata-description"]';
/** SkyShowtime's own layout prints an episode line for episodes only: a title alone is a film. */
const OWN_LAYOUT: PlayerOptions = { title: '.playback-header__title', lines: EPISODE_LINES };
/** Peacock's layout puts a film's synopsis under its title, and an episode's line may come later: a title alone says no type. */
const PEACOCK_LAYOUT: PlayerOptions = { title: '[data-testid="metadata-title"]', lines: EPISODE_LINES, bare: 'unknown' };

/**
 * SkyShowtime runs Peacock's platform in Europe (the same web player, catalogue and watch URLs),
 * so it reads the same catalogue node, from its own host, in the viewer's territory.
 */
export const skyshowtime: Connector = {
  id: 'skyshowtime',
  label: 'SkyShowtime',
  matches: ['https://www.skyshowtime.com/*'],
  watchPage: skyWatchPage,
  isMainVideo: notShortForm,
  pageScript: '/skyshowtime-page.js',
  layers: [
    fromPageData((data, { contentId }) => mediaFromNode(data, contentId)),
    {
      name: 'dom',
      read: ({ document }) => mediaFromPlayer(document, document.querySelector(OWN_LAYOUT.title) ? OWN_LAYOUT : PEACOCK_LAYOUT),
    },
    // "The Office - SkyShowtime"; the episode's own name can stand there while one plays.
    fromTabTitle({
      brand: /SkyShowtime/,
      brandAt: 'after',
      brandRequired: true,
      separator: /\s+-\s+/,
      unless: ({ document }) =>
        Array.from(document.querySelectorAll(EPISODE_LINES)).some((line) => parseSeasonEpisode(line.textContent ?? '') !== null),
      media: justTitle,
    }),
  ],
};
