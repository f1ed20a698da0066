import { z } from 'zod';
import { storedClient } from '../account/connection';
import type { Failure } from '../model/records';
import type { ImportPhase } from '../protocol/import';
import type { ReelRifterClient } from '../reelrifter/client';
import { isApiError } from '../reelrifter/errors';
import { serial } from '../serial';
import { db } from '../store/db';
import type { ReelRifterRow } from './crossref';
import { SourceError } from './fetch';
import type { SourceId, SourceItem } from './items';
import { readSourceKey, type SourceKey } from './keys';
import { rewindReader } from './sources/rewind';
import { simklReader } from './sources/simkl';
import type { Cursor, SourceReader } from './sources/source';
import { tmdbReader } from './sources/tmdb';

/**
 * The import's one job, kept in IndexedDB so it survives the worker being stopped and the browser
 * being restarted: which source, how far its reading got, then the import itself.
 */
export interface ImportJob {
  id: string;
  source: SourceId;
  ratedOnly: boolean;
  phase: ImportPhase;
  /** The next page to read from the source; `null` once all of it was read. */
  cursor: Cursor | null;
  /** Whether ReelRifter's own watchlist and history were read for the cross-reference. */
  reelrifterRead: boolean;
  pagesRead: number;
  /** How many pages the source has, where it says. */
  pages?: number;
  itemsRead: number;
  failure?: Failure & { service: 'source' | 'reelrifter' };
  /** Items with no episode known that the person ticked to send as watching. */
  ticked: string[];
  /** Scrobbles queued when the import started. */
  queued: number;
  startedAt: number;
  updatedAt: number;
}

const jobSchema = z.object({
  id: z.string(),
  source: z.enum(['simkl', 'tmdb', 'rewind']),
  ratedOnly: z.boolean(),
  phase: z.enum(['reading', 'read-failed', 'previewed', 'importing', 'paused', 'done', 'cancelled']),
  cursor: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  reelrifterRead: z.boolean(),
  pagesRead: z.number(),
  pages: z.number().optional(),
  itemsRead: z.number(),
  failure: z.object({ kind: z.string(), message: z.string().optional(), status: z.number().optional() }).passthrough().optional(),
  ticked: z.array(z.string()),
  queued: z.number(),
  startedAt: z.number(),
  updatedAt: z.number(),
});

const JOB = 'current';

export async function readJob(): Promise<ImportJob | undefined> {
  const parsed = jobSchema.safeParse(await (await db()).get('imports', JOB));
  return parsed.success ? (parsed.data as ImportJob) : undefined;
}

export async function writeJob(job: ImportJob): Promise<ImportJob> {
  const next = { ...job, updatedAt: Date.now() };
  await (await db()).put('imports', next, JOB);
  return next;
}

/** Pages of one job: `<id>:<n>` for the source, `<id>:reelrifter` for what ReelRifter has. */
const pageRange = (id: string) => IDBKeyRange.bound(`${id}:`, `${id}:\uffff`);

export async function readItems(job: Pick<ImportJob, 'id'>): Promise<SourceItem[]> {
  const pages = (await (await db()).getAll('importPages', pageRange(job.id))) as Array<{ items?: SourceItem[] }>;
  return pages.flatMap((page) => page.items ?? []);
}

export async function readReelRifterRows(
  job: Pick<ImportJob, 'id'>,
): Promise<{ watchlist: ReelRifterRow[]; history: ReelRifterRow[] }> {
  const stored = (await (await db()).get('importPages', `${job.id}:reelrifter`)) as
    | { watchlist?: ReelRifterRow[]; history?: ReelRifterRow[] }
    | undefined;
  return { watchlist: stored?.watchlist ?? [], history: stored?.history ?? [] };
}

/** Starts a new job for `source`, forgetting the pages of the last one (never what it sent). */
export async function newJob(source: SourceId, ratedOnly: boolean): Promise<ImportJob> {
  const database = await db();
  const previous = await readJob();
  if (previous) await database.delete('importPages', pageRange(previous.id));
  const now = Date.now();
  return writeJob({
    id: crypto.randomUUID(),
    source,
    ratedOnly,
    phase: 'reading',
    cursor: null,
    reelrifterRead: false,
    pagesRead: 0,
    itemsRead: 0,
    ticked: [],
    queued: 0,
    startedAt: now,
    updatedAt: now,
  });
}

export function readerFor(key: SourceKey, ratedOnly: boolean, version: string): SourceReader {
  switch (key.source) {
    case 'simkl':
      return simklReader({
        baseUrl: key.apiUrl,
        clientId: key.clientId,
        token: key.token,
        ratedOnly,
        appName: 'reelrifter-scrobbler',
        appVersion: version,
      });
    case 'tmdb':
      return tmdbReader({ baseUrl: key.apiUrl, token: key.token });
    case 'rewind':
      return rewindReader({ baseUrl: key.apiUrl, key: key.key });
  }
}

/** A page of the watchlist as big as the API gives, and the history's one page of the newest 200. */
const REELRIFTER_PAGE = 200;

/** Everything ReelRifter has that the cross-reference compares with: every watchlist page, and the history. */
async function readReelRifter(client: ReelRifterClient): Promise<{ watchlist: ReelRifterRow[]; history: ReelRifterRow[] }> {
  const watchlist: ReelRifterRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await politely(() => client.watchlist({ limit: REELRIFTER_PAGE, ...(cursor ? { cursor } : {}) }));
    watchlist.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const history = (await politely(() => client.history({ limit: REELRIFTER_PAGE }))).items;
  return { watchlist, history };
}

/** Asks ReelRifter again when our own 60-a-minute limiter holds the request back. */
async function politely<T>(ask: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await ask();
    } catch (error) {
      if (!isApiError(error) || error.kind !== 'rate-limited' || !error.details.local) throw error;
      await new Promise((done) => setTimeout(done, (error.details.retryAfterSeconds ?? 1) * 1000));
    }
  }
}

const inTurn = serial();

/**
 * Reads what is left of the job's source, a page at a time, keeping each page and the cursor of the
 * next; then ReelRifter's watchlist and history. Stops with the failure when a service keeps
 * failing (after its own retries); calling it again resumes where it stopped. One read at a time.
 */
export function continueReading(
  version: string,
  onProgress: (job: ImportJob) => void = () => undefined,
): Promise<ImportJob | undefined> {
  return inTurn(async () => {
    let job = await readJob();
    if (!job || (job.phase !== 'reading' && job.phase !== 'read-failed')) return job;
    job = await writeJob({ ...job, phase: 'reading', failure: undefined });
    onProgress(job);
    const key = await readSourceKey(job.source);
    if (!key) return writeJob({ ...job, phase: 'read-failed', failure: { kind: 'not-connected', service: 'source' } });
    const reader = readerFor(key, job.ratedOnly, version);
    try {
      while (job.cursor !== null || job.pagesRead === 0) {
        const page = await reader.read(job.cursor);
        const database = await db();
        await database.put('importPages', { items: page.items }, `${job.id}:${String(job.pagesRead).padStart(6, '0')}`);
        job = await writeJob({
          ...job,
          cursor: page.next,
          pagesRead: job.pagesRead + 1,
          itemsRead: job.itemsRead + page.items.length,
          ...(page.pages !== undefined ? { pages: page.pages } : {}),
        });
        onProgress(job);
        if (page.next === null) break;
      }
    } catch (error) {
      return writeJob({ ...job, phase: 'read-failed', failure: { ...sourceFailure(error), service: 'source' } });
    }
    if (!job.reelrifterRead) {
      const client = await storedClient();
      if (!client) return writeJob({ ...job, phase: 'read-failed', failure: { kind: 'not-connected', service: 'reelrifter' } });
      try {
        const rows = await readReelRifter(client);
        await (await db()).put('importPages', rows, `${job.id}:reelrifter`);
      } catch (error) {
        const failure: Failure = isApiError(error)
          ? { kind: error.kind, ...(error.details.status ? { status: error.details.status } : {}) }
          : { kind: 'network' };
        return writeJob({ ...job, phase: 'read-failed', failure: { ...failure, service: 'reelrifter' } });
      }
      job = await writeJob({ ...job, reelrifterRead: true });
    }
    return writeJob({ ...job, phase: 'previewed' });
  });
}

/** A source's failure as the pages show it: the kind, and the service's own words where it gave any. */
export function sourceFailure(error: unknown): Failure {
  if (!(error instanceof SourceError)) return { kind: 'network' };
  const { status, serverMessage } = error.details;
  const kind = error.kind === 'not-found' || error.kind === 'wrong-type' ? 'rejected' : error.kind;
  return {
    kind,
    ...(serverMessage ? { message: serverMessage } : error.kind === 'wrong-type' ? { message: error.message } : {}),
    ...(status ? { status } : {}),
  };
}
