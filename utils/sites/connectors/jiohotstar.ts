import { read } from '../../untrusted';
import { episodeOf, film, fromLinkedData, typesOf } from '../layers';
import type { Connector, LinkedNode } from '../types';

/** `/in/movies/<slug>/<id>/watch`, `/in/shows/<show>/<show id>/<episode>/<id>/watch`: the last id. */
const WATCH = /^(?:\/[a-z]{2})?\/(?:movies|shows)\/(?:[^/]+\/){1,4}?(\d{6,})\/watch\/?$/;
/** The player overlay's label: "<show>, Season 1, Episode 4, <episode>" (spacing and case as universal-trakt-scrobbler allows). */
const LABEL = /^(.+?),\s*Season\s*(\d{1,4}),\s*Episode\s*(\d{1,5}),\s*\S/i;
/** The overlay's own line where the label is missing: a leaf "S1 E4 <episode>". */
const LINE = /^S(\d{1,4})\s*E(\d{1,5})\s+\S.+$/;

/** The id a JSON-LD `url` ends with (`…/1260113050/watch` or `…/1260113050`). */
const idOf = (url: unknown) => /\/(\d{6,})(?:\/watch)?\/?$/.exec(read.text(url) ?? '')?.[1];
const first = (value: unknown) => read.record([value].flat()[0]);
const episodeNode = (node: LinkedNode) => first(first(node.containsSeason)?.episode);

export const jiohotstar: Connector = {
  id: 'jiohotstar',
  label: 'JioHotstar',
  matches: ['https://www.hotstar.com/*', 'https://www.jiohotstar.com/*'],
  // Live sport plays at a show's watch address too, with `filters=content_type=sport_live`.
  watchPage: (url) => (/sport_live/.test(url.search) ? null : (WATCH.exec(url.pathname)?.[1] ?? null)),
  // Ads play in their own <video> in #ad-video-container, beside the programme's.
  isMainVideo: (video) => video.closest('#ad-video-container') === null,
  layers: [
    // Server-rendered on a full load only, and left as it was by in-app navigation: it counts only
    // when its own url names the playing id. An episode is a `TVSeries` holding its season and episode.
    fromLinkedData({
      types: ['Movie', 'TVSeries'],
      current: (node, { contentId }) => idOf(node.url) === contentId || idOf(episodeNode(node)?.url) === contentId,
      media: (node) => {
        if (typesOf(node).includes('Movie'))
          return film(node.name, node.releaseYear ?? read.text(node.datePublished)?.slice(0, 4));
        return episodeOf(node.name, first(node.containsSeason)?.seasonNumber, episodeNode(node)?.episodeNumber, true);
      },
    }),
    // The page's heading names the show or film; the overlay's label, kept current by the app, an
    // episode's numbers (a label naming another show is the up-next rail's), else its "S1 E4" line.
    {
      name: 'dom',
      read: ({ document, url }) => {
        const heading = read.text(document.querySelector('h1')?.textContent);
        if (!heading) return null;
        if (url.pathname.includes('/movies/')) return film(heading);
        for (const element of document.querySelectorAll('[aria-label]')) {
          const label = LABEL.exec(element.getAttribute('aria-label') ?? '');
          if (label?.[1]?.trim() === heading) return episodeOf(heading, label[2], label[3]);
        }
        // A line names no show, and a rail's card may carry one too: it counts when all such lines agree.
        const lines = Array.from(document.querySelectorAll('p, span'), (element) =>
          element.children.length === 0 ? LINE.exec(element.textContent?.trim() ?? '') : null,
        );
        const numbers = new Set(lines.flatMap((line) => (line ? [`${line[1]} ${line[2]}`] : [])));
        const [season, episode] = numbers.size === 1 ? ([...numbers][0]?.split(' ') ?? []) : [];
        return season ? episodeOf(heading, season, episode) : null;
      },
    },
  ],
};
