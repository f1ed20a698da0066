import { read } from '../../untrusted';
import { parseSeasonEpisode } from '../episode-text';
import { episodeOf, film, fromLinkedData, fromTabTitle, justTitle, metaContent, nodePath, schemaMedia, typesOf } from '../layers';
import type { Connector, Reading } from '../types';

/** "Show – S02E05 – Name", "Show: Season 2, Episode 5": an episode of the show before the numbers; else just a title. */
function named(text: string | undefined, show?: string): Reading {
  if (!text) return null;
  const numbers = parseSeasonEpisode(text);
  if (numbers) return episodeOf(show ?? (numbers.before || numbers.rest), numbers.season, numbers.episode);
  return justTitle(text);
}

/** The site's own name, as `og:site_name` says it, to take off the tab's title ("… | Example Films"). */
function siteName(document: Document): RegExp | undefined {
  const name = metaContent(document, 'og:site_name');
  return name ? new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : undefined;
}

/**
 * Any site the person chose, with no connector of its own: what the page says of itself, in the
 * order sites say it most reliably. Every reading is a guess until the person confirms it.
 */
export const anySite: Connector = {
  id: 'any-site',
  label: 'Sites you chose',
  matches: [],
  chosen: true,
  // The address's path names the video; in-app navigation to another video is another page.
  watchPage: (url) => (url.pathname + url.search).slice(0, 200),
  // Background loops (muted, looping) are never what a person watches.
  isMainVideo: (video) => !(video.loop && video.muted),
  layers: [
    fromLinkedData({
      types: ['Movie', 'TVEpisode', 'Episode', 'VideoObject'],
      current: (node, { url }, only) => only || nodePath(node, url)?.join('/') === url.pathname,
      media: (node) => (typesOf(node).includes('VideoObject') ? named(read.text(node.name)) : schemaMedia(node)),
    }),
    // Open Graph: `video.movie` or `video.episode` (its show in `video:series` when that is a name).
    {
      name: 'meta',
      read: ({ document }) => {
        const type = metaContent(document, 'og:type');
        const title = metaContent(document, 'og:title');
        const year = metaContent(document, 'video:release_date')?.slice(0, 4);
        if (type === 'video.movie') return film(title, year);
        if (type !== 'video.episode') return null;
        const series = metaContent(document, 'video:series');
        return named(title, series && !URL.canParse(series) ? series : undefined);
      },
    },
    fromTabTitle({ brand: siteName, brandAt: 'after', media: (text) => named(text) }),
    {
      name: 'session',
      read: () => {
        const metadata = globalThis.navigator?.mediaSession?.metadata;
        return named(read.text(metadata?.title), read.text(metadata?.artist));
      },
    },
  ],
};
