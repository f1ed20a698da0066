import { describe, expect, it } from 'vitest';
import type { SiteHealthRecord } from '@/utils/model/records';
import { browserName, diagnostic, healthView, pageShape, privatePage, withViewing } from '@/utils/sites/health';
import { connectorById } from '@/utils/sites/registry';
import type { Connector } from '@/utils/sites/types';
import { HEALTH_VIEWINGS } from '@/utils/store/items';

const netflix = connectorById('netflix') as Connector;
const plex = connectorById('plex') as Connector;
const anySite = connectorById('any-site') as Connector;
const named = (by: 'page' | 'dom' | 'title') => ({
  by,
  tried: (['page', 'dom', 'title'] as const)
    .slice(0, ['page', 'dom', 'title'].indexOf(by) + 1)
    .map((layer) => ({ layer, result: layer === by ? ('named' as const) : ('failed' as const) })),
});
const unnamed = { tried: (['page', 'dom', 'title'] as const).map((layer) => ({ layer, result: 'nothing' as const })) };

function history(...viewings: Array<[number, ReturnType<typeof named> | typeof unnamed]>): SiteHealthRecord | undefined {
  let record: SiteHealthRecord | undefined;
  viewings.forEach(([at, sources], i) => {
    record = withViewing(record, { segment: `segment-${i}`, at, sources }) ?? record;
  });
  return record;
}

describe('the page shape kept for a problem report', () => {
  it.each([
    [
      'https://www.netflix.com/watch/81169145?trackId=14170286&tctx=0%2C1',
      '81169145',
      'https://www.netflix.com/watch/…?trackId=…&tctx=…',
    ],
    [
      'https://www.crunchyroll.com/de/watch/GK9UG2E49/the-result-of-the-battle-for-priestella',
      'GK9UG2E49',
      'https://www.crunchyroll.com/de/watch/…/…',
    ],
    ['https://tv.apple.com/us/movie/coda/umc.cmc.3eh9r5iz32ggdm4ccvw5igiir', '', 'https://tv.apple.com/us/movie/…/…'],
    [
      'https://app.plex.tv/desktop/#!/server/5f2d0c9e8b7a/details?key=%2Flibrary%2Fmetadata%2F2004',
      '',
      'https://app.plex.tv/desktop/#!/server/…/details?key=…',
    ],
    ['http://192.168.1.20:8096/web/#/video', '', 'http://192.168.1.20:8096/web/#/video'],
  ])('%s → %s', (address, contentId, shape) => {
    expect(pageShape(address, contentId)).toBe(shape);
  });

  it('never keeps a title from a slug, however short', () => {
    expect(pageShape('https://tv.apple.com/us/show/severance/umc.cmc.1srk2goyh2q2zdxcx605w8vtx')).not.toContain('severance');
    expect(pageShape('https://www.paramountplus.com/movies/zodiac/wjQ4RChi6BHHu4MVTncppVuCwu44uq2Q/')).not.toContain('zodiac');
  });

  it('says nothing of an address that is not one', () => {
    expect(pageShape('not an address')).toBeUndefined();
  });
});

describe("a site's health", () => {
  it('is "not used yet" before any viewing', () => {
    expect(healthView(netflix, undefined)).toEqual({ state: 'unused', best: 'page' });
  });

  it('is working while its best source names the last viewing', () => {
    expect(healthView(netflix, history([1_000, named('dom')], [2_000, named('page')]))).toEqual({
      state: 'working',
      best: 'page',
      by: 'page',
    });
  });

  it('is through a fallback since the first of the viewings a fallback named', () => {
    const record = history([1_000, named('page')], [2_000, named('dom')], [3_000, named('title')]);
    expect(healthView(netflix, record)).toEqual({ state: 'fallback', best: 'page', by: 'title', since: 2_000 });
  });

  it("is couldn't identify since the first viewing nothing named", () => {
    const record = history([1_000, named('dom')], [2_000, unnamed], [3_000, unnamed]);
    expect(healthView(netflix, record)).toEqual({ state: 'unidentified', best: 'page', since: 2_000 });
  });

  it('counts each page tracker once, keeps only the last viewings, and counts and dates each source', () => {
    let record = withViewing(undefined, {
      segment: 'a',
      at: 1_000,
      sources: named('dom'),
      page: 'https://www.netflix.com/watch/…',
    });
    expect(withViewing(record, { segment: 'a', at: 2_000, sources: named('dom') })).toBeUndefined();
    for (let i = 0; i < HEALTH_VIEWINGS + 5; i++) {
      record = withViewing(record, { segment: `s${i}`, at: 10_000 + i, sources: named('page') }) ?? record;
    }
    expect(record?.viewings).toHaveLength(HEALTH_VIEWINGS);
    expect(record?.viewings.at(-1)?.at).toBe(10_000 + HEALTH_VIEWINGS + 4);
    expect(record?.layers.page).toEqual({
      named: HEALTH_VIEWINGS + 5,
      lastNamed: 10_000 + HEALTH_VIEWINGS + 4,
      failed: 1,
      lastFailed: 1_000,
    });
    expect(record?.layers.dom).toEqual({ named: 1, lastNamed: 1_000, failed: 0 });
    expect(record?.page).toBe('https://www.netflix.com/watch/…');
  });
});

describe('the problem report', () => {
  const record = history([Date.UTC(2026, 10, 28, 9, 30), named('page')], [Date.UTC(2026, 10, 30, 20, 5), named('dom')]);
  const text = diagnostic(netflix, record && { ...record, page: 'https://www.netflix.com/watch/…' }, {
    version: '1.2.3',
    browser: 'Chrome 142',
  });

  it('says the version, browser, site, state, page shape and how each source did', () => {
    expect(text.split('\n')).toEqual([
      'ReelRifter Scrobbler 1.2.3 on Chrome 142',
      'Site: Netflix (netflix), sources best first: page, dom, title',
      'State: fallback since 2026-11-30, last named by dom',
      'Page: https://www.netflix.com/watch/…',
      'Last viewings, newest first:',
      '  2026-11-30: page failed, dom named',
      '  2026-11-28: page named',
      'Sources:',
      '  page: named 1 (last 2026-11-28), found nothing or failed 1 (last 2026-11-30)',
      '  dom: named 1 (last 2026-11-30), found nothing or failed 0 (last never)',
      '  title: named 0 (last never), found nothing or failed 0 (last never)',
    ]);
  });

  it("never names the person's own server or a site they chose", () => {
    const plexRecord = record && { ...record, page: 'http://192.168.1.20:32400/web/index.html#!/server/…/details?key=…' };
    const plexText = diagnostic(plex, plexRecord, { version: '1.2.3', browser: 'Chrome 142' });
    expect(plexText).toContain('Page: (your server)/web/index.html#!/server/…/details?key=…');
    expect(plexText).not.toContain('192.168.1.20');
    expect(privatePage(anySite, 'https://films.example.org/watch/…')).toBe('(a site you chose)/watch/…');
    expect(privatePage(netflix, 'https://www.netflix.com/watch/…')).toBe('https://www.netflix.com/watch/…');
  });

  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36', 'Chrome 142'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox 128'],
    ['curl/8', 'an unknown browser'],
  ])('names the browser of %s', (agent, name) => {
    expect(browserName(agent)).toBe(name);
  });
});
