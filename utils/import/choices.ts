import type { Result } from '../model/records';
import { type ImportJob, inJobTurn, readJob, writeJob } from './job';

/**
 * What the person decides in the report before Import: tick a title that waits for it (no episode
 * known, started and not finished), count every started one, leave a title out, or pick how an
 * uncertain title reads. Only while the preview stands; the report reads the job back.
 */
function whilePreviewed(change: (job: ImportJob) => Partial<ImportJob>): Promise<Result> {
  // In the job's turn: two quick clicks, or a click and Import, never write over each other.
  return inJobTurn(async () => {
    const job = await readJob();
    if (job?.phase !== 'previewed') return { ok: false, error: { kind: 'already-answered' } };
    await writeJob({ ...job, ...change(job) });
    return { ok: true };
  });
}

const toggled = (list: readonly string[], key: string, on: boolean) => {
  const set = new Set(list);
  if (on) set.add(key);
  else set.delete(key);
  return [...set];
};

/**
 * Ticks (or unticks) a title that waits for it, so it is sent as watching. Unticked stays unticked
 * even while "Also count what was started" is on.
 */
export const tick = (key: string, on: boolean) =>
  whilePreviewed((job) => ({ ticked: toggled(job.ticked, key, on), unticked: toggled(job.unticked, key, !on) }));

/** Leaves a title to import out (or puts it back). */
export const leaveOut = (key: string, out: boolean) => whilePreviewed((job) => ({ unticked: toggled(job.unticked, key, out) }));

/** "Also count what was started but not finished": every such title is sent as watching. */
export const countStarted = (on: boolean) => whilePreviewed(() => ({ startedToo: on }));

/** How an uncertain title reads: 0 as it was read, 1… its other readings. */
export const pick = (key: string, reading: number) => whilePreviewed((job) => ({ picks: { ...job.picks, [key]: reading } }));
