import { fromPageData, fromPlayer } from '../layers';
import type { Connector } from '../types';
import { hboMaxWatchPage, mediaFromRoute } from './hbo-max';

/**
 * Discovery+ moved onto HBO Max's platform in 2025 (play.discoveryplus.com, the same player and
 * the same CMS): the same `cms/routes` answer and the same overlay. Its tab names the episode, never
 * the show, so the tab is not read.
 */
export const discoveryPlus: Connector = {
  id: 'discovery-plus',
  label: 'discovery+',
  matches: ['https://play.discoveryplus.com/*'],
  watchPage: hboMaxWatchPage,
  pageScript: '/discovery-plus-page.js',
  layers: [
    fromPageData((data, { contentId }) => mediaFromRoute(data, contentId)),
    fromPlayer({
      title: '[data-testid="player-ux-asset-title"]',
      lines: 'span[data-testid="player-ux-season-episode"]',
      bare: 'unknown',
    }),
  ],
};
