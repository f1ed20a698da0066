import type { Media } from '../../media';
import { defined, read } from '../../untrusted';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import type { Connector } from '../types';

/** Netflix's metadata answer (memberapi `release/metadata`) for a movie or an episode. */
export function mediaFromMetadata(data: unknown, contentId: string): Media | null {
  const video = read.record(read.record(data)?.video);
  const title = read.text(video?.title);
  if (!video || !title) return null;
  const year = read.year(video.year);
  if (video.type === 'movie') return defined({ title: cleanTitle(title), year, mediaType: 'MOVIE' as const });
  if (video.type !== 'show') return null;

  const episodeId = read.id(video.currentEpisode) ?? contentId;
  for (const season of read.array(video.seasons)) {
    const s = read.record(season);
    for (const episode of read.array(s?.episodes)) {
      const e = read.record(episode);
      if (!e || read.id(e.id) !== episodeId) continue;
      // Collections hide their numbering: the title alone is better than a wrong S/E.
      const hidden = video.hiddenEpisodeNumbers === true;
      return defined({
        title: cleanTitle(title),
        year,
        mediaType: 'TV' as const,
        season: hidden ? undefined : read.int(s?.seq),
        episode: hidden ? undefined : read.int(e.seq),
      });
    }
  }
  return defined({ title: cleanTitle(title), year, mediaType: 'TV' as const });
}

/** The player's title block: `<h4>Show</h4><span>S1:E3</span><span>Episode</span>`, or just the film's title. */
export function mediaFromPlayerTitle(document: Document): Media | null {
  const block = document.querySelector('[data-uia="video-title"], .video-title');
  const title = read.text(block?.querySelector('h4')?.textContent);
  if (!block || !title) return null;
  const detail = Array.from(block.querySelectorAll('span'), (span) => span.textContent ?? '').join(' ');
  const numbers = parseSeasonEpisode(detail);
  return defined({
    title: cleanTitle(title),
    mediaType: numbers ? ('TV' as const) : undefined,
    season: numbers?.season,
    episode: numbers?.episode,
  });
}

/** "Title | Netflix" or "Netflix - Title"; a bare "Netflix" says nothing. */
export function mediaFromDocumentTitle(document: Document): Media | null {
  const text = document.title
    .replace(/\s*[|–-]\s*Netflix\s*$/i, '')
    .replace(/^Netflix\s*[|–-]\s*/i, '')
    .trim();
  if (!text || /^netflix$/i.test(text)) return null;
  const numbers = parseSeasonEpisode(text);
  const title = cleanTitle(numbers ? numbers.rest : text);
  if (!title) return null;
  return defined({ title, mediaType: numbers ? ('TV' as const) : undefined, season: numbers?.season, episode: numbers?.episode });
}

export const netflix: Connector = {
  id: 'netflix',
  label: 'Netflix',
  matches: ['https://*.netflix.com/*'],
  watchPage: (url) => /^\/watch\/(\d+)/.exec(url.pathname)?.[1] ?? null,
  isMainVideo: (video) => !video.closest('[data-uia*="preview"], .previewModal--container, .billboard'),
  pageScript: '/netflix-page.js',
  layers: [
    { name: 'page', read: async ({ pageData, contentId }) => mediaFromMetadata(await pageData(), contentId) },
    { name: 'dom', read: ({ document }) => mediaFromPlayerTitle(document) },
    { name: 'title', read: ({ document }) => mediaFromDocumentTitle(document) },
  ],
  sampleUrls: {
    watch: ['https://www.netflix.com/watch/80100172', 'https://www.netflix.com/watch/81434459?trackId=14170286'],
    notWatch: [
      'https://www.netflix.com/browse',
      'https://www.netflix.com/title/80100172',
      'https://www.netflix.com/browse?jbv=80100172',
    ],
  },
};
