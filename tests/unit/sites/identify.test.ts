import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import type { Media } from '@/utils/media';
import { identify, identifyWithSources } from '@/utils/sites/identify';
import { fromPageData } from '@/utils/sites/layers';
import type { Connector, Layer, LayerInput, LayerName, Reading } from '@/utils/sites/types';

const severance: Media = { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 };

const site = (...layers: Layer[]): Connector => ({ id: 'test', label: 'Test', matches: [], watchPage: () => '', layers });
const layer = (name: LayerName, reading: Reading | (() => Reading | Promise<Reading>)) => {
  const read = vi.fn<(input: LayerInput) => Reading | Promise<Reading>>(typeof reading === 'function' ? reading : () => reading);
  return { name, read } satisfies Layer;
};
function input(pageData: LayerInput['pageData'] = async () => null): LayerInput {
  const window = new Window({ url: 'https://www.example.com/watch/42' });
  return {
    document: window.document as unknown as Document,
    url: new URL('https://www.example.com/watch/42'),
    contentId: '42',
    pageData,
  };
}
const failing = () => {
  throw new Error('the site changed');
};

describe('identifyWithSources', () => {
  it('reports the layer that named what plays, and how each one asked did', async () => {
    const later = layer('title', { title: 'Not asked' });
    const found = await identifyWithSources(site(layer('page', null), layer('dom', severance), later), input());
    expect(found).toEqual({
      media: severance,
      by: 'dom',
      tried: [
        { layer: 'page', result: 'nothing' },
        { layer: 'dom', result: 'named' },
      ],
    });
    expect(later.read).not.toHaveBeenCalled();
  });

  it('names the first layer when it knows', async () => {
    const found = await identifyWithSources(site(layer('page', severance), layer('dom', { title: 'Other' })), input());
    expect(found).toEqual({ media: severance, by: 'page', tried: [{ layer: 'page', result: 'named' }] });
  });

  it('reports nothing, and no layer, when no layer knows', async () => {
    expect(await identifyWithSources(site(layer('json-ld', null), layer('meta', null), layer('title', null)), input())).toEqual({
      media: null,
      tried: [
        { layer: 'json-ld', result: 'nothing' },
        { layer: 'meta', result: 'nothing' },
        { layer: 'title', result: 'nothing' },
      ],
    });
  });

  it('reports a connector without layers as having tried none', async () => {
    expect(await identifyWithSources(site(), input())).toEqual({ media: null, tried: [] });
  });

  it('skips a layer that throws or rejects, reported as failed', async () => {
    const found = await identifyWithSources(
      site(
        layer('page', failing),
        layer('json-ld', () => Promise.reject(new Error('gone'))),
        layer('dom', severance),
      ),
      input(),
    );
    expect(found).toEqual({
      media: severance,
      by: 'dom',
      tried: [
        { layer: 'page', result: 'failed' },
        { layer: 'json-ld', result: 'failed' },
        { layer: 'dom', result: 'named' },
      ],
    });
  });

  it("stops at a layer that says 'other': no layer after it is asked", async () => {
    const dom = layer('dom', severance);
    const title = layer('title', severance);
    const found = await identifyWithSources(site(layer('page', null), layer('json-ld', 'other'), dom, title), input());
    expect(found).toEqual({
      media: null,
      tried: [
        { layer: 'page', result: 'nothing' },
        { layer: 'json-ld', result: 'other' },
      ],
    });
    expect(dom.read).not.toHaveBeenCalled();
    expect(title.read).not.toHaveBeenCalled();
  });

  it("a throwing layer before an 'other' does not keep it from stopping the rest", async () => {
    const title = layer('title', severance);
    const found = await identifyWithSources(
      site(
        layer('dom', failing),
        layer('page', async (): Promise<Reading> => 'other'),
        title,
      ),
      input(),
    );
    expect(found.tried).toEqual([
      { layer: 'dom', result: 'failed' },
      { layer: 'page', result: 'other' },
    ]);
    expect(found.media).toBeNull();
    expect(title.read).not.toHaveBeenCalled();
  });

  it('hands each layer the input it was given', async () => {
    const given = input();
    const dom = layer('dom', null);
    await identifyWithSources(site(dom), given);
    const [seen] = dom.read.mock.calls[0] ?? [];
    expect(seen?.document).toBe(given.document);
    expect(seen?.url).toBe(given.url);
    expect(seen?.contentId).toBe('42');
  });
});

describe('the page world', () => {
  it('is asked once, however many layers read its answer', async () => {
    const pageData = vi.fn(async () => ({ kind: 'neither' }));
    const seen: unknown[] = [];
    const reading = (name: LayerName): Layer => ({
      name,
      read: async ({ pageData: ask }) => {
        seen.push(await ask(), await ask());
        return null;
      },
    });
    const found = await identifyWithSources(
      site(
        fromPageData((data) => {
          seen.push(data);
          return null;
        }),
        reading('json-ld'),
        reading('dom'),
        fromPageData((data) => {
          seen.push(data);
          return severance;
        }),
      ),
      input(pageData),
    );
    expect(found.by).toBe('page');
    expect(pageData).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(Array(6).fill({ kind: 'neither' }));
  });

  it('is asked once again for the next identification', async () => {
    const pageData = vi.fn(async () => null);
    const connector = site(
      fromPageData(() => null),
      fromPageData(() => null),
    );
    await identifyWithSources(connector, input(pageData));
    await identifyWithSources(connector, input(pageData));
    expect(pageData).toHaveBeenCalledTimes(2);
  });

  it('is not asked when no layer reads it', async () => {
    const pageData = vi.fn(async () => null);
    await identifyWithSources(site(layer('dom', null), layer('title', severance)), input(pageData));
    expect(pageData).not.toHaveBeenCalled();
  });

  it('failing, answers null to every layer, still asked once, and the next layers name what plays', async () => {
    const pageData = vi.fn(() => Promise.reject(new Error('blocked')));
    const parse = vi.fn<(data: unknown) => Reading>(() => null);
    const found = await identifyWithSources(
      site(fromPageData(parse), fromPageData(parse), layer('dom', severance)),
      input(pageData),
    );
    expect(parse.mock.calls.map(([data]) => data)).toEqual([null, null]);
    expect(pageData).toHaveBeenCalledTimes(1);
    expect(found).toEqual({
      media: severance,
      by: 'dom',
      tried: [
        { layer: 'page', result: 'nothing' },
        { layer: 'page', result: 'nothing' },
        { layer: 'dom', result: 'named' },
      ],
    });
  });
});

describe('what a layer names', () => {
  it('is normalised: invisible characters and runs of spaces gone, numbers only when whole and in range', async () => {
    const named = {
      title: '  Evil\u202E  Show\u0007 ',
      year: 1500,
      mediaType: 'SERIES',
      season: 2.5,
      episode: 4,
    } as unknown as Media;
    expect(await identifyWithSources(site(layer('dom', named)), input())).toEqual({
      media: { title: 'Evil Show', episode: 4 },
      by: 'dom',
      tried: [{ layer: 'dom', result: 'named' }],
    });
  });

  it.each([
    ['an empty title', { title: '' }],
    ['a title of spaces and format characters', { title: ' \u200B\u202E ' }],
    ['no title', { mediaType: 'MOVIE', year: 2023 }],
  ])('with %s, names nothing, and the next layer is asked', async (_, named) => {
    expect(await identifyWithSources(site(layer('page', named as Media), layer('title', severance)), input())).toEqual({
      media: severance,
      by: 'title',
      tried: [
        { layer: 'page', result: 'nothing' },
        { layer: 'title', result: 'named' },
      ],
    });
  });
});

describe('identify', () => {
  it('is what identifyWithSources names', async () => {
    expect(await identify(site(layer('page', null), layer('dom', { title: ' Severance ' })), input())).toEqual({
      title: 'Severance',
    });
    expect(await identify(site(layer('page', 'other'), layer('dom', severance)), input())).toBeNull();
    expect(await identify(site(layer('page', failing)), input())).toBeNull();
  });
});
