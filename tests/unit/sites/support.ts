import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { readLayer as readShape } from '@/utils/sites/readers';
import type { Connector, LayerInput, LayerName, Reading } from '@/utils/sites/types';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');

/** A connector's sample URLs (tests/fixtures/<id>/urls.json): watch pages, and pages that are not. */
export function sampleUrls(id: string): { watch: string[]; notWatch: string[] } {
  return JSON.parse(readFileSync(resolve(FIXTURES, id, 'urls.json'), 'utf8'));
}

/**
 * One of a connector's layers, read on its own: what the layer named `name` finds on `document`.
 * `input` fills in the rest (the URL defaults to the document's, the content id to '', no page data).
 */
export async function readLayer(
  connector: Connector,
  name: LayerName,
  document: Document,
  input: Partial<Omit<LayerInput, 'document'>> = {},
): Promise<Reading> {
  const layer = connector.layers.find((candidate) => candidate.name === name);
  if (!layer) throw new Error(`${connector.id} has no '${name}' layer`);
  return readShape(layer, {
    document,
    url: input.url ?? new URL(document.location?.href ?? 'https://example.com/'),
    contentId: input.contentId ?? '',
    video: input.video,
    pageData: input.pageData ?? (async () => null),
  });
}

/** The 'page' layer's reading of `data`, as the page-world half would hand it over. */
export function readPageData(
  connector: Connector,
  data: unknown,
  document: Document,
  input: Partial<Omit<LayerInput, 'document' | 'pageData'>> = {},
) {
  return readLayer(connector, 'page', document, { ...input, pageData: async () => data });
}

/** A site's fixtures (tests/fixtures/<id>/): a page as a document at `url`, a JSON answer. */
export function fixtures(id: string, url: string) {
  const dir = resolve(FIXTURES, id);
  return {
    json: (name: string): unknown => JSON.parse(readFileSync(resolve(dir, name), 'utf8')),
    page: (name: string, at = url): Document => {
      const window = new Window({ url: at });
      window.document.write(readFileSync(resolve(dir, name), 'utf8'));
      return window.document as unknown as Document;
    },
  };
}

/** The connector takes each of its sample watch pages (urls.json) for one, and none of the others. */
export function describeWatchPages(connector: Connector): void {
  const { watch, notWatch } = sampleUrls(connector.id);
  describe(`${connector.id} watch pages`, () => {
    it.each(watch)('%s is a watch page', (url) => expect(connector.watchPage(new URL(url))).not.toBeNull());
    it.each(notWatch)('%s is not', (url) => expect(connector.watchPage(new URL(url))).toBeNull());
  });
}
