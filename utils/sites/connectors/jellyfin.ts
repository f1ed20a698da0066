import type { Media } from '../../scrobble/entry';
import { cleanTitle, parseSeasonEpisode } from '../episode-text';
import { defined, read } from '../read';
import type { Connector } from '../types';

/** The player's title block. Replace the selectors with the site's own. */
export function mediaFromPlayer(document: Document): Media | null {
  const title = read.text(document.querySelector('[data-testid="title"]')?.textContent);
  if (!title) return null;
  const numbers = parseSeasonEpisode(document.querySelector('[data-testid="subtitle"]')?.textContent ?? '');
  return defined({
    title: cleanTitle(title),
    mediaType: numbers ? ('TV' as const) : undefined,
    season: numbers?.season,
    episode: numbers?.episode,
  });
}

export const jellyfin: Connector = {
  id: 'jellyfin',
  label: 'Jellyfin/Emby',
  matches: ['*://www.example.com/*'],
  watchPage: (url) => /^\/watch\/([\w-]+)/.exec(url.pathname)?.[1] ?? null,
  layers: [{ name: 'dom', read: ({ document }) => mediaFromPlayer(document) }],
  sampleUrls: { watch: ['https://www.example.com/watch/abc123'], notWatch: ['https://www.example.com/'] },
};
