import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { continueReading, readJob } from '@/utils/import/job';
import { writeSourceKey } from '@/utils/import/keys';
import {
  cancelImport,
  importLaneOpen,
  recordImported,
  reportPage,
  setPaused,
  startImport,
  startPreview,
} from '@/utils/import/run';
import type { ScrobbleEntry } from '@/utils/model/records';
import { queuedEntries, queueImport } from '@/utils/scrobble/queue';
import { flushOutbox, setImportLane } from '@/utils/scrobble/sender';
import { db, writeCredential } from '@/utils/store/db';
import { apiUrlOverrideItem, connectionItem } from '@/utils/store/items';
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
