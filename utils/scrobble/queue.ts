import type { ScrobbleEntry } from '../model/records';
import { db, type ViewingRecord } from '../store/db';

/**
 * The outbox: scrobbles written to IndexedDB before anything is sent, and sent first in, first out.
 * An entry stays here (state `queued`) until the server has answered for it; the results log
 * (log.ts) is the same store seen from the other side.
 */

/**
 * Live scrobbles waiting to be sent. Far more than a person watches while the server is away; past
 * it, something is wrong (a page that fakes viewings), and new scrobbles are not queued.
 */
export const QUEUED_LIMIT = 1_000;
/**
 * Scrobbles that may wait for the person's answer ("Ask before logging") at once: far more than
 * anyone leaves unanswered; past it (a page faking viewings), new questions are not queued. They do
 * not count against QUEUED_LIMIT, so unanswered ones never hold up what is sent.
 */
export const ASKING_LIMIT = 500;
/** Scrobbles one import may queue: a whole library from another service. */
export const IMPORT_QUEUE_LIMIT = 20_000;

/** Which lane a queued scrobble is in: live ones (what plays now) always go before an import's. */
export const isImported = (entry: Pick<ScrobbleEntry, 'importId'>) => entry.importId !== undefined;

/**
 * Saves a viewing and queues its new scrobbles in one transaction, so a worker killed in between
 * can neither lose a scrobble nor mark one sent that was never queued. An entry whose key exists
 * already is left alone: that is what makes a repeated decision harmless.
 */
export async function saveViewingAndQueue(viewing: ViewingRecord, entries: ScrobbleEntry[]): Promise<ScrobbleEntry[]> {
  const tx = (await db()).transaction(['viewings', 'scrobbles'], 'readwrite');
  const scrobbles = tx.objectStore('scrobbles');
  const added: ScrobbleEntry[] = [];
  const live =
    entries.length > 0
      ? (await scrobbles.index('byState').getAll('queued')).filter((e) => !isImported(e) && e.waitReason !== 'ask')
      : [];
  const room = { live: QUEUED_LIMIT - live.length, ask: ASKING_LIMIT };
  if (entries.some((entry) => entry.waitReason === 'ask')) room.ask -= await scrobbles.index('byWait').count('ask');
  for (const entry of entries) {
    const lane = entry.waitReason === 'ask' ? 'ask' : 'live';
    if (room[lane] > 0 && (await scrobbles.getKey(entry.key)) === undefined) {
      room[lane] -= 1;
      await scrobbles.add(entry);
      added.push(entry);
    }
  }
  await tx.objectStore('viewings').put(viewing);
  await tx.done;
  return added;
}

/**
 * Queues an import's scrobbles in the import lane, in the order given (oldest watched first). An
 * entry whose key exists already is left alone; past the lane's limit nothing more is queued.
 */
export async function queueImport(entries: readonly ScrobbleEntry[]): Promise<ScrobbleEntry[]> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  const added: ScrobbleEntry[] = [];
  let room = IMPORT_QUEUE_LIMIT - (await tx.store.index('byImport').count());
  for (const entry of entries) {
    if (room <= 0) break;
    if ((await tx.store.getKey(entry.key)) !== undefined) continue;
    await tx.store.add(entry);
    added.push(entry);
    room -= 1;
  }
  await tx.done;
  return added;
}

/** Every scrobble of one import, sent or not: its report's outcomes. */
export async function entriesOfImport(importId: string): Promise<ScrobbleEntry[]> {
  return (await db()).getAllFromIndex('scrobbles', 'byImport', importId);
}

/** The import lane's scrobbles not sent yet, of one import. */
export async function queuedOfImport(importId: string): Promise<ScrobbleEntry[]> {
  return (await entriesOfImport(importId)).filter((entry) => entry.state === 'queued');
}

/** Forgets an earlier import's answered scrobbles (its report): a new read replaces it. Never one not sent yet. */
export async function forgetAnsweredOfImport(importId: string): Promise<void> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  for (let cursor = await tx.store.index('byImport').openCursor(importId); cursor; cursor = await cursor.continue()) {
    if (cursor.value.state !== 'queued') await cursor.delete();
  }
  await tx.done;
}

/** Removes an import's scrobbles not sent yet; never a live one, never one already answered. */
export async function removeQueuedOfImport(importId: string): Promise<number> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  let removed = 0;
  for (let cursor = await tx.store.index('byImport').openCursor(importId); cursor; cursor = await cursor.continue()) {
    if (cursor.value.state === 'queued') {
      await cursor.delete();
      removed += 1;
    }
  }
  await tx.done;
  return removed;
}

/**
 * Each lane is first in, first out: ReelRifter hears a viewing's events in the order they happened,
 * and an import's oldest first. The live lane goes first: an import's scrobbles go only while no
 * live one is due. Within a lane, while the oldest waits (the server is down or asked us to slow
 * down) the rest wait behind it, and once it goes through they follow in the same flush.
 */
export async function outboxHeads(): Promise<{ live?: ScrobbleEntry; imported?: ScrobbleEntry }> {
  const queued = (await (await db()).getAllFromIndex('scrobbles', 'byState', 'queued'))
    .filter((entry) => entry.waitReason !== 'reconnect' && entry.waitReason !== 'ask')
    .sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key));
  return { live: queued.find((entry) => !isImported(entry)), imported: queued.find(isImported) };
}

/** The head the outbox sends next, if it is due: the live lane's, else (when `imports`) the import lane's. */
export async function nextDue(now: number, imports = true): Promise<ScrobbleEntry | undefined> {
  const { live, imported } = await outboxHeads();
  if (live && live.nextAttemptAt <= now) return live;
  return imports && imported && imported.nextAttemptAt <= now ? imported : undefined;
}

export async function queuedEntries(): Promise<ScrobbleEntry[]> {
  return (await db()).getAllFromIndex('scrobbles', 'byState', 'queued');
}

/** Removes what a viewing queued and has not sent yet (the person said never to log it); how many. */
export async function dropUnsentOfViewing(viewingKey: string): Promise<number> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  const unsent = (await tx.store.index('byViewing').getAll(viewingKey)).filter((entry) => entry.state === 'queued');
  for (const entry of unsent) await tx.store.delete(entry.key);
  await tx.done;
  return unsent.length;
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

/** A scrobble that waits for the person's answer ("Ask before logging"): it is not sent until they say Log it. */
export const isAsking = (entry: Pick<ScrobbleEntry, 'state' | 'waitReason'>) =>
  entry.state === 'queued' && entry.waitReason === 'ask';

/** Every scrobble that waits for the person's answer, from the index of what waits (no other entry is read). */
export async function askingEntries(): Promise<ScrobbleEntry[]> {
  return (await (await db()).getAllFromIndex('scrobbles', 'byWait', 'ask')).filter(isAsking);
}

export async function anyAsking(): Promise<boolean> {
  return (await (await db()).countFromIndex('scrobbles', 'byWait', 'ask')) > 0;
}

/**
 * The person's answer for one viewing, in one transaction: Log it makes what waits due now and lets
 * the viewing's later scrobbles go without asking; Don't log removes what waits and sends nothing
 * more of it. Answers with the scrobbles released (none for Don't log), or undefined when nothing of
 * that viewing waited (answered already, elsewhere).
 */
export async function answerWaiting(
  viewingKey: string,
  viewingId: string,
  answer: 'log' | 'skip',
  now: number,
): Promise<ScrobbleEntry[] | undefined> {
  const tx = (await db()).transaction(['scrobbles', 'viewings'], 'readwrite');
  const scrobbles = tx.objectStore('scrobbles');
  const waiting = (await scrobbles.index('byViewing').getAll(viewingKey)).filter(
    (entry) => isAsking(entry) && entry.viewingId === viewingId,
  );
  const released = waiting.map((entry) => ({ ...entry, waitReason: undefined, nextAttemptAt: now, updatedAt: now }));
  for (const entry of answer === 'log' ? released : waiting) {
    await (answer === 'log' ? scrobbles.put(entry) : scrobbles.delete(entry.key));
  }
  const viewings = tx.objectStore('viewings');
  const viewing = await viewings.get(viewingKey);
  if (viewing?.id === viewingId) {
    await viewings.put(answer === 'log' ? { ...viewing, approved: true } : { ...viewing, ignored: true });
  }
  await tx.done;
  if (waiting.length === 0) return undefined;
  return answer === 'log' ? released : [];
}
