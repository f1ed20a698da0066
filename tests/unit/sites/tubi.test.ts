import { afterEach, describe, expect, it, vi } from 'vitest';
import { runConnector } from '@/utils/playback/engine';
import type { PlaybackReport } from '@/utils/protocol/content';
import { tubi } from '@/utils/sites/connectors/tubi';
import { tubiPage } from '@/utils/sites/connectors/tubi.page';
import { pageWorld } from './page-world-support';
import { describeWatchPages, fixtures, readLayer, readPageData } from './support';

const EPISODE = 'https://tubitv.com/tv-shows/554628/s01-e01-rise-of-the-snakes';
const FILM = 'https://tubitv.com/movies/100004539/the-39-steps';
const { page } = fixtures('tubi', EPISODE);

describeWatchPages(tubi);

const ninjago = { title: 'Ninjago: Masters of Spinjitzu', mediaType: 'TV', season: 1, episode: 1 };
const theThirtyNineSteps = { title: 'The 39 Steps', year: 1935, mediaType: 'MOVIE' };

/** The server's state as `episode.html` and `movie.html` set it (`window.__data`), trimmed. */
const episodeState = {
  video: {
    byId: {
      '554628': { id: '554628', type: 'v', title: 'S01:E01 - Rise of the Snakes', year: 2011, series_id: '300009' },
      '0300009': { id: '0300009', type: 's', title: 'Ninjago: Masters of Spinjitzu' },
    },
  },
};
const filmState = { video: { byId: { '100004539': { id: '100004539', type: 'v', title: 'The 39 Steps', year: 1935 } } } };

/** What the page's own scripts do first: set the server's state, and delete it once the app's store holds it. */
function startApp(window: object, state: unknown): void {
  const page = window as { __data?: unknown };
  page.__data = state;
  expect(page.__data).toBe(state);
  delete page.__data;
  expect('__data' in page).toBe(false);
}

describe('layer: page data (window.__data)', () => {
  it("reads an episode's numbers from its title and its show from its series", async () => {
    const data = {
      id: '554628',
      title: 'S01:E01 - Rise of the Snakes',
      year: 2011,
      seriesTitle: 'Ninjago: Masters of Spinjitzu',
    };
    expect(await readPageData(tubi, data, page('episode.html'), { contentId: '554628' })).toEqual(ninjago);
  });
  it('reads a film with its year', async () => {
    const data = { id: '100004539', title: 'The 39 Steps', year: 1935 };
    expect(await readPageData(tubi, data, page('movie.html', FILM), { contentId: '100004539' })).toEqual(theThirtyNineSteps);
  });
  it('names nothing for another video', async () => {
    expect(await readPageData(tubi, { id: '1', title: 'X' }, page('episode.html'), { contentId: '554628' })).toBeNull();
  });
});

describe('the page-world half (tubi.page.ts)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("still hands the video over after Tubi's start-up deleted window.__data", async () => {
    const world = pageWorld(EPISODE, () => undefined);
    tubiPage();
    startApp(world.window, episodeState);
    const handed = await world.ask('554628');
    expect(handed).toEqual({
      id: '554628',
      title: 'S01:E01 - Rise of the Snakes',
      year: 2011,
      seriesTitle: 'Ninjago: Masters of Spinjitzu',
    });
    expect(await readPageData(tubi, handed, page('episode.html'), { contentId: '554628' })).toEqual(ninjago);
  });
  it('hands over nothing for a video the first page did not describe (in-app navigation)', async () => {
    const world = pageWorld(FILM, () => undefined);
    tubiPage();
    startApp(world.window, filmState);
    expect(await world.ask('554628')).toBeNull();
  });
});

describe('layer: meta (og:title)', () => {
  it("reads an episode's show and numbers", async () => {
    expect(await readLayer(tubi, 'meta', page('episode.html'))).toEqual(ninjago);
  });
  it('reads a film\'s "Title (YYYY)" as its title and its year', async () => {
    expect(await readLayer(tubi, 'meta', page('movie.html', FILM))).toEqual(theThirtyNineSteps);
  });
  it('keeps a film title that only ends in parentheses', async () => {
    const document = page('movie.html', FILM);
    document.querySelector('meta[property="og:title"]')?.setAttribute('content', 'Mission: Impossible (Extended)');
    expect(await readLayer(tubi, 'meta', document)).toEqual({ title: 'Mission: Impossible (Extended)', mediaType: 'MOVIE' });
  });
});

describe("Tubi's floating player, followed by the engine", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** The film's page with its page-world half, playing: the reports the engine sends, and a way to leave for another page. */
  async function playing(connector = tubi) {
    const world = pageWorld(FILM, () => undefined);
    tubiPage();
    startApp(world.window, filmState);
    const document = world.window.document;
    const video = document.createElement('video');
    for (const [name, value] of Object.entries({ duration: 5187, paused: false, ended: false, readyState: 4, currentTime: 60 }))
      Object.defineProperty(video, name, { value, configurable: true });
    document.body.append(video);
    const navigation = new EventTarget();
    vi.stubGlobal('navigation', navigation);
    const reports: PlaybackReport[] = [];
    runConnector(connector, async (report) => {
      reports.push(report);
    });
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    return {
      reports,
      reasons: () => reports.map((report) => report.reason),
      leaveFor(path: string) {
        world.window.history.pushState({}, '', path);
        navigation.dispatchEvent(new Event('currententrychange'));
      },
      closeTab: () => world.window.dispatchEvent(new world.window.Event('pagehide')),
    };
  }

  it('keeps the viewing, with its own id and title, when the film plays on after the person leaves its page', async () => {
    const tab = await playing();
    expect(tab.reports[0]).toMatchObject({ reason: 'start', contentId: '100004539', media: theThirtyNineSteps });
    tab.leaveFor('/category/classics');
    tab.leaveFor('/search/hitchcock');
    expect(tab.reasons()).toEqual(['start']);
    tab.closeTab();
    expect(tab.reasons()).toEqual(['start', 'stop']);
    expect(tab.reports[1]).toMatchObject({
      contentId: '100004539',
      media: theThirtyNineSteps,
      segmentId: tab.reports[0]?.segmentId,
    });
  });
  it('ends the floating viewing once a watch page is reached, and begins one from that page', async () => {
    const tab = await playing();
    tab.leaveFor('/category/classics');
    tab.leaveFor('/movies/100004539/the-39-steps');
    await vi.waitFor(() => expect(tab.reasons()).toEqual(['start', 'stop', 'start']));
    expect(tab.reports[2]?.segmentId).not.toBe(tab.reports[0]?.segmentId);
    tab.closeTab();
  });
  it('ends the viewing on leaving the page where the site has no floating player', async () => {
    const tab = await playing({ ...tubi, floatingPlayer: undefined });
    tab.leaveFor('/category/classics');
    expect(tab.reasons()).toEqual(['start', 'stop']);
  });
});
