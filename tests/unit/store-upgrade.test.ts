import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { ScrobbleEntry } from '@/utils/model/records';
import { entry as logEntry } from './scrobble/support';

/** A log kept by the version before the counting indexes (utils/store/db.ts version 7). */
async function keptByVersion6(entries: ScrobbleEntry[]): Promise<void> {
  const old = await openDB('reelrifter', 6, {
    upgrade(database) {
      const scrobbles = database.createObjectStore('scrobbles', { keyPath: 'key' });
      scrobbles.createIndex('byState', 'state');
      scrobbles.createIndex('byCreated', 'createdAt');
      scrobbles.createIndex('byViewing', 'viewingKey');
      scrobbles.createIndex('byImport', 'importId');
      scrobbles.createIndex('byWait', 'waitReason');
      const viewings = database.createObjectStore('viewings', { keyPath: 'key' });
      viewings.createIndex('byLastSeen', 'lastSeenAt');
      for (const store of ['secrets', 'meta', 'settings', 'imports', 'importPages', 'importedKeys']) {
        database.createObjectStore(store);
      }
    },
  });
  for (const entry of entries) await old.put('scrobbles', entry);
  old.close();
}

const entry = (i: number, state: ScrobbleEntry['state'], extra: Partial<ScrobbleEntry> = {}): ScrobbleEntry => ({
  ...logEntry(i, state),
  ...extra,
});
describe('the database of an earlier version', () => {
  it('is upgraded in place: the log it kept is summed by the new indexes, nothing lost', async () => {
    await new Promise((done) => {
      indexedDB.deleteDatabase('reelrifter').onsuccess = done;
    });
    await keptByVersion6([
      entry(1, 'matched'),
      entry(2, 'unmatched'),
      entry(3, 'unmatched', { resolvedBy: 'v9:watched' }),
      entry(4, 'queued'),
      entry(5, 'matched', { importId: 'i1' }),
    ]);
    vi.resetModules();
    const { resultsSummary } = await import('@/utils/scrobble/log');
    const { db } = await import('@/utils/store/db');
    expect(await resultsSummary()).toEqual({ sent: 2, matched: 1, unmatched: 1, failed: 0, queued: 1 });
    expect((await db()).version).toBe(7);
    expect(await (await db()).count('scrobbles')).toBe(5);
  });
});
