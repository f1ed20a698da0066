import type { ScrobbleEntry } from '../protocol/pages';
import { db, type ViewingRecord } from '../store/db';

/**
 * The outbox: scrobbles written to IndexedDB before anything is sent, and sent first in, first out.
 * An entry stays here (state `queued`) until the server has answered for it; the results log
 * (log.ts) is the same store seen from the other side.
 */

/**
 * Scrobbles waiting to be sent. Far more than a person watches while the server is away; past it,
 * something is wrong (a page that fakes viewings), and new scrobbles are not queued.
 */
export const QUEUED_LIMIT = 1_000;

/**
 * Saves a viewing and queues its new scrobbles in one transaction, so a worker killed in between
 * can neither lose a scrobble nor mark one sent that was never queued. An entry whose key exists
 * already is left alone: that is what makes a repeated decision harmless.
 */
export async function saveViewingAndQueue(viewing: ViewingRecord, entries: ScrobbleEntry[]): Promise<ScrobbleEntry[]> {
  const tx = (await db()).transaction(['viewings', 'scrobbles'], 'readwrite');
  const scrobbles = tx.objectStore('scrobbles');
  const added: ScrobbleEntry[] = [];
  let room = entries.length > 0 ? QUEUED_LIMIT - (await scrobbles.index('byState').count('queued')) : 0;
  for (const entry of entries) {
    if (room > 0 && (await scrobbles.getKey(entry.key)) === undefined) {
      room -= 1;
      await scrobbles.add(entry);
      added.push(entry);
    }
  }
  await tx.objectStore('viewings').put(viewing);
  await tx.done;
  return added;
}

/**
 * The outbox is first in, first out: ReelRifter hears a viewing's events in the order they happened.
 * The oldest entry goes first; while it waits (the server is down or asked us to slow down) the
 * rest wait behind it, and once it goes through they follow in the same flush.
 */
export async function outboxHead(): Promise<ScrobbleEntry | undefined> {
  const queued = await (await db()).getAllFromIndex('scrobbles', 'byState', 'queued');
  return queued
    .filter((entry) => entry.waitReason !== 'reconnect')
    .sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key))[0];
}

export async function nextDue(now: number): Promise<ScrobbleEntry | undefined> {
  const head = await outboxHead();
  return head && head.nextAttemptAt <= now ? head : undefined;
}

export async function queuedEntries(): Promise<ScrobbleEntry[]> {
  return (await db()).getAllFromIndex('scrobbles', 'byState', 'queued');
}

/** Updates an entry read earlier; what the server said is never lost to a concurrent change. */
export async function updateEntry(key: string, patch: Partial<ScrobbleEntry>, now: number): Promise<ScrobbleEntry | undefined> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  const current = await tx.store.get(key);
  if (!current) return undefined;
  const next = { ...current, ...patch, updatedAt: now };
  await tx.store.put(next);
  await tx.done;
  return next;
}

/** Entries waiting for a new token become due again. */
export async function releaseReconnectWaits(now: number): Promise<void> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  for (const entry of await tx.store.index('byState').getAll('queued')) {
    if (entry.waitReason === 'reconnect')
      await tx.store.put({ ...entry, waitReason: undefined, nextAttemptAt: now, updatedAt: now });
  }
  await tx.done;
}
