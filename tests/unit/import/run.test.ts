import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readItems, readJob } from '@/utils/import/job';
import { writeSourceKey } from '@/utils/import/keys';
import { continueReading } from '@/utils/import/reading';
import {
  cancelImport,
  forgetImportData,
  forgetKey,
  importLaneOpen,
  recordImported,
  reportPage,
  resumeImport,
  retryRead,
  setPaused,
  startImport,
  startPreview,
} from '@/utils/import/run';
import type { ScrobbleEntry } from '@/utils/model/records';
import { serverPattern } from '@/utils/origins';
import { queuedEntries, queueImport } from '@/utils/scrobble/queue';
import { flushOutbox, setImportLane } from '@/utils/scrobble/sender';
import { db, writeCredential } from '@/utils/store/db';
import { apiUrlOverrideItem, connectionItem, readConnection } from '@/utils/store/items';
import { TMDB_DEMO } from '../../../server/sources/demo';
import { startTmdbStandIn, type TmdbStandIn } from '../../../server/sources/tmdb';
import { type StandIn, startStandIn } from '../../../server/standin';

let reelrifter: StandIn;
let tmdb: TmdbStandIn;

beforeAll(async () => {
  [reelrifter, tmdb] = await Promise.all([startStandIn({}), startTmdbStandIn()]);
});
afterAll(async () => {
  await Promise.all([reelrifter.close(), tmdb.close()]);
});

beforeEach(async () => {
  fakeBrowser.reset();
  const database = await db();
  const stores = ['scrobbles', 'viewings', 'meta', 'secrets', 'settings', 'imports', 'importPages', 'importedKeys'] as const;
  await Promise.all(stores.map((s) => database.clear(s)));
  reelrifter.reset({ data: true });
  tmdb.reset();
  // Connected to the ReelRifter stand-in, with a key for the TMDB-style stand-in.
  await apiUrlOverrideItem.write(reelrifter.baseUrl);
  await writeCredential({ token: reelrifter.mintToken(), apiUrl: reelrifter.baseUrl });
  await connectionItem.write({ state: 'connected', account: { username: 'demo' } });
  await writeSourceKey({ source: 'tmdb', token: TMDB_DEMO.accessToken, apiUrl: tmdb.origin });
  setImportLane(importLaneOpen);
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ version: '0.1.0' } as never);
});

async function previewed() {
  await startPreview('tmdb', false, () => undefined);
  await vi.waitFor(async () => expect((await readJob())?.phase).toBe('previewed'), { timeout: 10_000 });
}

describe('reading', () => {
  it('reads every page, then ReelRifter’s watchlist and history, and previews', async () => {
    await previewed();
    const report = await reportPage('all', 'title', 1);
    expect(report?.summary.read).toBeGreaterThan(0);
    expect(reelrifter.requests().map((r) => r.path)).toEqual(expect.arrayContaining(['/watchlist', '/history']));
  });

  it('a service that keeps failing stops the read; Try again goes on from the page it stopped at', async () => {
    // Favourites keep failing: more times than the read asks again.
    tmdb.setFault({ kind: 'error500', times: 20, paths: [`/api/account/${TMDB_DEMO.accountId}/favorites`] });
    await startPreview('tmdb', false, () => undefined);
    await vi.waitFor(async () => expect((await readJob())?.phase).toBe('read-failed'), { timeout: 20_000 });
    const failed = await readJob();
    expect(failed?.failure).toMatchObject({ kind: 'server', service: 'source' });
    const readBefore = tmdb.requests().filter((r) => r.path.includes('/rated/')).length;
    tmdb.setFault(null);
    await continueReading('0.1.0');
    expect((await readJob())?.phase).toBe('previewed');
    // The rated pages were kept: none was asked for again.
    expect(tmdb.requests().filter((r) => r.path.includes('/rated/')).length).toBe(readBefore);
    expect((await readJob())?.pagesRead).toBeGreaterThan(failed?.pagesRead ?? 0);
  }, 30_000);
});

describe('a read that is bounded and can be stopped', () => {
  it('an account promising a million pages of 2,000-character titles is stopped at once, what was kept cleaned', async () => {
    tmdb.setHostile('endless');
    await startPreview('tmdb', false, () => undefined);
    await vi.waitFor(async () => expect((await readJob())?.phase).toBe('read-failed'), { timeout: 10_000 });
    const job = await readJob();
    expect(job?.failure).toEqual({ kind: 'too-large', why: 'pages', service: 'source' });
    // The account, then the one page that made the promise: no second list page.
    expect(tmdb.requests().filter((r) => r.list)).toHaveLength(1);
    const items = await readItems(job ?? { id: '' });
    expect(items).toHaveLength(20);
    for (const item of items) {
      expect(item.title.length).toBeLessThanOrEqual(500);
      expect(item.title).toMatch(/^Endless \d+ Title/);
      expect(/[\p{Cc}\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/u.test(item.title)).toBe(false);
    }
    // Try again does not read past the limit either.
    await retryRead(() => undefined);
    await vi.waitFor(async () => expect((await readJob())?.phase).toBe('read-failed'));
    expect(tmdb.requests().filter((r) => r.list)).toHaveLength(1);
  });

  it('a service that answers the first page again is stopped, said so', async () => {
    tmdb.setHostile('repeating');
    await startPreview('tmdb', false, () => undefined);
    await vi.waitFor(async () => expect((await readJob())?.phase).toBe('read-failed'), { timeout: 10_000 });
    expect((await readJob())?.failure).toEqual({ kind: 'unreadable', why: 'repeated', service: 'source' });
    expect(tmdb.requests().filter((r) => r.list).length).toBeLessThanOrEqual(2);
  });

  it('Cancel stops the read under way at once, for good: no next page, and no resume when a new worker starts', async () => {
    tmdb.setFault({ kind: 'slow', delayMs: 2_000 });
    await startPreview('tmdb', false, () => undefined);
    await vi.waitFor(() => expect(tmdb.requests().length).toBeGreaterThanOrEqual(1), { timeout: 5_000 });
    const asked = tmdb.requests().length;
    const stopped = Date.now();
    expect(await cancelImport()).toMatchObject({ ok: true });
    expect((await readJob())?.phase).toBe('cancelled');
    await resumeImport(() => undefined);
    await new Promise((done) => setTimeout(done, 4_500));
    expect((await readJob())?.phase).toBe('cancelled');
    // The request under way was aborted: at most it is logged as it ends, and nothing came after.
    expect(tmdb.requests().length).toBeLessThanOrEqual(asked + 1);
    expect(tmdb.requests().every((r) => Date.parse(r.at) < stopped + 2_500)).toBe(true);
  }, 15_000);

  it('Forget during a read stops it, forgets the key and gives back the address, and a new Preview needs a key again', async () => {
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
    tmdb.setFault({ kind: 'slow', delayMs: 2_000 });
    await startPreview('tmdb', false, () => undefined);
    await vi.waitFor(() => expect(tmdb.requests().length).toBeGreaterThanOrEqual(1), { timeout: 5_000 });
    expect(await forgetKey('tmdb')).toEqual({ ok: true });
    expect((await readJob())?.phase).toBe('cancelled');
    expect(remove).toHaveBeenCalledWith({ origins: [serverPattern(tmdb.origin)] });
    expect(await startPreview('tmdb', false, () => undefined)).toEqual({ ok: false, error: { kind: 'not-connected' } });
  }, 15_000);

  it('a ReelRifter token refused during the preview asks the person to reconnect', async () => {
    await writeCredential({ token: `rr_pat_${'x'.repeat(40)}`, apiUrl: reelrifter.baseUrl });
    await startPreview('tmdb', false, () => undefined);
    await vi.waitFor(async () => expect((await readJob())?.phase).toBe('read-failed'), { timeout: 10_000 });
    expect((await readJob())?.failure).toMatchObject({ kind: 'unauthorized', service: 'reelrifter' });
    expect((await readConnection()).state).toBe('reconnect');
  });

  it('Clear log forgets what imports read and sent titles, but not while an import is sending', async () => {
    await previewed();
    await (await db()).put('importedKeys', { at: 1, source: 'tmdb' }, 'MOVIE:tmdb:1');
    await startImport();
    await forgetImportData();
    expect(await readJob()).toBeDefined();
    await cancelImport();
    await forgetImportData();
    expect(await readJob()).toBeUndefined();
    const database = await db();
    expect(await database.count('importPages')).toBe(0);
    expect(await database.count('importedKeys')).toBe(0);
  });
});

describe('the import lane', () => {
  it('sends what is missing once, oldest watched first; a second run sends nothing new', async () => {
    await previewed();
    const { summary } = (await reportPage('all', 'title', 1)) ?? { summary: undefined };
    const started = await startImport();
    expect(started).toMatchObject({ ok: true, queued: summary?.toImport });
    await flushOutbox();
    for (const entry of (await (await db()).getAll('scrobbles')) as ScrobbleEntry[]) await recordImported(entry);
    expect((await readJob())?.phase).toBe('done');
    const sent = reelrifter.received().length;
    expect(sent).toBe(summary?.toImport);
    expect(
      reelrifter.received().every((r) => (r.body as { source?: string }).source === 'ReelRifter Scrobbler import (tmdb)'),
    ).toBe(true);

    await previewed();
    const again = await reportPage('to-import', 'title', 1);
    expect(again?.summary.toImport).toBe(0);
    expect(await startImport()).toMatchObject({ ok: true, queued: 0 });
    expect(reelrifter.received()).toHaveLength(sent);
  }, 30_000);

  it('live scrobbles go first; the import takes at most 50 requests a minute, and the total never passes 60', async () => {
    const now = Date.now();
    const entry = (key: string, importId?: string, i = 0): ScrobbleEntry => ({
      key,
      viewingKey: key,
      site: importId ? 'tmdb' : 'netflix',
      action: 'watched',
      media: { title: 'Interstellar', year: 2014 },
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now + i,
      updatedAt: now,
      ...(importId ? { importId, itemKeys: [key] } : {}),
    });
    await previewed();
    await startImport();
    const { id } = (await readJob()) ?? { id: '' };
    await queueImport(Array.from({ length: 70 }, (_, i) => entry(`import-${i}`, id, i)));
    // A live scrobble queued after the import's 70 still goes before them.
    await (await db()).put('scrobbles', entry('live-1', undefined, 10_000));
    await flushOutbox();
    const bodies = reelrifter.received();
    expect(bodies[0]?.idempotencyKey).toBe('live-1');
    // Every request of the minute counts (the preview's reads too): the import stops at 50 of them.
    expect(reelrifter.requests()).toHaveLength(50);
    expect(bodies.slice(1).every((b) => b.idempotencyKey?.startsWith('import'))).toBe(true);
    // A live one decided now still has room in the same minute.
    await (await db()).put('scrobbles', entry('live-2', undefined, 20_000));
    await flushOutbox();
    expect(reelrifter.received().at(-1)?.idempotencyKey).toBe('live-2');
    expect(reelrifter.requests()).toHaveLength(51);
  }, 30_000);

  it('pause holds the import lane; cancel removes its unsent scrobbles, never a live one', async () => {
    await previewed();
    await startImport();
    await setPaused(true);
    expect(await importLaneOpen()).toBe(false);
    const live: ScrobbleEntry = {
      key: 'live-kept',
      viewingKey: 'live-kept',
      site: 'netflix',
      action: 'watching',
      media: { title: 'Severance', season: 2, episode: 5 },
      state: 'queued',
      attempts: 0,
      nextAttemptAt: Date.now() + 60_000,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    };
    await (await db()).put('scrobbles', live);
    await flushOutbox();
    expect(reelrifter.received()).toEqual([]);
    const cancelled = await cancelImport();
    expect(cancelled).toMatchObject({ ok: true });
    expect((await queuedEntries()).map((e) => e.key)).toEqual(['live-kept']);
  }, 30_000);
});
