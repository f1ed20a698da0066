import type { Media } from '../media';
import { type LogSummary, type ScrobbleEntry, statusOf } from '../model/records';
import { db } from '../store/db';
import { pruneViewings } from './viewing';

/**
 * The results log: every scrobble with what became of it (matched, not matched, waiting, failed),
 * read as viewings; fixes and retries; the summary; exports. The same IndexedDB store as the outbox
 * (queue.ts): an entry is in the outbox while queued and in the log from the start.
 */

/** Answered entries kept in the results log; the oldest answered ones go first. */
export const RESULTS_LIMIT = 5_000;
/** Failed entries kept for the person to fix or retry; the oldest go first. */
export const FAILED_LIMIT = 500;

/** The viewing a scrobble belongs to: its own field, or its key (`<viewing id>:<action>[#r…]`) for older entries. */
export function viewingIdOf(entry: Pick<ScrobbleEntry, 'key' | 'viewingId'>): string {
  return entry.viewingId ?? entry.key.split(':')[0] ?? entry.key;
}

/** The newest `limit` entries, newest first (the badge looks at these). */
export async function recentEntries(limit: number): Promise<ScrobbleEntry[]> {
  const tx = (await db()).transaction('scrobbles');
  const entries: ScrobbleEntry[] = [];
  let cursor = await tx.store.index('byCreated').openCursor(null, 'prev');
  while (cursor && entries.length < limit) {
    if (!cursor.value.resolvedBy && cursor.value.importId === undefined) entries.push(cursor.value);
    cursor = await cursor.continue();
  }
  return entries;
}

/**
 * The log as a person reads it: one row per viewing, newest first, each shown by its latest
 * scrobble that is still open (started, then watched; matched or not). While a viewing's latest
 * waits behind an earlier one that cannot go yet, the row shows that one and why. A viewing has
 * at most a few scrobbles, so a few times `limit` entries are read at most.
 */
export async function recentViewings(limit: number): Promise<ScrobbleEntry[]> {
  const tx = (await db()).transaction('scrobbles');
  const rows = new Map<string, ScrobbleEntry>();
  let read = 0;
  let cursor = await tx.store.index('byCreated').openCursor(null, 'prev');
  while (cursor && read < limit * 4) {
    const entry = cursor.value;
    read += 1;
    const id = viewingIdOf(entry);
    const shown = rows.get(id);
    if (!entry.resolvedBy && entry.importId === undefined) {
      if (!shown && rows.size < limit) rows.set(id, entry);
      else if (shown && statusOf(shown) === 'sending' && statusOf(entry) === 'waiting') rows.set(id, entry);
    }
    cursor = await cursor.continue();
  }
  return [...rows.values()];
}

/**
 * Keeps the log bounded: deletes the oldest answered entries past the limit, and the oldest failed
 * ones past theirs; never a queued one.
 */
export async function pruneResults(limit = RESULTS_LIMIT, failedLimit = FAILED_LIMIT): Promise<number> {
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  // An import's scrobbles are its report's, kept until the next import: they neither count nor go here.
  const imported = { answered: 0, failed: 0 };
  for (let c = await tx.store.index('byImport').openCursor(); c; c = await c.continue()) {
    if (c.value.state === 'failed') imported.failed += 1;
    else if (c.value.state !== 'queued') imported.answered += 1;
  }
  const failed = (await tx.store.index('byState').count('failed')) - imported.failed;
  const answered =
    (await tx.store.count()) - (await tx.store.index('byState').count('queued')) - failed - imported.failed - imported.answered;
  let excess = Math.max(0, answered - limit);
  let excessFailed = Math.max(0, failed - failedLimit);
  let deleted = 0;
  let cursor = excess + excessFailed > 0 ? await tx.store.index('byCreated').openCursor() : null;
  while (cursor && excess + excessFailed > 0) {
    const { state, importId } = cursor.value;
    if (importId !== undefined) {
      cursor = await cursor.continue();
      continue;
    }
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
 * A fix or a retry, for the viewing whose row the person acted on. The entry is replaced, in the
 * same place in the log, by a queued one with a new key (the server would replay its old answer to
 * the old key). A fix names the viewing: it also renames the viewing, so its later scrobbles carry
 * the fixed title, and settles the viewing's other not-matched scrobbles with it (they are not sent
 * again, and no longer show as not matched).
 */
export async function resendEntry(key: string, media: Media | undefined, now: number): Promise<ScrobbleEntry | undefined> {
  const tx = (await db()).transaction(['scrobbles', 'viewings'], 'readwrite');
  const scrobbles = tx.objectStore('scrobbles');
  const old = await scrobbles.get(key);
  if (!old || old.resolvedBy || (old.state !== 'unmatched' && old.state !== 'failed')) {
    await tx.done;
    return undefined;
  }
  const next: ScrobbleEntry = {
    ...old,
    key: `${old.key.replace(/#r\d+$/, '')}#r${now}`,
    viewingId: viewingIdOf(old),
    media: media ?? old.media,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    waitReason: undefined,
    error: undefined,
    failure: undefined,
    match: undefined,
    updatedAt: now,
  };
  await scrobbles.delete(old.key);
  await scrobbles.add(next);
  if (media) {
    for (const other of await scrobbles.index('byViewing').getAll(old.viewingKey)) {
      if (isOpenFailure(other) && viewingIdOf(other) === next.viewingId) {
        await scrobbles.put({ ...other, resolvedBy: next.key, updatedAt: now });
      }
    }
    const viewings = tx.objectStore('viewings');
    const viewing = await viewings.get(old.viewingKey);
    if (viewing) await viewings.put({ ...viewing, media });
  }
  await tx.done;
  return next;
}

/** Not matched, or failed, and not settled yet: what a fix or a later match settles. */
const isOpenFailure = (entry: ScrobbleEntry) => (entry.state === 'unmatched' || entry.state === 'failed') && !entry.resolvedBy;

/**
 * A matched `watched` settles what it overtook: the same viewing's `watching` that was not matched
 * (or failed) is not resent and no longer shows as open.
 */
export async function settleOvertaken(matched: ScrobbleEntry, now: number): Promise<void> {
  if (matched.state !== 'matched' || matched.action !== 'watched') return;
  const tx = (await db()).transaction('scrobbles', 'readwrite');
  for (const other of await tx.store.index('byViewing').getAll(matched.viewingKey)) {
    if (
      other.key !== matched.key &&
      other.state === 'unmatched' &&
      !other.resolvedBy &&
      viewingIdOf(other) === viewingIdOf(matched)
    ) {
      await tx.store.put({ ...other, resolvedBy: matched.key, updatedAt: now });
    }
  }
  await tx.done;
}

/** Counts over the whole log, in the spirit of a cross-reference summary; settled entries are left out. */
export async function resultsSummary(): Promise<LogSummary> {
  const store = (await db()).transaction('scrobbles').store;
  // Every figure a count over an index, none reading an entry: a popup opening on a long log waits
  // for this. Counting costs by the entry counted, so matched, most of a long log, is what is left.
  const inState = (index: 'byImportState' | 'bySettled' | 'bySettledImport', state: string) =>
    store.index(index).count(IDBKeyRange.bound([state], [state, []]));
  const byState = (state: ScrobbleEntry['state']) => store.index('byState').count(state);
  const [total, unmatched, failed, queued, imported, fixed] = await Promise.all([
    store.count(),
    byState('unmatched'),
    byState('failed'),
    byState('queued'),
    // An import's scrobbles: its own report counts them.
    Promise.all((['matched', 'unmatched', 'failed', 'queued'] as const).map((state) => inState('byImportState', state))),
    // What a fix settled (not matched, or failed), an import's aside (counted above).
    Promise.all(
      (['unmatched', 'failed'] as const).map(
        async (state) => (await inState('bySettled', state)) - (await inState('bySettledImport', state)),
      ),
    ),
  ]);
  const [importedMatched = 0, importedUnmatched = 0, importedFailed = 0, importedQueued = 0] = imported;
  const [fixedUnmatched = 0, fixedFailed = 0] = fixed;
  const live = {
    matched: total - unmatched - failed - queued - importedMatched,
    unmatched: unmatched - importedUnmatched - fixedUnmatched,
    failed: failed - importedFailed - fixedFailed,
    queued: queued - importedQueued,
  };
  return { sent: live.matched + live.unmatched, ...live };
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

export const CSV_COLUMNS = [
  'createdAt',
  'site',
  'action',
  'outcome',
  'title',
  'year',
  'mediaType',
  'season',
  'episode',
  'matchedTitle',
  'matchedYear',
  'matchedSeason',
  'matchedEpisode',
  'error',
] as const;

/**
 * One field, quoted when it must be. A leading =, +, - or @ (also behind spaces or NULs, which some
 * spreadsheets skip), tab, carriage return or NUL is defused, so a spreadsheet never runs it.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[\s\0]*[=+\-@]|^[\t\r\0]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The results log as CSV (RFC 4180, CRLF), one row per scrobble, oldest first. */
export function toCsv(entries: ScrobbleEntry[]): string {
  const rows = entries.map((e) =>
    [
      new Date(e.createdAt).toISOString(),
      e.site,
      e.action,
      statusOf(e),
      e.media.title,
      e.media.year,
      e.media.mediaType,
      e.media.season,
      e.media.episode,
      e.match?.title,
      e.match?.year,
      e.match?.season,
      e.match?.episode,
      e.error,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** The results log as JSON: what a person needs, not the outbox's bookkeeping. */
export function toJson(entries: ScrobbleEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      createdAt: new Date(e.createdAt).toISOString(),
      site: e.site,
      action: e.action,
      outcome: statusOf(e),
      media: e.media,
      match: e.match ?? null,
      error: e.error ?? null,
    })),
    null,
    2,
  );
}
