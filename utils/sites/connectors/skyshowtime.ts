import { parseSeasonEpisode } from '../episode-text';
import { fromPageData, fromPlayer, fromTabTitle, justTitle } from '../layers';
import type { Connector } from '../types';
import { mediaFromNode, notShortForm, skyWatchPage } from './peacock';

/** The player's episode line, "S1 E3: Episode title"; films have none. */
const EPISODE_LINE = '.playback-metadata__container-episode-metadata-info';

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
    fromPlayer({ title: '.playback-header__title, [data-testid="metadata-title"]', lines: EPISODE_LINE }),
    // "The Office - SkyShowtime"; the episode's own name can stand there while one plays.
    fromTabTitle({
      brand: /SkyShowtime/,
      brandAt: 'after',
      brandRequired: true,
      separator: /\s+-\s+/,
      unless: ({ document }) => parseSeasonEpisode(document.querySelector(EPISODE_LINE)?.textContent ?? '') !== null,
      media: justTitle,
    }),
  ],
};
