import { afterEach, describe, expect, it, vi } from 'vitest';
import { stremio } from '@/utils/sites/connectors/stremio';
import { describeWatchPages, fixtures, readLayer, sampleUrls } from './support';

const { page } = fixtures('stremio', 'https://web.stremio.com/');

describeWatchPages(stremio);

const [SERIES, MOVIE] = sampleUrls('stremio').watch as [string, string];
const breakingBad = { title: 'Breaking Bad', mediaType: 'TV', season: 1, episode: 1 };

afterEach(() => vi.unstubAllGlobals());
const session = (metadata: { title: string; artist?: string }) => vi.stubGlobal('navigator', { mediaSession: { metadata } });

it("plays a catalogue item's video id", () => {
  expect(stremio.watchPage(new URL(SERIES))).toBe('tt0903747:1:1');
});

describe('layer: player DOM', () => {
  it('reads "<show> - <episode> (1x1)"', async () => {
    expect(await readLayer(stremio, 'dom', page('player-episode.html', SERIES))).toEqual(breakingBad);
  });
  it("reads a film's name on a movie route", async () => {
    const document = page('player-episode.html', MOVIE);
    (document.querySelector('h2') as HTMLElement).textContent = 'Big Buck Bunny';
    expect(await readLayer(stremio, 'dom', document)).toEqual({ title: 'Big Buck Bunny', mediaType: 'MOVIE' });
  });
});

/** The session-only page, with the app's library bucket in localStorage as its own script puts it there. */
function sessionPage(url: string, library = true): Document {
  const document = page('player-episode-session.html', url);
  const bucket = document.getElementById('library-recent')?.textContent ?? '';
  if (library) document.defaultView?.localStorage.setItem('library_recent', JSON.stringify(JSON.parse(bucket)));
  return document;
}

describe('layer: media session', () => {
  it('reads the show as artist and the numbers in the title', async () => {
    session({ title: 'Pilot (1x1)', artist: 'Breaking Bad' });
    expect(await readLayer(stremio, 'session', page('player-movie-session-only.html', SERIES))).toEqual(breakingBad);
  });
  it("for a series without an artist, takes the show from the app's library record of the route's id, never the episode's title", async () => {
    session({ title: 'Pilot' });
    expect(await readLayer(stremio, 'session', sessionPage(SERIES))).toEqual(breakingBad);
  });
  it('names no episode from a session without an artist when the library holds no record of the series', async () => {
    session({ title: 'Pilot' });
    expect(await readLayer(stremio, 'session', sessionPage(SERIES, false))).toBeNull();
    const document = sessionPage(SERIES);
    const bucket = JSON.parse(document.defaultView?.localStorage.getItem('library_recent') ?? '{}');
    delete bucket.items.tt0903747;
    document.defaultView?.localStorage.setItem('library_recent', JSON.stringify(bucket));
    expect(await readLayer(stremio, 'session', document)).toBeNull();
  });
  it('takes no show from a library record that is a film, or from a bucket that is not JSON', async () => {
    session({ title: 'Pilot' });
    const document = sessionPage(SERIES);
    const bucket = JSON.parse(document.defaultView?.localStorage.getItem('library_recent') ?? '{}');
    bucket.items.tt0903747.type = 'movie';
    document.defaultView?.localStorage.setItem('library_recent', JSON.stringify(bucket));
    expect(await readLayer(stremio, 'session', document)).toBeNull();
    document.defaultView?.localStorage.setItem('library_recent', '{not json');
    expect(await readLayer(stremio, 'session', document)).toBeNull();
  });
  it("reads a film's title", async () => {
    session({ title: 'Big Buck Bunny' });
    expect(await readLayer(stremio, 'session', page('player-movie-session-only.html', MOVIE))).toEqual({
      title: 'Big Buck Bunny',
      mediaType: 'MOVIE',
    });
  });
});
