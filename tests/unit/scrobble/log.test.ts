import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScrobbleEntry } from '@/utils/model/records';
import {
  allEntries,
  clearResults,
  pruneResults,
  RESULTS_LIMIT,
  recentEntries,
  recentViewings,
  resendEntry,
  resultsSummary,
} from '@/utils/scrobble/log';
import { queuedEntries, updateEntry } from '@/utils/scrobble/queue';
import { flushOutbox } from '@/utils/scrobble/sender';
import { readViewing } from '@/utils/scrobble/viewing';
import { db } from '@/utils/store/db';
import { SEVERANCE_S2E4 } from '../../support/reports';

import { answer, connectedWithOneQueued, entry, freshStart, viewing } from './support';

const EPISODE = SEVERANCE_S2E4;

beforeEach(freshStart);

/** The results log: fixes, retries, the summary, its bounds, clearing it (scrobble/log.ts). */

describe('fixes and retries', () => {
  it('a fix replaces a not-matched entry with one queued under a new key, renames the viewing and settles its other not-matched scrobble', async () => {
    await connectedWithOneQueued();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(200, { matched: false }));
    await flushOutbox();
    const [unmatched] = await recentEntries(1);
    if (!unmatched) throw new Error('no entry');
    const fixed = { title: 'Severance', year: 2022, mediaType: 'TV' as const, season: 2, episode: 5 };
    const next = await resendEntry(unmatched.key, fixed, 5_000);
    expect(next).toMatchObject({ state: 'queued', media: fixed, attempts: 0, createdAt: unmatched.createdAt });
    expect(next?.key).not.toBe(unmatched.key);
    // The fix names the viewing: its watching, not matched either, is settled with it and not resent.
    const all = await allEntries();
    expect(all).toHaveLength(2);
    expect(all.map((e) => e.key)).not.toContain(unmatched.key);
    expect(all.find((e) => e.action === 'watching')).toMatchObject({ state: 'unmatched', resolvedBy: next?.key });
    expect(await recentEntries(10)).toEqual([next]);
    expect(await recentViewings(10)).toEqual([next]);
    expect(await queuedEntries()).toEqual([next]);
    expect(await resultsSummary()).toMatchObject({ sent: 0, unmatched: 0, queued: 1 });
    expect((await readViewing(unmatched.viewingKey))?.media).toEqual(fixed);
    // A second fix of the same old entry finds nothing: never a duplicate.
    expect(await resendEntry(unmatched.key, fixed, 6_000)).toBeUndefined();
    // A fix of the fix gets yet another key, not a longer one.
    await updateEntry(next?.key ?? '', { state: 'unmatched' }, 7_000);
    const again = await resendEntry(next?.key ?? '', undefined, 8_000);
    expect(again?.key).toBe(`${unmatched.key}#r8000`);
  });

  it('a matched or queued entry cannot be resent', async () => {
    const watched = await connectedWithOneQueued();
    expect(await resendEntry(watched.key, undefined, 1)).toBeUndefined();
    expect(await queuedEntries()).toHaveLength(2);
  });
});

describe('the log as viewings', () => {
  it('one row per viewing with its latest state; a matched watched settles the watching it overtook', async () => {
    await connectedWithOneQueued();
    // The watching is not matched, the watched is.
    const answers = [{ matched: false }, { matched: true, item: { title: 'Severance', season: 2, episode: 4 } }];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(200, answers.shift()));
    await flushOutbox();
    const rows = await recentViewings(20);
    expect(rows.map((row) => [row.action, row.state])).toEqual([['watched', 'matched']]);
    const watching = (await allEntries()).find((e) => e.action === 'watching');
    expect(watching).toMatchObject({ state: 'unmatched', resolvedBy: rows[0]?.key });
    expect(await resultsSummary()).toMatchObject({ sent: 1, matched: 1, unmatched: 0 });
    // Settled: it is not resent, whatever asks.
    expect(await resendEntry(watching?.key ?? '', { title: 'Severance' }, Date.now())).toBeUndefined();
  });

  it('a viewing not matched at all shows as one row, by its watched', async () => {
    await connectedWithOneQueued();
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer(200, { matched: false }));
    await flushOutbox();
    expect((await recentViewings(20)).map((row) => [row.action, row.state])).toEqual([['watched', 'unmatched']]);
    expect(await resultsSummary()).toMatchObject({ sent: 2, unmatched: 2 });
  });
});

describe('summary', () => {
  it('summarises the log: sent, matched, not matched, failed, queued', async () => {
    await connectedWithOneQueued();
    let calls = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      calls++ === 0 ? answer(200, { matched: true, item: EPISODE }) : answer(200, { matched: false }),
    );
    await flushOutbox();
    expect(await resultsSummary()).toEqual({ sent: 2, matched: 1, unmatched: 1, failed: 0, queued: 0 });
  });

  it('leaves out what a fix settled and what an import sent, each once', async () => {
    const database = await db();
    const put = (i: number, state: ScrobbleEntry['state'], extra: Partial<ScrobbleEntry> = {}) =>
      database.put('scrobbles', { ...entry(i, state), ...extra });
    await put(1, 'matched');
    await put(2, 'matched');
    await put(3, 'unmatched');
    await put(4, 'unmatched', { resolvedBy: 'v9:watched' });
    await put(5, 'failed');
    await put(6, 'failed', { resolvedBy: 'v9:watched' });
    await put(7, 'queued');
    // A matched entry's `resolvedBy` leaves nothing out: only what was not matched, or failed, is settled by a fix.
    await put(8, 'matched', { resolvedBy: 'v9:watched' });
    // An import's: matched, not matched (one of them fixed), failed, queued.
    await put(10, 'matched', { importId: 'i1' });
    await put(11, 'unmatched', { importId: 'i1' });
    await put(12, 'unmatched', { importId: 'i1', resolvedBy: 'v13:watched' });
    await put(13, 'failed', { importId: 'i1' });
    await put(14, 'queued', { importId: 'i1' });
    await put(15, 'failed', { importId: 'i1', resolvedBy: 'v16:watched' });
    expect(await resultsSummary()).toEqual({ sent: 4, matched: 3, unmatched: 1, failed: 1, queued: 1 });
  });
});

describe('bounds', () => {
  it('prunes the oldest answered entries, never queued or failed ones', async () => {
    const database = await db();
    await database.put('scrobbles', entry(0, 'queued'));
    await database.put('scrobbles', entry(1, 'failed'));
    for (let i = 2; i < 10; i++) await database.put('scrobbles', entry(i, i % 2 ? 'matched' : 'unmatched'));
    expect(await pruneResults(5)).toBe(3);
    const keys = (await database.getAll('scrobbles')).map((e) => e.createdAt).sort((a, b) => a - b);
    expect(keys).toEqual([0, 1, 5, 6, 7, 8, 9]);
  });

  it('keeps the newest failed entries up to their cap', async () => {
    const database = await db();
    for (let i = 0; i < 12; i++) await database.put('scrobbles', entry(i, 'failed'));
    expect(await pruneResults(RESULTS_LIMIT, 10)).toBe(2);
    expect((await database.getAll('scrobbles')).map((e) => e.createdAt).sort((a, b) => a - b)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it('clearing the log forgets past viewings, keeping what plays now and what is still queued', async () => {
    const database = await db();
    const now = Date.now();
    for (const key of ['past', 'playing', 'queued']) await database.put('viewings', viewing(key, now));
    await database.put('scrobbles', entry(1, 'queued', 'queued'));
    await database.put('scrobbles', entry(2, 'matched', 'past'));
    expect(await clearResults(new Set(['playing']))).toBe(1);
    expect((await database.getAllKeys('viewings')).sort()).toEqual(['playing', 'queued']);
  });
});
