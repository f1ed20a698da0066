import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { appleTv } from '@/utils/sites/connectors/apple-tv';
import { identify } from '@/utils/sites/identify';
import type { LayerName } from '@/utils/sites/types';
import { readLayer, sampleUrls } from './support';

const CODA = 'https://tv.apple.com/us/movie/coda/umc.cmc.3eh9r5iz32ggdm4ccvw5igiir';
const GREYHOUND = 'https://tv.apple.com/us/movie/greyhound/umc.cmc.4grsbj5bx4ej6stc1mde8nx8j';
const TED_LASSO_E3 = 'https://tv.apple.com/us/episode/trent-crimm-the-independent/umc.cmc.5hwrvq5kl0cyv3y6d6v9hk6zg';
const TED_LASSO_E4 = 'https://tv.apple.com/us/episode/for-the-children/umc.cmc.6r4ie5p7qzn0qzodh0m7ryrl5';
const SEVERANCE = 'https://tv.apple.com/us/show/severance/umc.cmc.1srk2goyh2q2zdxcx605w8vtx';
/** The locale root, where playback from the home page's shelves leaves the URL. */
const HOME = 'https://tv.apple.com/us';

const fixtures = resolve(import.meta.dirname, '../../fixtures/apple-tv');
function fromHtml(html: string, url: string): Document {
  const window = new Window({ url });
  window.document.write(html);
  return window.document as unknown as Document;
}
const page = (name: string, url: string) => fromHtml(readFileSync(resolve(fixtures, name), 'utf8'), url);

function input(document: Document, url: string) {
  const parsed = new URL(url);
  return {
    document,
    video: document.querySelector('video') as HTMLVideoElement,
    url: parsed,
    contentId: appleTv.watchPage(parsed) ?? '',
    pageData: async () => null,
  };
}

/** One layer on its own, with the URL and content id the engine would give it. */
function layer(name: LayerName, document: Document, url: string) {
  const parsed = new URL(url);
  return readLayer(appleTv, name, document, { url: parsed, contentId: appleTv.watchPage(parsed) ?? '' });
}

const coda = { title: 'CODA', year: 2021, mediaType: 'MOVIE' };
const tedLasso = (episode: number) => ({ title: 'Ted Lasso', mediaType: 'TV', season: 1, episode });

describe('apple-tv watch pages', () => {
  it.each(sampleUrls('apple-tv').watch)('%s is a watch page', (url) => {
    expect(appleTv.watchPage(new URL(url))).toMatch(/^(?:umc\.cmc\.[a-z0-9]+)?$/);
  });
  it.each(['https://tv.apple.com/us', 'https://tv.apple.com/', 'https://tv.apple.com/gb/'])(
    "the locale root %s is a watch page whose URL names nothing (content id '')",
    (url) => {
      expect(appleTv.watchPage(new URL(url))).toBe('');
    },
  );
  it.each(sampleUrls('apple-tv').notWatch)('%s is not', (url) => {
    expect(appleTv.watchPage(new URL(url))).toBeNull();
  });
});

// Each layer on its own: [fixture, URL, JSON-LD, meta, player overlay, document title].
const layers: [string, string, unknown, unknown, unknown, unknown][] = [
  ['movie.html', CODA, coda, coda, { title: 'CODA', mediaType: 'MOVIE' }, { title: 'CODA', mediaType: 'MOVIE' }],
  ['episode.html', TED_LASSO_E3, tedLasso(3), null, tedLasso(3), null],
  [
    'show.html',
    SEVERANCE,
    null,
    null,
    { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 },
    { title: 'Severance', mediaType: 'TV' },
  ],
  ['stale.html', TED_LASSO_E4, null, null, tedLasso(4), null],
  ['movie-extra.html', CODA, null, null, null, null],
  [
    'meta-only.html',
    GREYHOUND,
    null,
    { title: 'Greyhound', year: 2020, mediaType: 'MOVIE' },
    null,
    { title: 'Greyhound', mediaType: 'MOVIE' },
  ],
  ['promo.html', CODA, null, { title: 'CODA', mediaType: 'MOVIE' }, null, { title: 'CODA', mediaType: 'MOVIE' }],
  ['nothing.html', CODA, null, null, null, null],
];

describe.each(layers)('%s at %s', (file, url, jsonLd, meta, player, title) => {
  const document = page(file, url);
  it('layer: JSON-LD', async () => expect(await layer('json-ld', document, url)).toEqual(jsonLd));
  it('layer: meta', async () => expect(await layer('meta', document, url)).toEqual(meta));
  it('layer: player overlay', async () => expect(await layer('dom', document, url)).toEqual(player));
  it('layer: document title', async () => expect(await layer('title', document, url)).toEqual(title));
});

describe('layer: JSON-LD shapes', () => {
  const episode = (node: object, head = '') =>
    `<html><head>${head}<script type="application/ld+json">${JSON.stringify(node)}</script></head></html>`;
  const base = { '@type': 'Episode', url: TED_LASSO_E3, partOfSeries: { name: 'Ted Lasso' }, episodeNumber: 3 };

  it.each([
    ['partOfSeason as a number', episode({ ...base, partOfSeason: 1 }), tedLasso(3)],
    ['numbers as text', episode({ ...base, partOfSeason: { seasonNumber: '1' }, episodeNumber: '3' }), tedLasso(3)],
    ['@type as a list', episode({ ...base, '@type': ['Episode', 'CreativeWork'], partOfSeason: 1 }), tedLasso(3)],
    ['a top-level array', episode([{ '@type': 'WebPage' }, { ...base, partOfSeason: 1 }]), tedLasso(3)],
    ['no season at all', episode(base), { title: 'Ted Lasso', mediaType: 'TV', episode: 3 }],
    [
      'a node without url, vouched for by the meta',
      episode(
        { ...base, url: undefined, partOfSeason: 1 },
        '<meta name="apple:content_id" content="umc.cmc.5hwrvq5kl0cyv3y6d6v9hk6zg">',
      ),
      tedLasso(3),
    ],
    ['a node without url and no meta', episode({ ...base, url: undefined, partOfSeason: 1 }), null],
    ['a node for another episode', episode({ ...base, url: TED_LASSO_E4, partOfSeason: 1 }), null],
    ['an episode without its series', episode({ ...base, partOfSeries: undefined, name: 'Trent Crimm' }), null],
    ['a clip', episode({ ...base, '@type': 'VideoObject' }), null],
    ['broken JSON', '<html><head><script type="application/ld+json">{"@type": "Episode",</script></head></html>', null],
  ])('%s', async (_, html, expected) => {
    expect(await layer('json-ld', fromHtml(html, TED_LASSO_E3), TED_LASSO_E3)).toEqual(expected);
  });
});

describe('layer: player overlay formats', () => {
  const overlay = (title: string, subtitle: string) =>
    `<div data-testid="video-player"><p data-testid="player-metadata-title">${title}</p><p data-testid="player-metadata-subtitle">${subtitle}</p></div>`;
  it.each([
    ['S1, E3 in the subtitle', overlay('Ted Lasso', 'S1, E3 · Trent Crimm: The Independent'), tedLasso(3)],
    ['S1·E3 in the subtitle', overlay('Ted Lasso', 'S1·E3 Trent Crimm: The Independent'), tedLasso(3)],
    ['the numbers in the title line', overlay('S1, E3 · Trent Crimm: The Independent', 'Ted Lasso'), tedLasso(3)],
    ['an overlay outside the open player', '<p data-testid="player-metadata-title">Ted Lasso</p>', null],
  ])('%s', async (_, html, expected) => {
    expect(await layer('dom', fromHtml(html, TED_LASSO_E3), TED_LASSO_E3)).toEqual(expected);
  });
});

describe('the home page: playback started from a shelf', () => {
  /** home.html with the overlay's lines set to what the player shows. */
  function home(title: string, subtitle = ''): Document {
    const document = page('home.html', HOME);
    const line = (id: string) => document.querySelector(`[data-testid="video-player"] [data-testid="player-metadata-${id}"]`);
    const [titleLine, subtitleLine] = [line('title'), line('subtitle')];
    if (!titleLine || !subtitleLine) throw new Error('home.html has no open player');
    titleLine.textContent = title;
    subtitleLine.textContent = subtitle;
    return document;
  }

  it('names a film from a shelf: its title links only to /movie/ items', async () => {
    expect(await layer('dom', home('CODA'), HOME)).toEqual({ title: 'CODA', mediaType: 'MOVIE' });
    expect(await identify(appleTv, input(home('CODA'), HOME))).toEqual({ title: 'CODA', mediaType: 'MOVIE' });
  });
  it("names a film by a link's text, compared case- and punctuation-insensitively", async () => {
    expect(await layer('dom', home('GREYHOUND!'), HOME)).toEqual({ title: 'GREYHOUND!', mediaType: 'MOVIE' });
  });
  it('names a show from a shelf: its title links only to a /show/ item', async () => {
    expect(await layer('dom', home('Severance'), HOME)).toEqual({ title: 'Severance', mediaType: 'TV' });
  });
  it('names an episode whose subtitle has "S1, E3"', async () => {
    const document = home('Ted Lasso', 'S1, E3 · Trent Crimm: The Independent');
    expect(await layer('dom', document, HOME)).toEqual(tedLasso(3));
    expect(await identify(appleTv, input(document, HOME))).toEqual(tedLasso(3));
  });
  it('gives no type to an ambiguous title: links of two kinds (a /show/ and an /episode/)', async () => {
    expect(await layer('dom', home('Ted Lasso'), HOME)).toEqual({ title: 'Ted Lasso' });
  });
  it('gives no type to a title no link on the page names', async () => {
    expect(await layer('dom', home('Napoleon'), HOME)).toEqual({ title: 'Napoleon' });
  });
  it('JSON-LD, meta and tab-title layers name nothing there', async () => {
    for (const name of ['json-ld', 'meta', 'title'] as const) {
      expect(await layer(name, home('CODA'), HOME), name).toBeNull();
    }
  });
  it("a film page's JSON-LD, meta and tab title left behind by the single-page app name nothing there", async () => {
    const document = page('movie.html', HOME);
    for (const name of ['json-ld', 'meta', 'title'] as const) {
      expect(await layer(name, document, HOME), name).toBeNull();
    }
    // No shelf links to CODA here: the overlay names it, of no known type.
    expect(await identify(appleTv, input(document, HOME))).toEqual({ title: 'CODA' });
  });
  it("the open player's video counts, the hero promo does not", () => {
    const document = home('CODA');
    const video = (selector: string) => document.querySelector<HTMLVideoElement>(selector);
    expect(appleTv.isMainVideo?.(video('#main') as HTMLVideoElement)).toBe(true);
    expect(appleTv.isMainVideo?.(video('#promo') as HTMLVideoElement)).toBe(false);
  });
});

describe('layers in order', () => {
  const strip = (document: Document, selector: string) => {
    for (const node of document.querySelectorAll(selector)) node.remove();
    return document;
  };
  const LD = 'script[type="application/ld+json"]';
  const META = 'meta';
  const OVERLAY = '[data-testid^="player-metadata"]';

  it.each([
    ['movie.html', CODA, coda],
    ['episode.html', TED_LASSO_E3, tedLasso(3)],
    ['show.html', SEVERANCE, { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 }],
    ['stale.html', TED_LASSO_E4, tedLasso(4)],
    ['meta-only.html', GREYHOUND, { title: 'Greyhound', year: 2020, mediaType: 'MOVIE' }],
    ['movie-extra.html', CODA, null],
    ['nothing.html', CODA, null],
  ])('picks the best layer on %s', async (file, url, expected) => {
    expect(await identify(appleTv, input(page(file, url), url))).toEqual(expected);
  });

  it.each([
    ['movie.html', CODA, [LD], coda],
    ['movie.html', CODA, [LD, META], { title: 'CODA', mediaType: 'MOVIE' }],
    ['movie.html', CODA, [LD, META, OVERLAY], { title: 'CODA', mediaType: 'MOVIE' }],
    ['episode.html', TED_LASSO_E3, [LD], tedLasso(3)],
    ['episode.html', TED_LASSO_E3, [LD, META], tedLasso(3)],
    ['show.html', SEVERANCE, [OVERLAY], { title: 'Severance', mediaType: 'TV' }],
  ])('%s without %j still identifies the title', async (file, url, selectors, expected) => {
    const document = selectors.reduce(strip, page(file, url));
    expect(await identify(appleTv, input(document, url))).toEqual(expected);
  });
});

describe('isMainVideo', () => {
  const isMain = (file: string, selector: string) => {
    const video = page(file, CODA).querySelector<HTMLVideoElement>(selector);
    if (!video) throw new Error(`${file} has no ${selector}`);
    return appleTv.isMainVideo?.(video);
  };
  it.each([
    ['movie.html', '#main', true],
    ['episode.html', '#main', true],
    ['movie.html', '#promo', false],
    ['episode.html', '[data-testid="shelf-up-next"] video', false],
    ['promo.html', '#promo', false],
    // A video-container in a trailer shelf, while no long-form player is open.
    ['promo.html', '#trailer', false],
  ])('%s %s → %s', (file, selector, expected) => {
    expect(isMain(file, selector)).toBe(expected);
  });
});
