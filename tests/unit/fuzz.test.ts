import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Media } from '@/utils/media';
import { LAYER_NAMES, LAYER_RESULTS } from '@/utils/model/playback';
import { PLAYBACK_REPORT, type PlaybackReport } from '@/utils/protocol/content';
import { playbackReportSchema } from '@/utils/protocol/schemas';
import { scrobbleRequestSchema } from '@/utils/reelrifter/schemas';
import { MIN_DURATION_SECONDS } from '@/utils/scrobble/decisions';
import { queuedEntries } from '@/utils/scrobble/queue';
import { handleReport } from '@/utils/scrobble/reports';
import { requestFor } from '@/utils/scrobble/sender';
import { readTabPlayback } from '@/utils/scrobble/tabs';
import { FORWARD_SLACK_SECONDS, MAX_PLAYBACK_RATE } from '@/utils/scrobble/viewing';
import { cleanTitle, parseSeasonEpisode, splitSeason } from '@/utils/sites/episode-text';
import { identifyWithSources } from '@/utils/sites/identify';
import { connectors } from '@/utils/sites/registry';
import { DEFAULT_SCROBBLE_SETTINGS } from '@/utils/store/items';
import { freshStart, settings as scrobbleSettings } from './scrobble/support';
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
  /** A report as the content script builds it: every field within the schema (protocol/schemas.ts). */
  const count = (max: number) => fc.oneof(fc.integer({ min: 0, max }), fc.double({ min: 0, max, noNaN: true }));
  const padding = fc.constantFrom('', ' ', '\t\n', '\u00a0');
  const title = fc
    .tuple(
      padding,
      fc.oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
        fc.constantFrom(
          'Severance',
          '<script>alert(1)</script>',
          '\u202Eevil\u202C',
          '💥'.repeat(200),
          'x'.repeat(500),
          'half \ud83d a pair',
        ),
      ),
      padding,
    )
    .map(([before, text, after]) => `${before}${text}${after}`)
    .filter((text) => text.trim().length >= 1 && text.trim().length <= 500);
  const media = fc.record(
    {
      title,
      year: fc.integer({ min: 1870, max: 2200 }),
      mediaType: fc.constantFrom('TV' as const, 'MOVIE' as const),
      season: fc.integer({ min: 0, max: 10_000 }),
      episode: fc.integer({ min: 0, max: 100_000 }),
    },
    { requiredKeys: ['title'] },
  );
  const sources = fc.record(
    {
      by: fc.constantFrom(...LAYER_NAMES),
      tried: fc.array(fc.record({ layer: fc.constantFrom(...LAYER_NAMES), result: fc.constantFrom(...LAYER_RESULTS) }), {
        maxLength: LAYER_NAMES.length,
      }),
    },
    { requiredKeys: ['tried'] },
  );
  const validReport: fc.Arbitrary<PlaybackReport> = fc.record(
    {
      type: fc.constant(PLAYBACK_REPORT),
      site: fc.constantFrom(...connectors.map((c) => c.id)),
      contentId: fc.string({ minLength: 1, maxLength: 200 }),
      segmentId: fc.string({ minLength: 8, maxLength: 64 }),
      media: fc.oneof({ arbitrary: media, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 }),
      sources,
      reason: fc.constantFrom('start' as const, 'pause' as const, 'sample' as const, 'ended' as const, 'stop' as const),
      // Mostly film and episode lengths, sometimes anything up to the schema's bound.
      duration: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12_000 }), weight: 4 }, { arbitrary: count(1e7), weight: 1 }),
      position: fc.oneof({ arbitrary: count(12_000), weight: 4 }, { arbitrary: count(1e7), weight: 1 }),
      startPosition: fc.oneof({ arbitrary: count(3_000), weight: 4 }, { arbitrary: count(1e7), weight: 1 }),
      forwardSeconds: fc.oneof({ arbitrary: count(12_000), weight: 4 }, { arbitrary: count(1e7), weight: 1 }),
      state: fc.constantFrom('playing' as const, 'paused' as const, 'ended' as const),
    },
    {
      requiredKeys: [
        'type',
        'site',
        'segmentId',
        'media',
        'reason',
        'position',
        'duration',
        'startPosition',
        'forwardSeconds',
        'state',
      ],
    },
  );

  /** One field made invalid: each value here is outside the schema, so the whole message must be refused. */
  const badCount = fc.constantFrom(-1, -Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, 1e7 + 1, '10', null, undefined);
  const badMedia = fc.oneof(
    fc.constantFrom(undefined, 'Severance', 42, []),
    fc
      .tuple(
        media,
        fc.oneof(
          fc.record({
            field: fc.constant('title'),
            value: fc.constantFrom('', '   ', '\u00a0\t', 'x'.repeat(501), 42, undefined),
          }),
          fc.record({ field: fc.constant('year'), value: fc.constantFrom(1869, 2201, 1999.5, '1999', null) }),
          fc.record({ field: fc.constant('mediaType'), value: fc.constantFrom('SHOW', 'tv', '', null) }),
          fc.record({ field: fc.constant('season'), value: fc.constantFrom(-1, 10_001, 1.5, Number.NaN, '2') }),
          fc.record({ field: fc.constant('episode'), value: fc.constantFrom(-1, 100_001, 4.5, Number.POSITIVE_INFINITY, '4') }),
        ),
      )
      .map(([valid, { field, value }]) => ({ ...valid, [field]: value })),
  );
  const invalidField = fc.oneof(
    fc.record({ field: fc.constant('type'), value: fc.constantFrom('playback/Report', 'frame/question', '', undefined) }),
    fc.record({ field: fc.constant('site'), value: fc.constantFrom('', 'x'.repeat(41), 7, null, undefined) }),
    fc.record({ field: fc.constant('contentId'), value: fc.constantFrom('', 'x'.repeat(201), 81434459, null) }),
    fc.record({ field: fc.constant('segmentId'), value: fc.constantFrom('', 'seven77', 'x'.repeat(65), 12345678, undefined) }),
    fc.record({ field: fc.constant('media'), value: badMedia }),
    fc.record({ field: fc.constant('sources'), value: fc.constantFrom(null, { tried: 'x' }, { by: 'nope', tried: [] }) }),
    fc.record({ field: fc.constant('reason'), value: fc.constantFrom('nope', 'START', '', undefined) }),
    fc.record({ field: fc.constantFrom('position', 'duration', 'startPosition', 'forwardSeconds'), value: badCount }),
    fc.record({ field: fc.constant('state'), value: fc.constantFrom('gone', 'stopped', '', undefined) }),
  );

  /** The page's tracker says `start` first; its report comes this long after, so this much play is believable. */
  const REPORT_AFTER_MS = 600_000;
  const believable = (REPORT_AFTER_MS / 1000) * MAX_PLAYBACK_RATE + FORWARD_SLACK_SECONDS;

  /** What the background should queue for a fresh viewing from one report, per the rules in decisions.ts. */
  function expectedActions(report: PlaybackReport): string[] {
    const { watchedThreshold, minWatchingSeconds } = DEFAULT_SCROBBLE_SETTINGS;
    if (!report.media || report.duration < MIN_DURATION_SECONDS) return [];
    const forward = Math.min(report.forwardSeconds, believable);
    if (forward < minWatchingSeconds) return [];
    const reached = report.state === 'ended' || report.position >= watchedThreshold * report.duration;
    const covered = forward >= watchedThreshold * Math.max(0, report.duration - report.startPosition);
    return reached && covered ? ['watched', 'watching'] : ['watching'];
  }

  it(`parses ${RUNS} generated reports (one field in three made invalid), and queues only valid scrobbles for what it lets through`, async () => {
    const seen = { parsed: 0, refused: 0, unnamed: 0, nothing: 0, watching: 0, watched: 0, capped: 0 };
    const tabId = 1;
    await fc.assert(
      fc.asyncProperty(
        validReport,
        fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: invalidField, weight: 1 }),
        async (report, broken) => {
          if (broken) {
            // Nothing reaches the background from a message with one field outside the schema.
            const parsed = playbackReportSchema.safeParse({ ...report, [broken.field]: broken.value });
            expect(parsed.success, `${broken.field}: ${JSON.stringify(broken.value)?.slice(0, 100)}`).toBe(false);
            seen.refused += 1;
            return;
          }
          // A report within the schema is let through (parse throws, failing the run, if it is not).
          const taken = playbackReportSchema.parse(report);
          seen.parsed += 1;

          // Folded as the background folds a report (background/content.ts), into empty stores.
          await freshStart();
          const start = Date.now() - 24 * 60 * 60 * 1000;
          const opening = {
            ...taken,
            reason: 'start' as const,
            position: taken.startPosition,
            forwardSeconds: 0,
            state: 'playing' as const,
          };
          await handleReport(opening, tabId, scrobbleSettings, start);
          const { queued } = await handleReport(taken, tabId, scrobbleSettings, start + REPORT_AFTER_MS);

          const expected = expectedActions(taken);
          expect(queued.map((e) => e.action).sort(), JSON.stringify(taken).slice(0, 400)).toEqual(expected);
          expect((await queuedEntries()).map((e) => e.key).sort()).toEqual(queued.map((e) => e.key).sort());
          for (const entry of queued) {
            // What goes to the API: the schema's own check of it, and the title as the page named it, trimmed.
            const request = requestFor(entry);
            expect(scrobbleRequestSchema.safeParse(request).error).toBeUndefined();
            expect(request.title).toBe(request.title.trim());
            expect(request.title).toBe(report.media?.title.replace(/\p{Cs}/gu, '').trim());
            expect(request.title.isWellFormed()).toBe(true);
            expect(entry.media).toEqual(taken.media);
            expect(entry).toMatchObject({ site: taken.site, state: 'queued', attempts: 0 });
          }
          const tab = await readTabPlayback(tabId);
          if (taken.media === null) {
            // Nothing to send until the person names it: the popup holds the report for that.
            // The report itself, without its message tag.
            const { type: _tag, ...held } = taken;
            expect(tab).toMatchObject({ media: null, pending: held, scrobbled: 'none' });
            expect(tab?.pending).not.toHaveProperty('type');
            seen.unnamed += 1;
          } else {
            expect(tab).toMatchObject({ media: taken.media, scrobbled: expected[0] ?? 'none' });
            seen[(expected[0] as 'watched' | 'watching' | undefined) ?? 'nothing'] += 1;
          }
          if (expected.length > 0 && taken.forwardSeconds > believable) seen.capped += 1;
        },
      ),
      params,
    );
    // The generator stays honest: most messages parse, and every outcome above is reached many times.
    expect(seen.parsed, JSON.stringify(seen)).toBeGreaterThan(RUNS / 2);
    expect(seen.refused, JSON.stringify(seen)).toBeGreaterThan(RUNS / 5);
    for (const outcome of ['unnamed', 'nothing', 'watching', 'watched', 'capped'] as const)
      expect(seen[outcome], `${outcome}: ${JSON.stringify(seen)}`).toBeGreaterThan(RUNS / 50);
  }, 120_000);

  it(`refuses ${RUNS} generated junk messages without throwing`, () => {
    const loose = fc.record(
      {
        type: fc.oneof(fc.constant(PLAYBACK_REPORT), fc.string()),
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
      fc.property(fc.oneof(loose, fc.anything()), (message) => {
        // With this seed none of these is a whole, valid report (the property above covers those).
        expect(playbackReportSchema.safeParse(message).success).toBe(false);
      }),
      params,
    );
  });
});
