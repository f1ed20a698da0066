import { browser } from 'wxt/browser';
import { IMPORT_REQUESTS_PER_MINUTE } from '../account/limiter';
import type { ImportView, KeysView, ReportFilter, ReportPage, ReportSort, SourceId, SourceView } from '../model/import';
import type { Result, ScrobbleEntry } from '../model/records';
import { serverPattern } from '../origins';
import { forgetAnsweredOfImport, queuedOfImport, queueImport, removeQueuedOfImport } from '../scrobble/queue';
import { db } from '../store/db';
import { readApiUrl, readScrobbleSettings } from '../store/items';
import { reportCsv, reportJson } from './export';
import { forgetJobs, type ImportJob, inJobTurn, newJob, readJob, stopReading, writeJob } from './job';
import { checkSourceKey, forgetSourceKey, keptSourceAddresses, readSourceKey, writeSourceKey } from './keys';
import { continueReading } from './reading';
import { currentRows, pageOf, summarize, toQueue } from './report';
import { importSources, sourceById } from './sources';
import type { ImportSource } from './sources/source';

/**
 * What the import page asks of the background, one function each: keys, preview, the import
 * itself (pause, resume, cancel), its progress and its report. The reading and the sending run in
 * the background and survive the worker being stopped: a new worker picks them up (`resumeImport`).
 */

/** The extension's version, for Simkl's `app-version`. */
export const version = () => browser.runtime.getManifest().version;

export async function importView(): Promise<ImportView> {
  const [keys, job] = await Promise.all([Promise.all(importSources.map(readSourceKey)), readJob()]);
  const view: KeysView = {};
  importSources.forEach((source, i) => {
    const key = keys[i];
    const shown = Object.fromEntries(
      source.fields.flatMap((field) => (field.shown && key?.[field.name] ? [[field.name, key[field.name] as string]] : [])),
    );
    view[source.id] = key ? { saved: true, shown } : { saved: false };
  });
  return {
    sources: importSources.map(sourceView),
    keys: view,
    job: job ? viewOf(job) : null,
    progress: job ? await progressOf(job) : null,
  };
}

/** A declaration as the page shows it: no reader, no schema. */
function sourceView(source: ImportSource): SourceView {
  const address = source.address.kind === 'fixed' ? source.address.url() : undefined;
  return {
    id: source.id,
    label: source.label,
    kind: source.kind,
    ...(source.hint ? { hint: source.hint } : {}),
    ...(source.siteName ? { siteName: source.siteName } : {}),
    ...(source.signIn && address ? { signIn: source.signIn(address) } : {}),
    ratingScale: source.ratingScale,
    fields: source.fields,
    address: address ? { kind: 'fixed', url: address } : { kind: source.address.kind === 'asked' ? 'asked' : 'none' },
    ...(source.ratedOnly ? { ratedOnly: source.ratedOnly } : {}),
    pin: Boolean(source.pin?.clientId()),
  };
}

function viewOf(job: ImportJob): NonNullable<ImportView['job']> {
  const { id, source: sourceId, ratedOnly, phase, pagesRead, itemsRead, startedAt, pages, failure } = job;
  const source = sourceById(sourceId);
  const address = source?.address.kind === 'fixed' ? source.address.url() : undefined;
  return {
    id,
    source: sourceId,
    label: source?.label ?? 'importTitle',
    ratingScale: source?.ratingScale ?? 10,
    startedToo: job.startedToo,
    ...(job.profile ? { profile: job.profile } : {}),
    ...(job.notes ? { notes: job.notes } : {}),
    ...(settledView(source, job) ?? {}),
    ...(source?.siteName ? { siteName: source.siteName } : {}),
    ...(source?.signIn && address ? { signIn: source.signIn(address) } : {}),
    ratedOnly,
    phase,
    pagesRead,
    itemsRead,
    startedAt,
    ...(pages !== undefined ? { pages } : {}),
    ...(failure ? { failure } : {}),
  };
}

/** How the site that settles a job's files was read, with its name and sign-in, once it was asked. */
function settledView(
  source: ImportSource | undefined,
  job: ImportJob,
): Pick<NonNullable<ImportView['job']>, 'settled'> | undefined {
  const site = source?.settledBy ? sourceById(source.settledBy) : undefined;
  if (!site || !job.site) return undefined;
  const address = site.address.kind === 'fixed' ? site.address.url() : undefined;
  const signIn = address && site.signIn ? site.signIn(address) : undefined;
  return { settled: { state: job.site, siteName: site.siteName ?? site.id, ...(signIn ? { signIn } : {}) } };
}

async function progressOf(job: ImportJob): Promise<ImportView['progress']> {
  if (job.queued === 0) return null;
  const left = (await queuedOfImport(job.id)).length;
  return { sent: job.queued - left, total: job.queued, minutesLeft: Math.ceil(left / IMPORT_REQUESTS_PER_MINUTE) };
}

/**
 * Keeps a source's key, with the address it is for. The import page asked for the address's
 * permission first (it needs the person's click); here it is only checked.
 */
export async function saveKey(id: SourceId, fields: Record<string, string>): Promise<Result> {
  const source = sourceById(id);
  if (!source) return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
  const checked = checkSourceKey(source, fields);
  if (!checked.ok) return { ok: false, error: { kind: checked.field === 'apiUrl' ? 'invalid-url' : 'invalid-token' } };
  if (!(await browser.permissions.contains({ origins: [serverPattern(checked.key.apiUrl)] }))) {
    return { ok: false, error: { kind: 'permission' } };
  }
  await writeSourceKey(checked.key);
  return { ok: true };
}

/**
 * Forgets a source's key. A read of that source under way stops first; the address's permission is
 * given back unless ReelRifter or another kept key still needs it.
 */
export async function forgetKey(id: SourceId): Promise<Result> {
  const source = sourceById(id);
  if (!source) return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
  const job = await readJob();
  if (job?.source === id && (job.phase === 'reading' || job.phase === 'read-failed')) await stopRead(job);
  const key = await readSourceKey(source);
  await forgetSourceKey(source);
  if (key) await returnPermission(key.apiUrl);
  return { ok: true };
}

async function returnPermission(apiUrl: string): Promise<void> {
  const pattern = serverPattern(apiUrl);
  const needed = [await readApiUrl(), ...(await keptSourceAddresses(importSources))].map((url) => serverPattern(url));
  if (needed.includes(pattern)) return;
  try {
    await browser.permissions.remove({ origins: [pattern] });
  } catch {
    // A permission the manifest asks for cannot be removed: the browser refuses, and that is fine.
  }
}

/** Ends a read under way: no next page, and a restart does not take it up again. */
async function stopRead(job: ImportJob): Promise<void> {
  stopReading();
  await writeJob({ ...job, phase: 'cancelled' });
}

export const busy: readonly ImportJob['phase'][] = ['importing', 'paused'];

/** Reads a source from the start, for a new preview (a read under way stops first). Refused while an import is sending. */
export async function startPreview(id: SourceId, ratedOnly: boolean, onProgress: () => void, profile?: string): Promise<Result> {
  const source = sourceById(id);
  if (!source?.reader) return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
  const current = await readJob();
  if (current && busy.includes(current.phase)) return { ok: false, error: { kind: 'import-running' } };
  if (!(await readSourceKey(source))) return { ok: false, error: { kind: 'not-connected' } };
  await newPreview(current);
  const { watchedThreshold: threshold } = await readScrobbleSettings();
  await newJob(source.id, Boolean(source.ratedOnly) && ratedOnly, { threshold, ...(profile ? { profile } : {}) });
  void continueReading(version(), onProgress).then(onProgress);
  return { ok: true };
}

/** Before a new preview: the read under way stops, and what the last one sent is answered for good. */
export async function newPreview(current: ImportJob | undefined): Promise<void> {
  stopReading();
  if (current) await forgetAnsweredOfImport(current.id);
}

/** Try again: the read goes on from the page it stopped at. */
export async function retryRead(onProgress: () => void): Promise<Result> {
  const job = await readJob();
  if (job?.phase !== 'read-failed') return { ok: false, error: { kind: 'already-answered' } };
  // Files the page read stopped short (too many, or not all handed over): only giving them again reads them whole.
  if (sourceById(job.source)?.kind === 'files' && job.failure?.service === 'source') {
    return { ok: false, error: { kind: 'unreadable', why: 'incomplete' } };
  }
  void continueReading(version(), onProgress).then(onProgress);
  return { ok: true };
}

/** A new worker carries on where the last one stopped: a read under way goes on reading. */
export async function resumeImport(onProgress: () => void): Promise<void> {
  const job = await readJob();
  if (job?.phase === 'reading') await continueReading(version(), onProgress).then(onProgress);
}

export async function reportPage(filter: ReportFilter, sort: ReportSort, page: number): Promise<ReportPage | null> {
  const job = await readJob();
  if (!job?.reelrifterRead) return null;
  return pageOf(await currentRows(job), filter, sort, page);
}

/** Queues what is missing in the import lane, oldest watched first; sending starts at once. */
export function startImport(): Promise<Result<{ queued: number }>> {
  return inJobTurn(() => queueTheImport());
}

async function queueTheImport(): Promise<Result<{ queued: number }>> {
  const job = await readJob();
  if (job?.phase !== 'previewed') return { ok: false, error: { kind: 'already-answered' } };
  const now = Date.now();
  const entries = toQueue(await currentRows(job)).map(
    ({ row, action, media }, i): ScrobbleEntry => ({
      key: `import:${job.id}:${row.key}:${action}`,
      viewingKey: `import:${row.key}`,
      // The service it came from, which the scrobble's `source` names.
      site: job.source,
      action,
      media,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      importId: job.id,
      itemKeys: row.keys,
      createdAt: now + i,
      updatedAt: now,
    }),
  );
  const queued = await queueImport(entries);
  await writeJob({ ...job, phase: queued.length ? 'importing' : 'done', queued: queued.length });
  return { ok: true, queued: queued.length };
}

export function setPaused(paused: boolean): Promise<Result> {
  return inJobTurn(async () => {
    const job = await readJob();
    if (!job || !busy.includes(job.phase)) return { ok: false, error: { kind: 'already-answered' } };
    await writeJob({ ...job, phase: paused ? 'paused' : 'importing' });
    return { ok: true };
  });
}

/** Stops the read, or the import: its scrobbles not sent yet are removed, never a live one. */
export function cancelImport(): Promise<Result<{ removed: number }>> {
  return inJobTurn(async () => {
    const job = await readJob();
    if (!job) return { ok: false, error: { kind: 'already-answered' } };
    stopReading();
    const removed = await removeQueuedOfImport(job.id);
    await writeJob({ ...job, phase: 'cancelled' });
    return { ok: true, removed };
  });
}

/** Clear log: forgets the import's job, what it read and the titles it sent, unless an import is still sending. */
export async function forgetImportData(): Promise<void> {
  const job = await readJob();
  if (job && busy.includes(job.phase)) return;
  await forgetJobs();
}

/** Whether the import lane may send: an import runs and is not paused. */
export async function importLaneOpen(): Promise<boolean> {
  return (await readJob())?.phase === 'importing';
}

/**
 * Each answered import scrobble: its title is remembered as imported (a later import will not send
 * it again), and the job is done once nothing of it is left to send.
 */
export async function recordImported(entry: ScrobbleEntry): Promise<void> {
  if (!entry.importId || !entry.itemKeys?.length || entry.state === 'queued') return;
  const tx = (await db()).transaction('importedKeys', 'readwrite');
  for (const key of entry.itemKeys) await tx.store.put({ at: Date.now(), source: entry.site, importId: entry.importId }, key);
  await tx.done;
  const job = await readJob();
  if (job?.id === entry.importId && job.phase === 'importing' && (await queuedOfImport(job.id)).length === 0) {
    await writeJob({ ...job, phase: 'done' });
  }
}

/** The report to download, as CSV or JSON. */
export async function exportReport(format: 'csv' | 'json'): Promise<{ text: string }> {
  const job = await readJob();
  const rows = job?.reelrifterRead ? await currentRows(job) : [];
  return { text: format === 'csv' ? reportCsv(rows) : reportJson(rows, summarize(rows)) };
}
