import { describe, expect, it } from 'vitest';
import { jiohotstar } from '@/utils/sites/connectors/jiohotstar';
import { describeWatchPages, fixtures, readLayer } from './support';

const { page } = fixtures('jiohotstar', 'https://www.hotstar.com/in/movies/frozen/1260018197/watch');

describeWatchPages(jiohotstar);

const EPISODE = 'https://www.hotstar.com/in/shows/panchayat/1260069066/the-new-secretary/1260069087/watch';
const NEXT = 'https://www.hotstar.com/in/shows/panchayat/1260069066/bhaukaal/1260069090/watch';

it("plays the last id of an episode's address", () => {
  expect(jiohotstar.watchPage(new URL(EPISODE))).toBe('1260069087');
});

describe('main video', () => {
  it('is the programme, not the ad player', () => {
    const document = page('movie.html');
    expect(jiohotstar.isMainVideo?.(document.getElementById('player') as HTMLVideoElement)).toBe(true);
    expect(jiohotstar.isMainVideo?.(document.getElementById('ad') as HTMLVideoElement)).toBe(false);
  });
});

describe('layer: JSON-LD', () => {
  it("reads a Movie whose url is the watch page's", async () => {
    expect(await readLayer(jiohotstar, 'json-ld', page('movie.html'), { contentId: '1260018197' })).toEqual({
      title: 'Frozen',
      year: 2013,
      mediaType: 'MOVIE',
    });
  });
  it("reads a TVSeries's season and episode when the episode's url is the watch page's", async () => {
    const reading = await readLayer(jiohotstar, 'json-ld', page('episode.html', EPISODE), { contentId: '1260069087' });
    expect(reading).toEqual({ title: 'Panchayat', mediaType: 'TV', season: 1, episode: 2 });
  });
  it('reads nothing left from the previous episode after in-app navigation', async () => {
    expect(await readLayer(jiohotstar, 'json-ld', page('episode-stale-ld.html', NEXT), { contentId: '1260069090' })).toBeNull();
  });
});

describe('layer: player DOM', () => {
  it("reads the overlay's label for the show in the heading, not the up-next rail's", async () => {
    const reading = await readLayer(jiohotstar, 'dom', page('episode-stale-ld.html', NEXT), { url: new URL(NEXT) });
    expect(reading).toEqual({ title: 'Panchayat', mediaType: 'TV', season: 1, episode: 3 });
  });
  it('reads the label in any case and spacing, as universal-trakt-scrobbler does', async () => {
    const document = page('episode-stale-ld.html', NEXT);
    document.querySelector('[role="group"]')?.setAttribute('aria-label', 'Panchayat, season 1,episode 3,  Bhaukaal');
    expect(await readLayer(jiohotstar, 'dom', document, { url: new URL(NEXT) })).toEqual({
      title: 'Panchayat',
      mediaType: 'TV',
      season: 1,
      episode: 3,
    });
  });
  it('without a label, reads the overlay\'s own "S1 E3 <episode>" line', async () => {
    const reading = await readLayer(jiohotstar, 'dom', page('episode-overlay-line.html', NEXT), { url: new URL(NEXT) });
    expect(reading).toEqual({ title: 'Panchayat', mediaType: 'TV', season: 1, episode: 3 });
  });
  it('reads no number from such lines when they name different episodes (a rail card beside the overlay)', async () => {
    const document = page('episode-overlay-line.html', NEXT);
    const card = document.createElement('span');
    card.textContent = 'S1 E4 Jal Hi Jeevan Hai';
    document.querySelector('.up-next li')?.append(card);
    expect(await readLayer(jiohotstar, 'dom', document, { url: new URL(NEXT) })).toBeNull();
  });
  it("reads a film's heading on a film's address", async () => {
    expect(await readLayer(jiohotstar, 'dom', page('movie.html'))).toEqual({ title: 'Frozen', mediaType: 'MOVIE' });
  });
});
