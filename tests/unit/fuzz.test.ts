import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Media } from '@/utils/media';
import { playbackReportSchema } from '@/utils/protocol/schemas';
import { scrobbleRequestSchema } from '@/utils/reelrifter/schemas';
import { cleanTitle, parseSeasonEpisode, splitSeason } from '@/utils/sites/episode-text';
import { identifyWithSources } from '@/utils/sites/identify';
import { connectors } from '@/utils/sites/registry';
import { sampleUrls } from './sites/support';

/**
 * Generated input for every parser that reads what a page or a message says: they never throw, and
 * whatever they name is a scrobble the API accepts. A fixed seed keeps failures reproducible.
 */
const RUNS = 1_000;
const params = { numRuns: RUNS, seed: 20261123 };
const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** Hostile text: any unicode, markup, right-to-left marks, control characters, very long runs. */
const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '\u202Eevil\u202C',
    'S1:E3',
    'Season 99999999, Ep. -4',
    'Staffel 1, Folge 4',
    '\u0000\u0007\u001b[31m',
    '',
    '   ',
    '💥'.repeat(200),
    // An emoji across the 500-character cap: a cut must not leave half of it behind.
    `A${'💥'.repeat(400)}`,
    'half \ud83d a pair',
  ),
  fc.string({ minLength: 600, maxLength: 3_000 }),
);

function expectValid(media: Media | null): void {
  if (media === null) return;
  const parsed = scrobbleRequestSchema.safeParse(media);
  expect(parsed.success, JSON.stringify(media).slice(0, 300)).toBe(true);
  // Sent as it is: already trimmed, never blank, whole code points only.
  expect(media.title).toBe(media.title.trim());
  expect(media.title.isWellFormed(), JSON.stringify(media.title.slice(-20))).toBe(true);
}

/** Every text node, the title and each JSON-LD block of a fixture page replaced by generated content. */
function mutate(document: Document, texts: string[], json: unknown): void {
  const walker = document.createTreeWalker(document.body ?? document.documentElement, 4);
  let i = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) node.textContent = texts[i++ % texts.length] ?? '';
  document.title = texts[0] ?? '';
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) script.textContent = JSON.stringify(json);
  for (const meta of document.querySelectorAll('meta[content]')) meta.setAttribute('content', texts[i++ % texts.length] ?? '');
}

describe.each(connectors.map((c) => [c.id, c] as const))('fuzzing %s', (id, connector) => {
  const pages = readdirSync(resolve(FIXTURES, id)).filter((f) => f.endsWith('.html'));
  const url = new URL(sampleUrls(id).watch[0] ?? 'https://example.com/');
  const contentId = connector.watchPage(url) ?? '';

  it(`its layers never throw on ${RUNS} generated pages and page data, and name only valid scrobbles`, async () => {
    const window = new Window({ url: url.href });
    onTestFinished(() => window.happyDOM.close());
    const document = window.document as unknown as Document;
    const sources = pages.map((page) => readFileSync(resolve(FIXTURES, id, page), 'utf8'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(Math.max(0, sources.length - 1)),
        fc.array(hostileText, { minLength: 1, maxLength: 8 }),
        fc.jsonValue({ maxDepth: 4 }),
        fc.jsonValue({ maxDepth: 4 }),
        async (which, texts, jsonLd, pageData) => {
          document.documentElement.innerHTML = sources[which] ?? '';
          mutate(document, texts, jsonLd);
          const video = document.querySelector('video') ?? undefined;
          // Each layer on its own, through identify (which cleans what a layer names): it never
          // throws on its own either, and says which layer named what.
          for (const layer of connector.layers) {
            const { media, by, tried } = await identifyWithSources(
              { ...connector, layers: [layer] },
              { document, url, contentId, video, pageData: async () => pageData },
            );
            expectValid(media);
            expect(tried).toEqual([{ layer: layer.name, result: expect.stringMatching(/^(?:named|nothing|other)$/) }]);
            expect(by).toBe(media ? layer.name : undefined);
          }
        },
      ),
      params,
    );
  }, 120_000);

  it(`recognises watch pages without throwing on ${RUNS} generated URLs`, () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (text) => {
        const id = connector.watchPage(new URL(text));
        expect(id === null || (typeof id === 'string' && id.length <= 200)).toBe(true);
      }),
      params,
    );
  });
});

describe('episode text', () => {
  it(`parses ${RUNS} generated lines without throwing, and only into whole numbers in range`, () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const numbers = parseSeasonEpisode(text);
        if (numbers) {
          expect(Number.isInteger(numbers.episode) && numbers.episode >= 0 && numbers.episode <= 100_000).toBe(true);
          if (numbers.season !== undefined) expect(Number.isInteger(numbers.season) && numbers.season <= 10_000).toBe(true);
        }
        if (numbers) expect(text.startsWith(numbers.before)).toBe(true);
        const cleaned = cleanTitle(text);
        expect(cleaned).toBe(cleaned.trim());
        const season = splitSeason(text);
        if (season) {
          expect(season.title).toBe(season.title.trim());
          expect(season.title.length).toBeGreaterThan(0);
          expect(Number.isInteger(season.season) && season.season >= 0 && season.season < 1_000).toBe(true);
        }
      }),
      params,
    );
  });
});

describe('messages from content scripts', () => {
  it(`the report parser never throws on ${RUNS} generated messages, and what it lets through is a valid scrobble`, () => {
    const report = fc.record(
      {
        type: fc.oneof(fc.constant('playback/report'), fc.string()),
        site: fc.oneof(fc.constantFrom(...connectors.map((c) => c.id)), fc.string()),
        contentId: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
        segmentId: fc.oneof(fc.uuid(), fc.string()),
        media: fc.oneof(
          fc.constant(null),
          fc.record(
            { title: hostileText, year: fc.anything(), mediaType: fc.anything(), season: fc.anything(), episode: fc.anything() },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
        reason: fc.constantFrom('start', 'pause', 'sample', 'ended', 'stop', 'nope'),
        position: fc.oneof(fc.double(), fc.integer()),
        duration: fc.oneof(fc.double(), fc.integer()),
        startPosition: fc.double(),
        forwardSeconds: fc.double(),
        state: fc.constantFrom('playing', 'paused', 'ended', 'gone'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(report, fc.anything()), (message) => {
        const parsed = playbackReportSchema.safeParse(message);
        if (parsed.success && parsed.data.media) expectValid(parsed.data.media);
      }),
      params,
    );
  });
});
