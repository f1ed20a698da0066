import { read } from '../../untrusted';
import { episodeOf, fromLinkedData, justTitle } from '../layers';
import type { Connector } from '../types';

/** `/video/<show id>-<show>/<video id>-<episode slug>`, German pages under `/de`. */
const WATCH = /^(?:\/de)?\/video\/\d+-[\w-]+\/(\d+)(?:-[\w-]*)?\/?$/;

/**
 * Animation Digital Network (French and German anime). Dubs and subtitles are tracks of one video,
 * never separate episodes.
 */
export const adn: Connector = {
  id: 'adn',
  label: 'ADN',
  matches: ['https://animationdigitalnetwork.com/*'],
  watchPage: (url) => WATCH.exec(url.pathname)?.[1] ?? null,
  layers: [
    // The watch page's episode or film: its `partOfSeries`, `partOfSeason` and `episodeNumber`.
    fromLinkedData({
      current: (node, { contentId }, only) => {
        const path = read.text(node.url);
        return path ? new RegExp(`/${contentId}(?:-|/?$)`).test(path) : only;
      },
    }),
    // The player's heading links the show; the address numbers the episode ("episode-6", "folge-6").
    {
      name: 'dom',
      read: ({ document, url }) => {
        const show = read.text(document.querySelector('[data-testid="player-content"] h1 a')?.textContent);
        const number = /\/\d+-(?:episode|folge)-(\d{1,5})(?:-|$)/i.exec(url.pathname)?.[1];
        return show ? (number ? episodeOf(show, undefined, number) : justTitle(show)) : null;
      },
    },
  ],
};
