import { defined, read } from '../../untrusted';
import { episodeOf, film, fromPageData, fromPlayer, fromTabTitle, profileFromPageData } from '../layers';
import type { Connector, Reading } from '../types';

/**
 * Netflix's metadata answer (memberapi `metadata?movieid=`, asked by netflix.page.ts) for a film or
 * an episode; `playingId` is the id the player says it plays. A show's year is its first season's:
 * the answer's top-level `year` on a show is documented nowhere, and can be its latest season's.
 */
export function mediaFromMetadata(data: unknown, playingId: string): Reading {
  const video = read.record(read.record(data)?.video);
  if (video?.type === 'movie') return film(video.title, video.year);
  if (video?.type !== 'show') return null;
  const seasons = read.array(video.seasons).map(read.record);
  const years = seasons.flatMap((season) => read.year(season?.year) ?? []);
  const year = years.length > 0 ? Math.min(...years) : undefined;
  const episodeId = read.id(video.currentEpisode) ?? playingId;
  const season = seasons.find((s) => read.array(s?.episodes).some((e) => read.id(read.record(e)?.id) === episodeId));
  const episode = read
    .array(season?.episodes)
    .map(read.record)
    .find((e) => read.id(e?.id) === episodeId);
  // Collections hide their numbering: the title alone is better than a wrong S/E.
  const numbered = episode && video.hiddenEpisodeNumbers !== true;
  const show = episodeOf(video.title, numbered ? season?.seq : undefined, numbered ? episode.seq : undefined);
  return show && defined({ ...show, year });
}

export const netflix: Connector = {
  id: 'netflix',
  label: 'Netflix',
  matches: ['https://*.netflix.com/*'],
  watchPage: (url) => /^\/watch\/(\d+)/.exec(url.pathname)?.[1] ?? null,
  isMainVideo: (video) => !video.closest('[data-uia*="preview"], .previewModal--container, .billboard'),
  pageScript: '/netflix-page.js',
  layers: [
    // `{ playingId, metadata }`: the player's own id wins over the URL's where they differ.
    fromPageData((data, { contentId }) =>
      mediaFromMetadata(read.record(data)?.metadata, read.id(read.record(data)?.playingId) ?? contentId),
    ),
    // The player's title block: `<h4>Show</h4><span>S1:E3</span><span>Episode</span>`, or just the film's title.
    fromPlayer({
      scope: (document) => document.querySelector('[data-uia="video-title"], .video-title'),
      title: 'h4',
      lines: 'span',
      bare: 'unknown',
    }),
    // "Title | Netflix" or "Netflix - Title".
    fromTabTitle({ brand: /Netflix/ }),
  ],
  // The profile chosen at "Who's watching?" (`reactContext.models.userInfo.data`: `name`, `isKids`), read by netflix.page.ts.
  profile: profileFromPageData,
};
