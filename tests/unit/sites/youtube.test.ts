import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { isMainVideo, MOVIES_AND_TV_CHANNEL, type YouTubePageData, youtube } from '@/utils/sites/connectors/youtube';
import { identify, identifyWithSources } from '@/utils/sites/identify';
import { cases } from '../../fixtures/youtube/e2e';
import { EPISODE_SECONDS } from '../../support/netflix';
import { readLayer, readPageData, sampleUrls } from './support';

const FILM = 'kNvs0uT2019';
const EPISODE = 'bRbAd0S1E03';
const VLOG = 'vL0g1cElAnD';
const FREE_FILM = 'fReE4dS1942';
const watchUrl = (id: string) => `https://www.youtube.com/watch?v=${id}`;

const fixtures = resolve(import.meta.dirname, '../../fixtures/youtube');
function page(name: string, id: string): Document {
  const window = new Window({ url: watchUrl(id), settings: { disableJavaScriptEvaluation: true } });
  window.document.write(readFileSync(resolve(fixtures, name), 'utf8'));
  return window.document as unknown as Document;
}

type Fields = Record<string, unknown>;

/** The page's `var ytInitialPlayerResponse = {…}` and `var ytInitialData = {…}`. */
function globalsOf(document: Document): Record<string, Fields> {
  const globals: Record<string, Fields> = {};
  for (const script of document.querySelectorAll('script:not([src])')) {
    const match = /^\s*var (ytInitial\w+) = ([\s\S]*);\s*$/.exec(script.textContent ?? '');
    if (match?.[1] && match[2]) globals[match[1]] = JSON.parse(match[2]);
  }
  return globals;
}

/** What youtube.page.ts hands back on a first load: the globals' fields, for the id they name. */
function pageDataOf(document: Document, id: string): YouTubePageData {
  const { ytInitialPlayerResponse: player, ytInitialData: next } = globalsOf(document);
  const details = player?.videoDetails as Fields | undefined;
  const endpoint = next?.currentVideoEndpoint as { watchEndpoint?: { videoId?: string } } | undefined;
  const contents = (next as { contents?: { twoColumnWatchNextResults?: { results?: { results?: { contents?: Fields[] } } } } })
    ?.contents?.twoColumnWatchNextResults?.results?.results?.contents;
  const primary = contents?.map((item) => item.videoPrimaryInfoRenderer as Fields | undefined).find(Boolean);
  return {
    playerResponse:
      player && details?.videoId === id
        ? { videoDetails: details, playabilityStatus: { status: (player.playabilityStatus as Fields).status } }
        : null,
    watchNext:
      next && endpoint?.watchEndpoint?.videoId === id
        ? {
            currentVideoEndpoint: next.currentVideoEndpoint,
            videoPrimaryInfoRenderer: primary ? { title: primary.title, superTitleLink: primary.superTitleLink } : null,
          }
        : null,
  };
}

/** The page data with changes in YouTube's own fields. */
function edited(
  data: YouTubePageData,
  change: { details?: Fields; status?: string; primary?: Fields | null; watchNext?: null },
): YouTubePageData {
  const player = data.playerResponse as { videoDetails: Fields; playabilityStatus: Fields };
  const next = data.watchNext as { currentVideoEndpoint: Fields; videoPrimaryInfoRenderer: Fields };
  return {
    playerResponse: {
      videoDetails: { ...player.videoDetails, ...change.details },
      playabilityStatus: { status: change.status ?? player.playabilityStatus.status },
    },
    watchNext:
      change.watchNext === null
        ? null
        : {
            ...next,
            videoPrimaryInfoRenderer: change.primary === null ? null : { ...next.videoPrimaryInfoRenderer, ...change.primary },
          },
  };
}

/** The main `<video>`, as long as the engine sees it play. */
function mainVideo(document: Document, duration = 360): HTMLVideoElement {
  const video = document.querySelector<HTMLVideoElement>('#movie_player video');
  if (!video) throw new Error('no main video');
  Object.defineProperty(video, 'duration', { value: duration, configurable: true });
  return video;
}

const filmData = () => pageDataOf(page('watch-film.html', FILM), FILM);
const freeFilmData = () => pageDataOf(page('watch-free-film.html', FREE_FILM), FREE_FILM);
const episodeData = () => pageDataOf(page('watch-episode.html', EPISODE), EPISODE);
/** The 'page' layer's reading of `data` for the video `id`, as it plays in `video`. */
const fromPageData = (data: unknown, id: string, video?: HTMLVideoElement) =>
  readPageData(youtube, data, video?.ownerDocument ?? page('watch-video.html', id), { contentId: id, video });

/** The 'dom' layer on `document`, with `data` as what the page's world answers. */
const fromWatchMetadata = (document: Document, id: string, data: unknown) =>
  readLayer(youtube, 'dom', document, { contentId: id, pageData: async () => data });

const knivesOut = { title: 'Knives Out', mediaType: 'MOVIE' };
const casablanca = { title: 'Casablanca', mediaType: 'MOVIE' };
const breakingBad = { title: 'Breaking Bad', mediaType: 'TV', season: 1, episode: 3 };

describe('youtube watch pages', () => {
  it.each([
    [watchUrl(FILM), FILM],
    ['https://www.youtube.com/watch?v=bRbAd0S1E03&pp=ygUMYnJlYWtpbmcgYmFk', EPISODE],
    ['https://www.youtube.com/watch?app=desktop&v=zKQGAv8gtBA&t=42s', 'zKQGAv8gtBA'],
  ])('%s plays %s', (url, id) => {
    expect(youtube.watchPage(new URL(url))).toBe(id);
  });
  it.each(sampleUrls('youtube').watch)('%s is a watch page', (url) => {
    expect(youtube.watchPage(new URL(url))).toMatch(/^[\w-]{11}$/);
  });
  it.each([
    ...sampleUrls('youtube').notWatch,
    'https://www.youtube.com/watch/kNvs0uT2019',
    'https://www.youtube.com/watch?v=kNvs0uT2019x',
  ])('%s is not', (url) => {
    expect(youtube.watchPage(new URL(url))).toBeNull();
  });
  it('does not run on m.youtube.com: no episode line there tells a film from an episode', () => {
    expect(youtube.matches).toEqual(['https://www.youtube.com/*']);
    expect(youtube.matches.some((pattern) => new URL(pattern.replace('*', '')).hostname === 'm.youtube.com')).toBe(false);
    for (const url of [...sampleUrls('youtube').watch, ...sampleUrls('youtube').notWatch]) {
      expect(new URL(url).hostname, url).not.toBe('m.youtube.com');
    }
  });
});

describe('main video', () => {
  it("is the watch page's own player", () => {
    expect(isMainVideo(mainVideo(page('watch-film.html', FILM)))).toBe(true);
  });
  it('rejects a hover preview, though it is an html5 player too', () => {
    const preview = page('watch-film.html', FILM).querySelector<HTMLVideoElement>('#inline-preview-player video');
    expect(preview).not.toBeNull();
    expect(preview && isMainVideo(preview)).toBe(false);
  });
  it.each([['ad-showing'], ['ad-interrupting']])('rejects the player while it has %s', (adClass) => {
    const document = page('watch-film.html', FILM);
    document.querySelector('#movie_player')?.classList.add(adClass);
    expect(isMainVideo(mainVideo(document))).toBe(false);
  });
  it('rejects the player of the ad page', () => {
    expect(isMainVideo(mainVideo(page('watch-ad.html', FILM)))).toBe(false);
  });
  it('rejects a video outside the player', () => {
    const document = page('watch-film.html', FILM);
    const stray = document.createElement('video');
    stray.className = 'html5-main-video';
    document.body.append(stray);
    expect(isMainVideo(stray)).toBe(false);
  });
});

describe('layer: page data (player response and watch-next data)', () => {
  it('names a film: Movies & TV, playable, and no episode line', async () => {
    expect(await fromPageData(filmData(), FILM, mainVideo(page('watch-film.html', FILM)))).toEqual(knivesOut);
  });
  it("names an episode by its show, from the line above the episode's title", async () => {
    expect(await fromPageData(episodeData(), EPISODE)).toEqual(breakingBad);
  });
  it.each([
    ['Breaking Bad S1 • E3', breakingBad],
    ['Breaking Bad S01 • E03', breakingBad],
    ['Breaking Bad S1 E3', breakingBad],
    ['Breaking Bad Staffel 1 • Folge 3', breakingBad],
  ])('reads the line %j', async (line, expected) => {
    expect(await fromPageData(edited(episodeData(), { primary: { superTitleLink: { simpleText: line } } }), EPISODE)).toEqual(
      expected,
    );
  });
  it.each([
    ['a line it cannot read', 'ブレイキング・バッド シーズン1 • エピソード3'],
    ['numbers without the show', 'S1 • E3'],
  ])('%s names nothing rather than a film', async (_, line) => {
    expect(await fromPageData(edited(episodeData(), { primary: { superTitleLink: { simpleText: line } } }), EPISODE)).toBeNull();
  });

  it('an ordinary upload is nothing, however long and whatever its line says', async () => {
    const vlog = pageDataOf(page('watch-video.html', VLOG), VLOG);
    expect(await fromPageData(vlog, VLOG)).toBeNull();
    const series = edited(vlog, {
      details: { lengthSeconds: '10800' },
      primary: { superTitleLink: { simpleText: 'How To Make Everything S1 • E7' } },
    });
    expect(await fromPageData(series, VLOG)).toBeNull();
  });
  it.each([
    ['a film not bought: the offer screen and its trailer', { status: 'UNPLAYABLE' }],
    ['a live broadcast', { details: { isLiveContent: true } }],
    ['an upcoming premiere', { details: { isUpcoming: true } }],
    ['no flag at all', { details: { isTvfilmVideo: undefined } }],
    ['a flag that is not true', { details: { isTvfilmVideo: 'true' } }],
    ['no length', { details: { lengthSeconds: undefined } }],
  ])('rejects %s', async (_, change) => {
    expect(await fromPageData(edited(filmData(), change), FILM)).toBeNull();
  });
  it('rejects an element shorter than the film: an ad or a trailer plays in it', async () => {
    const data = edited(filmData(), { details: { lengthSeconds: '7800' } });
    expect(await fromPageData(data, FILM, mainVideo(page('watch-film.html', FILM), 30))).toBeNull();
    expect(await fromPageData(data, FILM, mainVideo(page('watch-film.html', FILM), 7790))).toEqual(knivesOut);
    expect(await fromPageData(data, FILM, mainVideo(page('watch-film.html', FILM), 8100))).toEqual(knivesOut);
  });
  describe("a film free with ads, owned by the Movies & TV channel, with YouTube's flag false", () => {
    const tenMinutes = () => mainVideo(page('watch-free-film.html', FREE_FILM), 600);
    it("is named: the channel and a feature's length prove Movies & TV", async () => {
      expect(freeFilmData().playerResponse).toMatchObject({
        videoDetails: { channelId: MOVIES_AND_TV_CHANNEL, isTvfilmVideo: false, lengthSeconds: '600' },
      });
      expect(await fromPageData(freeFilmData(), FREE_FILM, tenMinutes())).toEqual(casablanca);
    });
    it("names an episode of the channel's by the line above its title", async () => {
      const data = edited(freeFilmData(), { primary: { superTitleLink: { simpleText: 'Hell’s Kitchen S1 • E2' } } });
      expect(await fromPageData(data, FREE_FILM, tenMinutes())).toEqual({
        title: 'Hell’s Kitchen',
        mediaType: 'TV',
        season: 1,
        episode: 2,
      });
    });
    it.each([
      ['a trailer or clip of the channel (under ten minutes)', { lengthSeconds: '150' }],
      ['a feature-length video of another channel', { channelId: 'UCx3ZbCfyQ0QAh8g1kRa6dgA' }],
      ['the storefront channel, which owns no video anyone has shown', { channelId: 'UClgRkhTL3_hImCAmdLfDE4g' }],
    ])('%s is nothing', async (_, details) => {
      expect(await fromPageData(edited(freeFilmData(), { details }), FREE_FILM)).toBeNull();
    });
    it('is nothing while an ad plays in the element, and nothing unplayable', async () => {
      expect(await fromPageData(freeFilmData(), FREE_FILM, mainVideo(page('watch-free-film.html', FREE_FILM), 30))).toBeNull();
      expect(await fromPageData(edited(freeFilmData(), { status: 'UNPLAYABLE' }), FREE_FILM)).toBeNull();
    });
  });
  it('cannot tell a film from an episode without the watch-next data for this video', async () => {
    expect(await fromPageData(edited(filmData(), { watchNext: null }), FILM)).toBeNull();
    expect(await fromPageData(edited(filmData(), { primary: null }), FILM)).toBeNull();
  });
  it('uses no copy that names another video (a single-page app keeps its first globals)', async () => {
    const stale = page('watch-stale.html', EPISODE);
    expect(pageDataOf(stale, EPISODE)).toEqual({ playerResponse: null, watchNext: null });
    expect(await fromPageData(pageDataOf(stale, FILM), EPISODE)).toBeNull();
    const mixed = { playerResponse: episodeData().playerResponse, watchNext: filmData().watchNext };
    expect(await fromPageData(mixed, EPISODE)).toBeNull();
  });
  it.each([null, 'Knives Out', [], { playerResponse: [] }, { playerResponse: { videoDetails: 'x' } }])(
    'rejects %j',
    async (data) => {
      expect(await fromPageData(data, FILM)).toBeNull();
    },
  );
});

describe('layer: watch metadata DOM', () => {
  it('names an episode from the line above its title, once the player response proves Movies & TV', async () => {
    const document = page('watch-episode.html', EPISODE);
    expect(await fromWatchMetadata(document, EPISODE, episodeData())).toEqual(breakingBad);
  });
  it('never names a film: a missing line may not be rendered yet', async () => {
    expect(await fromWatchMetadata(page('watch-film.html', FILM), FILM, filmData())).toBeNull();
  });
  it("trusts no line without the player's proof: creators' series print one too", async () => {
    const document = page('watch-episode.html', EPISODE);
    expect(await fromWatchMetadata(document, EPISODE, null)).toBeNull();
    const upload = edited(episodeData(), { details: { isTvfilmVideo: undefined } });
    expect(await fromWatchMetadata(document, EPISODE, upload)).toBeNull();
    const stale = page('watch-stale.html', EPISODE);
    expect(await fromWatchMetadata(stale, EPISODE, pageDataOf(stale, EPISODE))).toBeNull();
  });
  it('reads only the metadata block of this video', async () => {
    const document = page('watch-episode.html', EPISODE);
    document.querySelector('ytd-watch-metadata')?.setAttribute('video-id', FILM);
    expect(await fromWatchMetadata(document, EPISODE, episodeData())).toBeNull();
  });
});

describe('layers in order', () => {
  function input(document: Document, id: string, data: unknown, duration = 360) {
    return {
      document,
      url: new URL(watchUrl(id)),
      contentId: id,
      video: mainVideo(document, duration),
      pageData: async () => data,
    };
  }

  it('the page data names a film', async () => {
    const document = page('watch-film.html', FILM);
    expect(await identify(youtube, input(document, FILM, pageDataOf(document, FILM)))).toEqual(knivesOut);
  });
  it('the page data names an episode', async () => {
    const document = page('watch-episode.html', EPISODE);
    expect(await identify(youtube, input(document, EPISODE, pageDataOf(document, EPISODE)))).toEqual(breakingBad);
  });
  it('without the watch-next data, the rendered line still names an episode', async () => {
    const document = page('watch-episode.html', EPISODE);
    const data = edited(pageDataOf(document, EPISODE), { watchNext: null });
    expect(await identify(youtube, input(document, EPISODE, data))).toEqual(breakingBad);
  });
  it("asks the page once per identification: the 'dom' layer reads the same answer as the 'page' layer", async () => {
    const document = page('watch-episode.html', EPISODE);
    const data = edited(pageDataOf(document, EPISODE), { watchNext: null });
    let asked = 0;
    const counted = {
      ...input(document, EPISODE, data),
      pageData: async () => {
        asked += 1;
        return data;
      },
    };
    // The 'page' layer names nothing without the watch-next data; the 'dom' layer names the episode.
    expect(await identify(youtube, counted)).toEqual(breakingBad);
    expect(asked).toBe(1);
  });
  it('without the watch-next data, a film stays unnamed', async () => {
    const document = page('watch-film.html', FILM);
    const data = edited(pageDataOf(document, FILM), { watchNext: null });
    expect(await identify(youtube, input(document, FILM, data))).toBeNull();
  });
  it.each([
    ['an ordinary upload', 'watch-video.html', VLOG],
    ['stale globals', 'watch-stale.html', EPISODE],
  ])('%s is unnamed', async (_, file, id) => {
    const document = page(file, id);
    expect(await identify(youtube, input(document, id, pageDataOf(document, id)))).toBeNull();
  });
  it('a thirty-second ad in the element is unnamed', async () => {
    const document = page('watch-ad.html', FILM);
    expect(await identify(youtube, input(document, FILM, pageDataOf(document, FILM), 30))).toBeNull();
  });
  it('nothing from the page world (its script blocked) names nothing', async () => {
    const document = page('watch-episode.html', EPISODE);
    expect(await identify(youtube, input(document, EPISODE, null))).toBeNull();
  });
});

describe('end-to-end cases, as the engine would see them', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, siteCase) => {
    const url = new URL(siteCase.url);
    const id = youtube.watchPage(url) ?? '';
    const document = page(siteCase.page, id);
    for (const selector of siteCase.decoys ?? []) {
      const decoy = document.querySelector<HTMLVideoElement>(selector);
      expect(decoy && isMainVideo(decoy), selector).toBe(false);
    }
    const video = document.querySelector<HTMLVideoElement>(siteCase.play ?? 'video');
    if (!video) throw new Error(`no ${siteCase.play}`);
    // The clip the browser plays: its `?seconds=` when the page sets its own, else the default.
    const seconds = Number(new URL(video.getAttribute('src') ?? '', url).searchParams.get('seconds'));
    Object.defineProperty(video, 'duration', { value: seconds || EPISODE_SECONDS });
    const media = isMainVideo(video)
      ? await identify(youtube, { document, url, contentId: id, video, pageData: async () => pageDataOf(document, id) })
      : null;
    expect(media ? [media] : []).toEqual(siteCase.expect);
  });
});

describe('the channel that plays it (Never log this channel)', () => {
  const channelOf = (data: unknown, id = FILM) =>
    identifyWithSources(youtube, {
      document: page('watch-film.html', FILM),
      url: new URL(watchUrl(FILM)),
      contentId: id,
      pageData: async () => data,
    }).then((found) => found.channel);
  const studio = { channelId: 'UCstudio0000000000000001', author: 'Studio One' };

  it("is the player response's owner (id and name), for a Movies & TV item of this video only", async () => {
    expect(await channelOf(edited(filmData(), { details: studio }))).toEqual({ id: studio.channelId, name: 'Studio One' });
    // A copy of the player response that names another video says nothing of this one.
    expect(await channelOf(edited(filmData(), { details: studio }), EPISODE)).toBeUndefined();
    // An upload (not Movies & TV) is never logged: no channel to block either.
    expect(await channelOf(edited(filmData(), { details: { ...studio, isTvfilmVideo: false } }))).toBeUndefined();
    expect(await channelOf(edited(filmData(), { details: { ...studio, author: 42 } }))).toBeUndefined();
    expect(await channelOf(null)).toBeUndefined();
  });

  it("none for YouTube's own storefronts: blocking YouTube Movies or Movies & TV would block every film", async () => {
    // The fixture's film is YouTube Movies'; the free film is the Movies & TV channel's.
    expect(await channelOf(filmData())).toBeUndefined();
    expect(
      await channelOf(edited(filmData(), { details: { channelId: MOVIES_AND_TV_CHANNEL, author: 'Movies & TV' } })),
    ).toBeUndefined();
  });

  it('is cleaned and bounded', async () => {
    const channel = await channelOf(edited(filmData(), { details: { ...studio, author: ` Studio\u0000 ${'x'.repeat(400)}` } }));
    expect(channel?.name.startsWith('Studio')).toBe(true);
    expect(channel?.name).not.toContain('\u0000');
    expect(channel?.name.length).toBeLessThanOrEqual(200);
  });
});
