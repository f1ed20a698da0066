import type { Media } from '../media';
import type {
  Category,
  Reason,
  ReportFilter,
  ReportPage,
  ReportRow,
  ReportSort,
  ReportSummary,
  SourceItem,
} from '../model/import';
import { type EntryStatus, type ScrobbleEntry, statusOf } from '../model/records';
import { entriesOfImport } from '../scrobble/queue';
import { db } from '../store/db';
import { KnownIndex, knownFrom } from './crossref';
import { SiteRecord } from './enrich';
import type { ImportJob } from './job';
import { readItems, readReelRifterRows, readSiteItems } from './job';
import { asReading, dedupe, planOf, waysToRead } from './plan';
import { looseTitle } from './titles';

/**
 * The cross-reference report: each item read beside what ReelRifter already has, how it matched,
 * whether it is there already, will be imported or cannot be (and why), and once the import ran,
 * what became of it. Filtered, sorted and paged like a collection cross-reference.
 */
export const REPORT_PAGE = 50;

/** The rows, computed once per read and kept while the job does not change. */
let memo: { id: string; pagesRead: number; reelrifterRead: boolean; rows: ReportRow[]; index: KnownIndex } | undefined;

/** One item's row, planned and matched against what ReelRifter has. */
function rowOf(item: SourceItem, keys: string[], index: KnownIndex, threshold: number): ReportRow {
  const plan = planOf(item, threshold);
  const found = index.match(item);
  const match = {
    type: found.type,
    confidence: found.confidence,
    ...(found.known
      ? {
          known: {
            title: found.known.title,
            ...(found.known.year !== undefined ? { year: found.known.year } : {}),
            ...(found.known.status ? { status: found.known.status } : {}),
            ...(found.known.episode ? { episode: found.known.episode } : {}),
          },
        }
      : {}),
  };
  const readAs = waysToRead(item);
  const row: ReportRow = { key: keys[0] ?? '', keys, item, plan, match, category: 'to-import', ...(readAs ? { readAs } : {}) };
  if (plan.kind === 'not-importable') return { ...row, category: 'not-importable', reason: plan.reason };
  if (found.already) return { ...row, category: 'already' };
  return plan.optional ? { ...row, optional: true } : row;
}

async function baseRows(job: ImportJob): Promise<{ rows: ReportRow[]; index: KnownIndex }> {
  if (memo && memo.id === job.id && memo.pagesRead === job.pagesRead && memo.reelrifterRead === job.reelrifterRead) {
    return memo;
  }
  const [read, reelrifter, site] = await Promise.all([readItems(job), readReelRifterRows(job), readSiteItems(job)]);
  const index = new KnownIndex(knownFrom(reelrifter.watchlist, reelrifter.history));
  // Export files a site settles: what its record matched, numbered, picked and measured by it.
  const record = site.length > 0 ? new SiteRecord(site) : undefined;
  const items = record ? read.map((item) => record.settle(item)) : read;
  const rows = dedupe(items, job.threshold).map(({ item, keys }) => rowOf(item, keys, index, job.threshold));
  memo = { id: job.id, pagesRead: job.pagesRead, reelrifterRead: job.reelrifterRead, rows, index };
  return memo;
}

/**
 * A row of an uncertain title, read the way the person picked (its key stays the one it was read
 * with, and its ways to read stay offered, so the person can change their mind).
 */
function pickedRow(row: ReportRow, picked: number, index: KnownIndex, threshold: number): ReportRow {
  const readAs = row.readAs ?? waysToRead(row.item);
  return {
    ...rowOf(asReading(row.item, picked), row.keys, index, threshold),
    key: row.key,
    picked,
    ...(readAs ? { readAs } : {}),
  };
}

/** The rows as they stand now: what this person ticked, what earlier imports sent, what this one became. */
export async function currentRows(job: ImportJob): Promise<ReportRow[]> {
  const database = await db();
  const [{ rows: base, index }, importedKeys, entries] = await Promise.all([
    baseRows(job),
    database.getAllKeys('importedKeys'),
    entriesOfImport(job.id),
  ]);
  const before = new Set(importedKeys.map(String));
  const latest = new Map<string, ScrobbleEntry>();
  for (const entry of entries) {
    const key = entry.itemKeys?.[0];
    const seen = key ? latest.get(key) : undefined;
    if (key && (!seen || entry.updatedAt >= seen.updatedAt)) latest.set(key, entry);
  }
  const ticked = new Set(job.ticked);
  const unticked = new Set(job.unticked);
  const rows = base.map((row) => {
    const picked = job.picks[row.key];
    return row.item.readings?.length && picked !== undefined ? pickedRow(row, picked, index, job.threshold) : row;
  });
  return rows.map((row) => {
    const entry = latest.get(row.key);
    if (entry) {
      const outcome = {
        status: statusOf(entry),
        entryKey: entry.key,
        ...(entry.match ? { match: entry.match } : {}),
        ...(entry.failure ? { failure: entry.failure } : {}),
        ...(entry.error ? { error: entry.error } : {}),
      };
      return { ...row, category: 'to-import' as const, outcome, ...(row.optional ? { ticked: true } : {}) };
    }
    if (row.category === 'to-import' && before.has(row.key))
      return { ...row, category: 'already' as const, reason: 'imported-before' as const };
    if (row.optional) {
      const why = row.plan.kind === 'scrobble' ? (row.plan.why ?? 'no-episode-known') : 'no-episode-known';
      const on = (ticked.has(row.key) || (why === 'started' && job.startedToo)) && !unticked.has(row.key);
      return on ? { ...row, ticked: true } : { ...row, ticked: false, category: 'not-importable' as const, reason: why };
    }
    if (row.category === 'to-import') {
      return unticked.has(row.key)
        ? { ...row, leaveOutable: true, category: 'not-importable' as const, reason: 'left-out' as const }
        : { ...row, leaveOutable: true };
    }
    return row;
  });
}

export function summarize(rows: readonly ReportRow[]): ReportSummary {
  const count = (category: Category) => rows.filter((row) => row.category === category).length;
  const reasons: Partial<Record<Reason, number>> = {};
  for (const row of rows) if (row.reason) reasons[row.reason] = (reasons[row.reason] ?? 0) + 1;
  const outcomes = rows.flatMap((row) => (row.outcome ? [row.outcome.status] : []));
  const of = (status: EntryStatus) => outcomes.filter((s) => s === status).length;
  const matched = of('matched');
  const unmatched = of('unmatched');
  const sent = matched + unmatched;
  const already = count('already');
  return {
    read: rows.length,
    already,
    toImport: count('to-import'),
    notImportable: count('not-importable'),
    reasons,
    alreadyRate: rows.length ? already / rows.length : 0,
    queued: outcomes.length,
    sent,
    matched,
    unmatched,
    failed: of('failed'),
    waiting: of('waiting') + of('sending'),
    matchRate: sent ? matched / sent : 0,
  };
}

// Sorting thousands of rows must not normalise a title per comparison: each row's key is worked out once.
const titleKeys = new WeakMap<ReportRow, string>();
const collator = new Intl.Collator();
function titleKey(row: ReportRow): string {
  let key = titleKeys.get(row);
  if (key === undefined) {
    key = looseTitle(row.item.title);
    titleKeys.set(row, key);
  }
  return key;
}
const byTitle = (a: ReportRow, b: ReportRow) =>
  collator.compare(titleKey(a), titleKey(b)) || (a.item.year ?? 0) - (b.item.year ?? 0);
const SORTS: Record<ReportSort, (a: ReportRow, b: ReportRow) => number> = {
  title: byTitle,
  // Newest watched first; undated last.
  watched: (a, b) => (b.item.watchedAt ?? '').localeCompare(a.item.watchedAt ?? '') || byTitle(a, b),
  confidence: (a, b) => b.match.confidence - a.match.confidence || byTitle(a, b),
};

export function pageOf(rows: readonly ReportRow[], filter: ReportFilter, sort: ReportSort, page: number): ReportPage {
  const chosen = rows.filter((row) => filter === 'all' || row.category === filter).sort(SORTS[sort]);
  const pages = Math.max(1, Math.ceil(chosen.length / REPORT_PAGE));
  const at = Math.min(Math.max(1, page), pages);
  return {
    rows: chosen.slice((at - 1) * REPORT_PAGE, at * REPORT_PAGE),
    summary: summarize(rows),
    page: at,
    pages,
    total: chosen.length,
  };
}

/** What the import queues: every row to import, oldest watched first so the newest state wins. */
export function toQueue(rows: readonly ReportRow[]): Array<{ row: ReportRow; action: 'watched' | 'watching'; media: Media }> {
  return rows
    .filter((row) => row.category === 'to-import' && !row.outcome && row.plan.kind === 'scrobble')
    .sort((a, b) => (a.item.watchedAt ?? '').localeCompare(b.item.watchedAt ?? ''))
    .flatMap((row) => (row.plan.kind === 'scrobble' ? [{ row, action: row.plan.action, media: row.plan.media }] : []));
}
