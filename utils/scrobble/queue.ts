import { db } from '../db';
import type { Media, ScrobbleEntry } from './entry';
import { VIEWING_GAP_MS, type ViewingRecord } from './viewing';

/** Answered entries kept in the results log; the oldest answered ones go first. */
export const RESULTS_LIMIT = 5_000;
/** Failed entries kept for the person to fix or retry; the oldest go first. */
export const FAILED_LIMIT = 500;
/**
 * Scrobbles waiting to be sent. Far more than a person watches while the server is away; past it,
 * something is wrong (a page that fakes viewings), and new scrobbles are not queued.
 */
export const QUEUED_LIMIT = 1_000;
/** Viewings remembered; the least recently seen without anything queued go first. */
export const VIEWINGS_LIMIT = 500;

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

export async function readViewing(key: string): Promise<ViewingRecord | undefined> {
  return (await db()).get('viewings', key);
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

export async function recentEntries(limit: number): Promise<ScrobbleEntry[]> {
  const tx = (await db()).transaction('scrobbles');
  const entries: ScrobbleEntry[] = [];
  let cursor = await tx.store.index('byCreated').openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

/**
 * Keeps the log bounded: deletes the oldest answered entries past the limit, and the oldest failed
 * ones past theirs; never a queued one.
 */
export async function pruneResults(limit = RESULTS_LIMIT, failedLimit = FAILED_LIMIT): Promise<number> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  const failed = await tx.store.index('byState').count('failed');
  const answered = (await tx.store.count()) - (await tx.store.index('byState').count('queued')) - failed;
  let excess = Math.max(0, answered - limit);
  let excessFailed = Math.max(0, failed - failedLimit);
  let deleted = 0;
  let cursor = excess + excessFailed > 0 ? await tx.store.index('byCreated').openCursor() : null;
  while (cursor && excess + excessFailed > 0) {
    const { state } = cursor.value;
    const answeredOne = (state === 'matched' || state === 'unmatched') && excess > 0;
    if (answeredOne || (state === 'failed' && excessFailed > 0)) {
      await cursor.delete();
      if (answeredOne) excess -= 1;
      else excessFailed -= 1;
      deleted += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}

/**
 * Forgets viewings past the gap after which a new one would start anyway, and the least recently
 * seen past the limit; a viewing with a scrobble still queued, or in `keep`, stays.
 */
export async function pruneViewings(now: number, limit = VIEWINGS_LIMIT, keep: ReadonlySet<string> = new Set()): Promise<number> {
  const tx = (await db()).transaction(['viewings', 'scrobbles'], 'readwrite');
  const viewings = tx.objectStore('viewings');
  const queued = new Set((await tx.objectStore('scrobbles').index('byState').getAll('queued')).map((entry) => entry.viewingKey));
  let count = await viewings.count();
  let deleted = 0;
  let cursor = await viewings.index('byLastSeen').openCursor();
  while (cursor) {
    const { key, lastSeenAt } = cursor.value;
    if (lastSeenAt >= now - VIEWING_GAP_MS && count <= limit) break;
    if (!queued.has(key) && !keep.has(key)) {
      await cursor.delete();
      count -= 1;
      deleted += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}

export const REQUESTS_PER_MINUTE = 60;

/**
 * The limiter's minute, a second long: a request reaches the server some milliseconds after it takes
 * its slot, and that delay varies, so slots exactly 60 s apart could land 61 in the server's minute.
 */
const SLOT_WINDOW_MS = 61_000;

/**
 * Takes one of the minute's request slots, or says how long until one frees up. Kept in IndexedDB
 * so a restarted worker still knows what it sent.
 */
export async function takeRequestSlot(now: number, perMinute = REQUESTS_PER_MINUTE): Promise<number> {
  const tx = (await db()).transaction('meta', 'readwrite');
  const recent = ((await tx.store.get('sendTimes')) ?? []).filter((t) => t > now - SLOT_WINDOW_MS && t <= now);
  let wait = 0;
  if (recent.length >= perMinute) {
    wait = (recent[recent.length - perMinute] ?? now) + SLOT_WINDOW_MS - now;
  } else {
    recent.push(now);
    await tx.store.put(recent, 'sendTimes');
  }
  await tx.done;
  return wait;
}

/**
 * A fix or a retry of a scrobble ReelRifter did not match or refused: the entry is replaced, in the
 * same place in the log, by a queued one with a new key (the server would replay its old answer to
 * the old key). A fix also renames the viewing, so its later scrobbles carry the fixed title.
 */
export async function resendEntry(key: string, media: Media | undefined, now: number): Promise<ScrobbleEntry | undefined> {
  const tx = (await db()).transaction(['scrobbles', 'viewings'], 'readwrite');
  const scrobbles = tx.objectStore('scrobbles');
  const old = await scrobbles.get(key);
  if (!old || (old.state !== 'unmatched' && old.state !== 'failed')) {
    await tx.done;
    return undefined;
  }
  const next: ScrobbleEntry = {
    ...old,
    key: `${old.key.replace(/#r\d+$/, '')}#r${now}`,
    media: media ?? old.media,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    waitReason: undefined,
    error: undefined,
    match: undefined,
    updatedAt: now,
  };
  await scrobbles.delete(old.key);
  await scrobbles.add(next);
  if (media) {
    const viewings = tx.objectStore('viewings');
    const viewing = await viewings.get(old.viewingKey);
    if (viewing) await viewings.put({ ...viewing, media });
  }
  await tx.done;
  return next;
}

export interface ResultsSummary {
  /** Answered by ReelRifter: matched or not. */
  sent: number;
  matched: number;
  unmatched: number;
  failed: number;
  queued: number;
}

/** Counts over the whole log, in the spirit of a cross-reference summary. */
export async function resultsSummary(): Promise<ResultsSummary> {
  const index = (await db()).transaction('scrobbles').store.index('byState');
  const [matched, unmatched, failed, queued] = await Promise.all([
    index.count('matched'),
    index.count('unmatched'),
    index.count('failed'),
    index.count('queued'),
  ]);
  return { sent: matched + unmatched, matched, unmatched, failed, queued };
}

/** Every entry in the log, oldest first: for export. */
export async function allEntries(): Promise<ScrobbleEntry[]> {
  return (await db()).getAllFromIndex('scrobbles', 'byCreated');
}

/**
 * Clears the results log and the viewings behind it. Kept: scrobbles not sent yet (clearing never
 * loses one) and the viewings of what plays now in `playing` (else they would be sent again).
 */
export async function clearResults(playing: ReadonlySet<string> = new Set()): Promise<number> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  let deleted = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    if (cursor.value.state !== 'queued') {
      await cursor.delete();
      deleted += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  await pruneViewings(Number.POSITIVE_INFINITY, 0, playing);
  return deleted;
}
