import { afterEach, describe, expect, it, vi } from 'vitest';
import { hidive } from '@/utils/sites/connectors/hidive';
import { hidivePage } from '@/utils/sites/connectors/hidive.page';
import { pageWorld } from './page-world-support';
import { describeWatchPages, fixtures, readPageData } from './support';

const WATCH = 'https://www.hidive.com/video/564632?seasonId=20021';
const VOD = 'https://dce-frontoffice.imggaming.com/api/v4/vod/564632?includePlaybackDetails=URL';
const VIEW = 'https://dce-frontoffice.imggaming.com/api/v1/view?type=season&id=20021';
/** What the web client sends the DICE platform with its own requests. */
const APP_HEADERS = {
  app: 'dice',
  realm: 'dce.hidive',
  'x-api-key': 'stand-in-web-client-key',
  'x-app-var': '6.60.0.ae5c96d',
  authorization: 'Bearer stand-in-viewer-token',
};
const { page, json } = fixtures('hidive', WATCH);

describeWatchPages(hidive);

/** The season's page view as the page half cuts it down. */
const view = { seasonId: 20021, series: 'No Game, No Life', header: 'No Game, No Life' };
const handed = (name: string, seasonView: Record<string, unknown> | null) => {
  const vod = json(name) as Record<string, unknown> & { episodeInformation?: Record<string, unknown> };
  const info = vod.episodeInformation;
  return {
    id: vod.id,
    title: vod.title,
    season: info?.season,
    seasonNumber: info?.seasonNumber,
    episodeNumber: info?.episodeNumber,
    view: seasonView,
  };
};
const read = (data: unknown, contentId = '564632') => readPageData(hidive, data, page('player.html'), { contentId });

describe("layer: page data (the player's own video answer, the season's page view)", () => {
  it("names an episode by its season view's series, numbered by its title's E<n>", async () => {
    expect(await read(handed('vod-episode.json', view))).toEqual({
      title: 'No Game, No Life',
      mediaType: 'TV',
      season: 1,
      episode: 2,
    });
  });
  it('takes the E<n> of the title over the position the platform numbers; a recap between two has none', async () => {
    const data = { ...handed('vod-episode.json', view), episodeNumber: 13 };
    expect(await read({ ...data, title: 'E12 - Journey' })).toMatchObject({ episode: 12 });
    expect(await read({ ...data, title: 'E12.5 - Recap' })).toEqual({ title: 'No Game, No Life', mediaType: 'TV', season: 1 });
  });
  it('without a series title, takes the show from a header "<show> - Season N"', async () => {
    const header = { seasonId: 20021, header: 'No Game, No Life - Season 1' };
    expect(await read(handed('vod-episode.json', header))).toEqual({
      title: 'No Game, No Life',
      mediaType: 'TV',
      season: 1,
      episode: 2,
    });
  });
  it.each([
    ['no view of the season at all', null],
    [
      'a header that is not "<show> - Season N" (a season may carry its own name)',
      { seasonId: 20021, header: 'No Game, No Life Zero' },
    ],
    ["another season's view", { ...view, seasonId: 20022 }],
  ])('names no show from %s', async (_, seasonView) => {
    expect(await read(handed('vod-episode.json', seasonView))).toBeNull();
  });
  it('names a film (no episode information) by its title', async () => {
    expect(await read(handed('vod-film.json', null), '564456')).toEqual({ title: 'No Game, No Life Zero', mediaType: 'MOVIE' });
  });
  it('names nothing for another video', async () => {
    expect(await read(handed('vod-film.json', null))).toBeNull();
  });
});

describe("the page-world half (hidive.page.ts), on the DICE platform's answers", () => {
  afterEach(() => vi.unstubAllGlobals());
  const network = (answers: Record<string, string>) => (request: { url: string }) => {
    const name = answers[request.url];
    return name ? json(name) : undefined;
  };

  it("asks the season's page view with the headers of the app's own video request, and hands over the show", async () => {
    const world = pageWorld(WATCH, network({ [VOD]: 'vod-episode.json', [VIEW]: 'season-view.json' }));
    hidivePage();
    await world.app(VOD, { headers: APP_HEADERS });
    const data = await world.ask('564632');
    const asked = world.sent.find((request) => request.url === VIEW);
    expect(asked?.headers).toMatchObject(APP_HEADERS);
    expect(world.sent.map((request) => new URL(request.url).hostname)).not.toContain('www.hidive.com');
    expect(await read(data)).toEqual({ title: 'No Game, No Life', mediaType: 'TV', season: 1, episode: 2 });
  });
  it("reads the app's own season view (opened from the season page) without asking again", async () => {
    const world = pageWorld(
      WATCH,
      network({ [VOD]: 'vod-episode.json', [`${VIEW}&timezone=Europe%2FLondon`]: 'season-view.json' }),
    );
    hidivePage();
    await world.app(`${VIEW}&timezone=Europe%2FLondon`, { headers: APP_HEADERS });
    await world.app(VOD, { headers: APP_HEADERS });
    const data = await world.ask('564632');
    expect(world.sent).toHaveLength(2);
    expect(await read(data)).toEqual({ title: 'No Game, No Life', mediaType: 'TV', season: 1, episode: 2 });
  });
  it("hands over nothing before the player's own answer was seen", async () => {
    const world = pageWorld(WATCH, network({ [VIEW]: 'season-view.json' }));
    hidivePage();
    expect(await world.ask('564632')).toBeNull();
    expect(world.sent).toEqual([]);
  });
});
