import { read } from '../../untrusted';
import { cleanTitle } from '../episode-text';
import { episodeOf, film } from '../layers';
import type { Connector, LayerInput, Reading } from '../types';

/** `#/player/<stream>/<stream add-on>/<meta add-on>/<type>/<id>/<video id>`: hash routed, each part URI-encoded. */
const PLAYER = /^#\/player\/[^/]+\/[^/]+\/[^/]+\/(movie|series)\/([^/]+)\/([^/?]+)/;
/** A Cinemeta episode's video id: `<imdb id>:<season>:<episode>`. */
const EPISODE_ID = /^tt\d+:(\d{1,4}):(\d{1,5})$/;
/** The player's title for an episode, "Breaking Bad - Pilot (1x1)". */
const EPISODE_TITLE = /^(.+?) - .*\((\d{1,4})x(\d{1,5})\)$/;

function route(url: URL) {
  const match = PLAYER.exec(url.hash);
  if (!match?.[2] || !match[3]) return null;
  try {
    return { type: match[1], id: decodeURIComponent(match[2]), videoId: decodeURIComponent(match[3]) };
  } catch {
    return null;
  }
}

/**
 * The show's name as the app keeps it in the page's `localStorage.library_recent`
 * (`items[<id>] = {_id, name, type, state: {video_id}}`, what PreMiD reads since stremio-web v5):
 * the record of the route's own id, a series.
 */
function libraryName(document: Document, id: string): string | undefined {
  try {
    const recent = read.record(JSON.parse(document.defaultView?.localStorage.getItem('library_recent') ?? 'null'));
    const item = read.record(read.record(recent?.items)?.[id]);
    return item?._id === id && item.type === 'series' ? read.text(item.name) : undefined;
  } catch {
    return undefined;
  }
}

/** What the player names, typed by its route; an episode's numbers from its title, else from Cinemeta's video id. */
function named(input: LayerInput, show: string | undefined, season?: string, episode?: string): Reading {
  const playing = route(input.url);
  if (!show || !playing) return null;
  if (playing.type === 'movie') return film(show);
  const fromId = EPISODE_ID.exec(playing.videoId);
  return episodeOf(show, season ?? fromId?.[1], episode ?? fromId?.[2], true);
}

/**
 * Stremio's web app. A stream opened without a catalogue entry (a trailer, a pasted link) has no
 * type or id in its route and counts for nothing; channels and TV are neither film nor episode.
 */
export const stremio: Connector = {
  id: 'stremio',
  label: 'Stremio',
  matches: ['https://web.stremio.com/*', 'https://web.strem.io/*'],
  watchPage: (url) => route(url)?.videoId ?? null,
  layers: [
    // The player's top bar: "Breaking Bad - Pilot (1x1)", or a film's name.
    {
      name: 'dom',
      read: (input) => {
        const text = read.text(input.document.querySelector('[class*="horizontal-nav-bar-container"] h2')?.textContent);
        const episode = text ? EPISODE_TITLE.exec(text) : null;
        return named(input, episode ? episode[1] : text && cleanTitle(text), episode?.[2], episode?.[3]);
      },
    },
    // The browser's media controls: a film's name as title; a series' show as artist, "Pilot (1x1)"
    // as title. Without an artist an episode's title is the episode's own name, never the show's:
    // the show is then the app's library record for the route's id.
    {
      name: 'session',
      read: (input) => {
        const metadata = globalThis.navigator?.mediaSession?.metadata;
        const playing = route(input.url);
        if (!metadata || !playing) return null;
        const artist = read.text(metadata.artist);
        if (playing.type === 'movie') return named(input, artist ?? read.text(metadata.title));
        const numbers = artist ? /\((\d{1,4})x(\d{1,5})\)$/.exec(read.text(metadata.title) ?? '') : null;
        return named(input, artist ?? libraryName(input.document, playing.id), numbers?.[1], numbers?.[2]);
      },
    },
  ],
};
