import { failureOf } from '../http';
import type { FileNotes, ProfileView, SourceId } from '../model/import';
import type { Result } from '../model/records';
import { readScrobbleSettings } from '../store/items';
import { newJob, readJob, stageItems } from './job';
import { readSourceKey } from './keys';
import { continueReading } from './reading';
import { busy, newPreview, version } from './run';
import { sourceById } from './sources';

/**
 * The sources the background does not read by itself. Export files are read in the import page,
 * never uploaded: the page hands their items over a part at a time (each cleaned here like any page
 * a service sent), then ReelRifter is read and the preview is the same as every source's. A site
 * read with the browser's own sign-in (Netflix) first says which profiles there are.
 */

/** A new preview of export files: the job that will keep what the page reads. */
export async function startFiles(id: SourceId, notes: FileNotes): Promise<Result<{ job: string }>> {
  if (sourceById(id)?.kind !== 'files') return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
  const current = await readJob();
  if (current && busy.includes(current.phase)) return { ok: false, error: { kind: 'import-running' } };
  await newPreview(current);
  const { watchedThreshold: threshold } = await readScrobbleSettings();
  const job = await newJob(id, false, { threshold, notes });
  return { ok: true, job: job.id };
}

/** A part of the files' items; the last one starts the read of ReelRifter. */
export async function stageFiles(job: string, items: readonly unknown[], last: boolean, onProgress: () => void): Promise<Result> {
  const staged = await stageItems(job, items, last);
  if (!staged) return { ok: false, error: { kind: 'already-answered' } };
  if (staged.phase === 'read-failed') return { ok: false, error: staged.failure ?? { kind: 'too-large' } };
  if (last) void continueReading(version(), onProgress).then(onProgress);
  onProgress();
  return { ok: true };
}

/** The profiles a site's account has (the signed-in one first), or why they cannot be read. */
export async function profilesOf(id: SourceId): Promise<Result<{ profiles: ProfileView[] }>> {
  const source = sourceById(id);
  const key = source?.kind === 'site' ? await readSourceKey(source) : undefined;
  if (!source?.profiles || !key) return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
  try {
    const profiles = await source.profiles(key.apiUrl, {});
    return { ok: true, profiles: [...profiles].sort((a, b) => Number(b.current) - Number(a.current)) };
  } catch (error) {
    return { ok: false, error: failureOf(error) };
  }
}
