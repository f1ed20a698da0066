import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { identify } from '@/utils/playback/engine';
import {
  appleTv,
  mediaFromDocumentTitle,
  mediaFromLinkedData,
  mediaFromMeta,
  mediaFromPlayer,
} from '@/utils/sites/connectors/apple-tv';

const CODA = 'https://tv.apple.com/us/movie/coda/umc.cmc.3eh9r5iz32ggdm4ccvw5igiir';
const GREYHOUND = 'https://tv.apple.com/us/movie/greyhound/umc.cmc.4grsbj5bx4ej6stc1mde8nx8j';
const TED_LASSO_E3 = 'https://tv.apple.com/us/episode/trent-crimm-the-independent/umc.cmc.5hwrvq5kl0cyv3y6d6v9hk6zg';
const TED_LASSO_E4 = 'https://tv.apple.com/us/episode/for-the-children/umc.cmc.6r4ie5p7qzn0qzodh0m7ryrl5';
const SEVERANCE = 'https://tv.apple.com/us/show/severance/umc.cmc.1srk2goyh2q2zdxcx605w8vtx';

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

const coda = { title: 'CODA', year: 2021, mediaType: 'MOVIE' };
const tedLasso = (episode: number) => ({ title: 'Ted Lasso', mediaType: 'TV', season: 1, episode });

describe('apple-tv watch pages', () => {
  it.each(appleTv.sampleUrls.watch)('%s is a watch page', (url) => {
    expect(appleTv.watchPage(new URL(url))).toMatch(/^umc\.cmc\.[a-z0-9]+$/);
  });
  it.each(appleTv.sampleUrls.notWatch)('%s is not', (url) => {
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
  const { document, url: parsed, contentId } = input(page(file, url), url);
  it('layer: JSON-LD', () => expect(mediaFromLinkedData(document, parsed, contentId)).toEqual(jsonLd));
  it('layer: meta', () => expect(mediaFromMeta(document, parsed, contentId)).toEqual(meta));
  it('layer: player overlay', () => expect(mediaFromPlayer(document, parsed, contentId)).toEqual(player));
  it('layer: document title', () => expect(mediaFromDocumentTitle(document, parsed)).toEqual(title));
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
  ])('%s', (_, html, expected) => {
    const { document, url, contentId } = input(fromHtml(html, TED_LASSO_E3), TED_LASSO_E3);
    expect(mediaFromLinkedData(document, url, contentId)).toEqual(expected);
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
  ])('%s', (_, html, expected) => {
    const { document, url, contentId } = input(fromHtml(html, TED_LASSO_E3), TED_LASSO_E3);
    expect(mediaFromPlayer(document, url, contentId)).toEqual(expected);
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
