import { readFromAccount } from '../account/lists';
import { failureOf, isHttpError } from '../http';
import type { SiteRead, SourceItem } from '../model/import';
import type { Failure } from '../model/records';
import type { ReelRifterClient } from '../reelrifter/client';
import { serial } from '../serial';
import { cleanItem } from './clean';
import type { ReelRifterRow } from './crossref';
import { advance, type ImportJob, isReading, overLimit, READ_LIMITS, readingWith, readJob, writeJob } from './job';
import { readSourceKey } from './keys';
import { sourceById } from './sources';
import type { Cursor, ImportSource } from './sources/source';

/**
 * The import's reading: a source a page at a time (each page kept, with the cursor of the next),
 * the site that settles a source's files where there is one, then ReelRifter's watchlist and
 * history. One read at a time; it survives the worker being stopped (calling it again resumes).
 */

/** ReelRifter's watchlist: 100 pages of 200 is far more than any person's. */
const REELRIFTER_PAGES = 100;

const inTurn = serial();

/**
 * Reads what is left of the job's source, a page at a time, keeping each page (cleaned) and the
 * cursor of the next; then ReelRifter's watchlist and history. Stops with the failure when a
 * service keeps failing (after its own retries) or goes past READ_LIMITS; calling it again resumes
 * where it stopped. One read at a time; `stopReading` ends it.
 */
export function continueReading(
  version: string,
  onProgress: (job: ImportJob) => void = () => undefined,
): Promise<ImportJob | undefined> {
  return inTurn(async () => {
    const started = await readJob();
    if (!started || (started.phase !== 'reading' && started.phase !== 'read-failed')) return started;
    const source = sourceById(started.source);
    const controller = new AbortController();
    readingWith(controller);
    const { signal } = controller;
    let job = await writeJob({ ...started, phase: 'reading', failure: undefined });
    onProgress(job);
    const fail = (failure: Failure, service: 'source' | 'reelrifter') =>
      advance(job.id, { phase: 'read-failed', failure: { ...failure, service } });
    if (!source) return fail({ kind: 'not-connected' }, 'source');
    const left = job.cursor !== null || job.pagesRead === 0;
    const key = left && source.reader ? await readSourceKey(source) : undefined;
    // Export files are read by the page (stageItems): a hand-over it did not finish cannot be taken up here.
    if (left && !source.reader) return fail({ kind: 'unreadable', why: 'incomplete' }, 'source');
    if (left && !key) return fail({ kind: 'not-connected' }, 'source');
    const reader =
      key &&
      source.reader?.(key, { ratedOnly: job.ratedOnly, version, signal, ...(job.profile ? { profile: job.profile } : {}) });
    while (reader && (job.cursor !== null || job.pagesRead === 0)) {
      const limit = overLimit(job);
      if (limit) return fail(limit, 'source');
      let page: Awaited<ReturnType<typeof reader.read>>;
      try {
        page = await reader.read(job.cursor);
      } catch (error) {
        if (signal.aborted) return readJob();
        return fail(failureOf(error), 'source');
      }
      if (signal.aborted) return readJob();
      const items = page.items.flatMap((raw) => cleanItem(raw, source.id) ?? []);
      const size = JSON.stringify(items).length;
      const next = page.next === null ? null : JSON.stringify(page.next);
      const promised = Math.max(page.pages ?? 0, page.promised ?? 0);
      const moved = await advance(
        job.id,
        {
          cursor: page.next,
          cursors: [...job.cursors, JSON.stringify(job.cursor)],
          pagesRead: job.pagesRead + 1,
          itemsRead: job.itemsRead + items.length,
          bytes: job.bytes + size,
          ...(page.pages !== undefined ? { pages: Math.min(page.pages, READ_LIMITS.pages) } : {}),
        },
        { key: `${job.id}:${String(job.pagesRead).padStart(6, '0')}`, value: { items } },
      );
      if (!moved) return readJob();
      job = moved;
      onProgress(job);
      if (promised > READ_LIMITS.pages) return fail({ kind: 'too-large', why: 'pages' }, 'source');
      if (next !== null && job.cursors.includes(next)) return fail({ kind: 'unreadable', why: 'repeated' }, 'source');
      if (page.next === null) break;
    }
    const settler = source.settledBy ? sourceById(source.settledBy) : undefined;
    if (settler && job.site === undefined) {
      const read = await readSite(settler, job, version, signal);
      if (signal.aborted) return readJob();
      const moved = await advance(
        job.id,
        { site: read.state },
        read.items ? { key: `${job.id}:site`, value: { site: read.items } } : undefined,
      );
      if (!moved) return readJob();
      job = moved;
      onProgress(job);
    }
    if (!job.reelrifterRead) {
      const rows = await readFromAccount((client) => readReelRifter(client, signal));
      if (signal.aborted) return readJob();
      if (!rows.ok) return fail(rows.error, 'reelrifter');
      const moved = await advance(job.id, { reelrifterRead: true }, { key: `${job.id}:reelrifter`, value: rows.data });
      if (!moved) return readJob();
      job = moved;
    }
    if (isReading(controller)) readingWith(undefined);
    return advance(job.id, { phase: 'previewed' });
  });
}

/**
 * The record of the site that settles a job's files (Netflix's viewing activity for its files),
 * read whole with the person's sign-in, for the profile the files were (by name) or the signed-in
 * one. Signed out, or failing, the files stand as they are: the import goes on without it.
 */
async function readSite(
  site: ImportSource,
  job: ImportJob,
  version: string,
  signal: AbortSignal,
): Promise<{ state: SiteRead; items?: SourceItem[] }> {
  const key = await readSourceKey(site);
  if (!key || !site.reader) return { state: 'failed' };
  try {
    const named = job.notes?.profile?.toLowerCase();
    const profiles = named && site.profiles ? await site.profiles(key.apiUrl, { signal }) : [];
    const profile = profiles.find((p) => p.name.toLowerCase() === named)?.id;
    const reader = site.reader(key, { ratedOnly: false, version, signal, ...(profile ? { profile } : {}) });
    const items: SourceItem[] = [];
    const seen = new Set<string>();
    let cursor: Cursor | null = null;
    for (let pages = 0; pages < READ_LIMITS.pages && items.length <= READ_LIMITS.items; pages += 1) {
      const page = await reader.read(cursor);
      items.push(...page.items.flatMap((raw) => cleanItem(raw, site.id) ?? []));
      if (page.next === null || seen.has(JSON.stringify(page.next))) break;
      seen.add(JSON.stringify(page.next));
      cursor = page.next;
    }
    return { state: 'read', items };
  } catch (error) {
    return { state: failureOf(error).kind === 'signed-out' ? 'signed-out' : 'failed' };
  }
}

/** A page of the watchlist as big as the API gives, and the history's one page of the newest 200. */
const REELRIFTER_PAGE = 200;

/**
 * Everything ReelRifter has that the cross-reference compares with: the watchlist (at most
 * REELRIFTER_PAGES pages, and no further when a cursor comes round again), and the history.
 */
async function readReelRifter(
  client: ReelRifterClient,
  signal: AbortSignal,
): Promise<{ watchlist: ReelRifterRow[]; history: ReelRifterRow[] }> {
  const watchlist: ReelRifterRow[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; pages < REELRIFTER_PAGES && !signal.aborted; pages += 1) {
    const page = await politely(() => client.watchlist({ limit: REELRIFTER_PAGE, ...(cursor ? { cursor } : {}) }), signal);
    watchlist.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (!cursor || seen.has(cursor)) break;
    seen.add(cursor);
  }
  const history = signal.aborted ? [] : (await politely(() => client.history({ limit: REELRIFTER_PAGE }), signal)).items;
  return { watchlist, history };
}

/** Asks ReelRifter again when our own 60-a-minute limiter holds the request back. */
async function politely<T>(ask: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (;;) {
    try {
      return await ask();
    } catch (error) {
      if (!isHttpError(error) || error.kind !== 'rate-limited' || !error.details.local || signal.aborted) throw error;
      await new Promise((done) => setTimeout(done, (error.details.retryAfterSeconds ?? 1) * 1000));
    }
  }
}
