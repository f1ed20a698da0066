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

describe('layer: media session', () => {
  it('reads the show as artist and the numbers in the title', async () => {
    session({ title: 'Pilot (1x1)', artist: 'Breaking Bad' });
    expect(await readLayer(stremio, 'session', page('player-movie-session-only.html', SERIES))).toEqual(breakingBad);
  });
  it("reads a film's title", async () => {
    session({ title: 'Big Buck Bunny' });
    expect(await readLayer(stremio, 'session', page('player-movie-session-only.html', MOVIE))).toEqual({
      title: 'Big Buck Bunny',
      mediaType: 'MOVIE',
    });
  });
});
