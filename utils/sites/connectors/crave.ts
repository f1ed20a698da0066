import { read } from '../../untrusted';
import { parseSeasonEpisode } from '../episode-text';
import { episodeOf, film, fromPageData, fromSlug } from '../layers';
import type { Connector, LayerInput, Reading } from '../types';

/** `/en/play/<show>/<episode>-s3e17-<id>`, `/fr/play/<film>-<id>`: the content id ends the address. */
const PLAY = /^\/(?:en|fr)\/play\/(?:[\w-]{1,200}\/)?[\w-]{1,200}-(\d{1,12})\/?$/;
/** The player's line under the title, "S3 E17: Cutbacks" (its class carries a build hash). */
const SUBTITLE = '[class^="jasper-player-title__subtitle"], [class*=" jasper-player-title__subtitle"]';

const playerNumbers = (document: Document) => parseSeasonEpisode(document.querySelector(SUBTITLE)?.textContent ?? '');

/**
 * The catalogue's content (crave.page.ts): an EPISODE of its `media`, or a FEATURE; PROMO (trailers)
 * is neither. Play Next keeps the address, so the catalogue can be an episode behind: where the
 * player's own line numbers another episode of the show, that one plays.
 */
export function mediaFromContent(data: unknown, { document }: Pick<LayerInput, 'document'>): Reading {
  const content = read.record(data);
  const media = read.record(content?.media);
  switch (content?.contentType) {
    case 'FEATURE':
      return film(content.title ?? media?.title, media?.productionYear);
    case 'EPISODE': {
      const shown = playerNumbers(document);
      return shown
        ? episodeOf(media?.title, shown.season, shown.episode)
        : episodeOf(media?.title, content.seasonNumber, content.episodeNumber);
    }
    default:
      return content ? 'other' : null;
  }
}

/** The address alone: the show's slug with the player's (or the address's) numbers, or a film's slug. */
function mediaFromAddress({ url, document }: LayerInput): Reading {
  const [show, item] = url.pathname.split('/').slice(3);
  if (!show) return null;
  if (!item) return film(fromSlug(show.replace(/-\d+$/, '')));
  const numbers = playerNumbers(document) ?? parseSeasonEpisode(item);
  return numbers ? episodeOf(fromSlug(show), numbers.season, numbers.episode) : null;
}

/** Crave (Canada, English and French). */
export const crave: Connector = {
  id: 'crave',
  label: 'Crave',
  matches: ['https://www.crave.ca/*'],
  watchPage: (url) => PLAY.exec(url.pathname)?.[1] ?? null,
  pageScript: '/crave-page.js',
  layers: [fromPageData(mediaFromContent), { name: 'address', read: mediaFromAddress }],
};
