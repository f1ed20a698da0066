import { z } from 'zod/mini';
import type { FileNotes, ImportPhase, SiteRead, SourceId, SourceItem } from '../model/import';
import type { Failure } from '../model/records';
import { serial } from '../serial';
import { db } from '../store/db';
import { cleanItem } from './clean';
import type { ReelRifterRow } from './crossref';
import { DEFAULT_THRESHOLD } from './plan';
import { sourceById } from './sources';
import type { Cursor } from './sources/source';

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
  /** Every cursor read so far: a service that sends one again is going round in circles. */
  cursors: string[];
  /** Whether ReelRifter's own watchlist and history were read for the cross-reference. */
  reelrifterRead: boolean;
  pagesRead: number;
  /** How many pages the source has, where it says. */
  pages?: number;
  itemsRead: number;
  /** The size of what was kept, in characters of JSON. */
  bytes: number;
  failure?: Failure & { service: 'source' | 'reelrifter' };
  /** Items with no episode known, or started and not finished, that the person ticked to send as watching. */
  ticked: string[];
  /** Every title started and not finished is sent as watching ("Also count what was started but not finished"). */
  startedToo: boolean;
  /** Titles to import the person unticked: left out. */
  unticked: string[];
  /** The reading the person picked of each uncertain title (by row key; 0 is the title as read). */
  picks: Record<string, number>;
  /** The live scrobbler's threshold when the preview began: a title is finished past it. */
  threshold: number;
  /** `site`: the profile read (its id); the signed-in one when absent. */
  profile?: string;
  /** `files`: what the files said beside their items (shown with the report). */
  notes?: FileNotes;
  /** `files` settled by a site: whether its record was read (enrich.ts); absent until it was asked. */
  site?: SiteRead;
  /** Scrobbles queued when the import started. */
  queued: number;
  startedAt: number;
  updatedAt: number;
}

/** What one import reads and keeps at most, whatever a service promises (a broken or hostile one never ends). */
export const READ_LIMITS = { pages: 200, items: 50_000, bytes: 64 * 1024 * 1024 } as const;

const whole = z.int().check(z.gte(0), z.lte(1e9));
const jobSchema = z.object({
  id: z.uuid(),
  source: z.string().check(z.refine((id) => sourceById(id) !== undefined)),
  ratedOnly: z.boolean(),
  phase: z.enum(['reading', 'read-failed', 'previewed', 'importing', 'paused', 'done', 'cancelled']),
  cursor: z.nullable(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  cursors: z.catch(z.array(z.string()).check(z.maxLength(READ_LIMITS.pages + 1)), []),
  reelrifterRead: z.boolean(),
  pagesRead: whole,
  pages: z.optional(whole),
  itemsRead: whole,
  bytes: z.catch(whole, 0),
  failure: z.optional(
    z.pipe(
      z.object({
        kind: z.string(),
        message: z.optional(z.string().check(z.maxLength(500))),
        status: z.optional(z.number()),
        why: z.optional(z.string()),
        seconds: z.optional(z.number()),
        service: z.enum(['source', 'reelrifter']),
      }),
      z.transform((failure) => failure as Failure & { service: 'source' | 'reelrifter' }),
    ),
  ),
  ticked: z.array(z.string().check(z.maxLength(1_000))).check(z.maxLength(READ_LIMITS.items)),
  startedToo: z.catch(z.boolean(), false),
  unticked: z.catch(z.array(z.string().check(z.maxLength(1_000))).check(z.maxLength(READ_LIMITS.items)), []),
  picks: z.catch(z.record(z.string().check(z.maxLength(1_000)), z.int().check(z.gte(0), z.lte(4))), {}),
  threshold: z.catch(z.number().check(z.gte(0.05), z.lte(1)), DEFAULT_THRESHOLD),
  profile: z.optional(z.string().check(z.maxLength(200))),
  notes: z.optional(
    z.object({
      finishedKnown: z.boolean(),
      skipped: z.record(z.string().check(z.maxLength(40)), whole),
      unnamed: z.catch(
        z
          .array(
            z.object({
              tvdbShow: z.int().check(z.positive(), z.lte(1e9)),
              lastEpisode: z.object({
                season: z.int().check(z.gte(0), z.lte(10_000)),
                episode: z.int().check(z.gte(0), z.lte(100_000)),
              }),
              episodes: z.int().check(z.gte(0), z.lte(1e6)),
            }),
          )
          .check(z.maxLength(100)),
        [],
      ),
      files: whole,
      profile: z.optional(z.string().check(z.maxLength(200))),
      bookmarks: z.optional(z.boolean()),
    }),
  ),
  site: z.optional(z.enum(['read', 'signed-out', 'failed'])),
  queued: whole,
  startedAt: z.number(),
  updatedAt: z.number(),
}) satisfies z.ZodMiniType<ImportJob>;

const JOB = 'current';

/** Changes a person makes to the job (choices, Import, Pause, Cancel) take their turn: none writes over another. */
export const inJobTurn = serial();

export async function readJob(): Promise<ImportJob | undefined> {
  const parsed = jobSchema.safeParse(await (await db()).get('imports', JOB));
  return parsed.success ? parsed.data : undefined;
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
export async function newJob(
  source: SourceId,
  ratedOnly: boolean,
  options: Pick<ImportJob, 'threshold'> & Partial<Pick<ImportJob, 'profile' | 'notes'>> = { threshold: DEFAULT_THRESHOLD },
): Promise<ImportJob> {
  const previous = await readJob();
  if (previous) await (await db()).delete('importPages', pageRange(previous.id));
  const now = Date.now();
  return writeJob({
    id: crypto.randomUUID(),
    source,
    ratedOnly,
    phase: 'reading',
    cursor: null,
    cursors: [],
    reelrifterRead: false,
    pagesRead: 0,
    itemsRead: 0,
    bytes: 0,
    ticked: [],
    startedToo: false,
    unticked: [],
    picks: {},
    ...options,
    queued: 0,
    startedAt: now,
    updatedAt: now,
  });
}

/**
 * Keeps a part of what the page read from export files, cleaned like any page a service sent, as
 * the next page of the job `id` (which must still be reading); the last part ends the source's
 * reading, and ReelRifter is read next (continueReading).
 */
export async function stageItems(id: string, raw: readonly unknown[], last: boolean): Promise<ImportJob | undefined> {
  const job = await readJob();
  if (!job || job.id !== id) return undefined;
  const items = raw.flatMap((item) => cleanItem(item, job.source) ?? []);
  const limit = overLimit({ ...job, itemsRead: job.itemsRead + items.length });
  if (limit) return advance(id, { phase: 'read-failed', cursor: null, failure: { ...limit, service: 'source' } });
  return advance(
    id,
    {
      cursor: last ? null : { part: job.pagesRead + 1 },
      pagesRead: job.pagesRead + 1,
      itemsRead: job.itemsRead + items.length,
      bytes: job.bytes + JSON.stringify(items).length,
    },
    { key: `${id}:${String(job.pagesRead).padStart(6, '0')}`, value: { items } },
  );
}

/** Forgets the job and everything it read (Clear log); what it sent stays in the log until cleared too. */
export async function forgetJobs(): Promise<void> {
  stopReading();
  const tx = (await db()).transaction(['imports', 'importPages', 'importedKeys'], 'readwrite');
  await Promise.all([
    tx.objectStore('imports').clear(),
    tx.objectStore('importPages').clear(),
    tx.objectStore('importedKeys').clear(),
  ]);
  await tx.done;
}

/**
 * Writes `patch` over the job `id` (and a page beside it) only while that job is still reading: a
 * Cancel, a Forget or a new Preview written meanwhile wins, and the read stops.
 */
export async function advance(
  id: string,
  patch: Partial<ImportJob>,
  page?: { key: string; value: unknown },
): Promise<ImportJob | undefined> {
  const tx = (await db()).transaction(['imports', 'importPages'], 'readwrite');
  const parsed = jobSchema.safeParse(await tx.objectStore('imports').get(JOB));
  if (!parsed.success || parsed.data.id !== id || parsed.data.phase !== 'reading') {
    tx.abort();
    await tx.done.catch(() => undefined);
    return undefined;
  }
  const next = { ...parsed.data, ...patch, updatedAt: Date.now() };
  if (page) await tx.objectStore('importPages').put(page.value, page.key);
  await tx.objectStore('imports').put(next, JOB);
  await tx.done;
  return next;
}

let reading: AbortController | undefined;

/** The read under way (reading.ts) registers here, so that a Forget or a new preview stops it. */
export function readingWith(controller: AbortController | undefined): void {
  reading = controller;
}

/** Whether `controller` is the read under way. */
export const isReading = (controller: AbortController) => reading === controller;

/** Stops the read under way at once: its request is aborted and no next page is asked. */
export function stopReading(): void {
  reading?.abort(new DOMException('The read was stopped.', 'AbortError'));
  reading = undefined;
}

/** What the site that settles a job's files said (none when it was not read). */
export async function readSiteItems(job: Pick<ImportJob, 'id'>): Promise<SourceItem[]> {
  const stored = (await (await db()).get('importPages', `${job.id}:site`)) as { site?: SourceItem[] } | undefined;
  return stored?.site ?? [];
}

/** The limit the job reached, if any: it reads no further. */
export function overLimit(job: ImportJob): Failure | undefined {
  if (job.pagesRead >= READ_LIMITS.pages) return { kind: 'too-large', why: 'pages' };
  if (job.itemsRead > READ_LIMITS.items) return { kind: 'too-large', why: 'items' };
  if (job.bytes > READ_LIMITS.bytes) return { kind: 'too-large', why: 'bytes' };
  return undefined;
}
