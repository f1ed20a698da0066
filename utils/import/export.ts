import type { ReportRow, ReportSummary } from '../model/import';
import { csvField } from '../scrobble/log';

/** The import's cross-reference report, for a download: one row per title read. */
export const REPORT_COLUMNS = [
  'source',
  'list',
  'type',
  'title',
  'year',
  'season',
  'episode',
  'rating',
  'watchedAt',
  'category',
  'reason',
  'matchType',
  'matchConfidence',
  'reelrifterTitle',
  'reelrifterYear',
  'outcome',
  'matchedTitle',
  'error',
] as const;

export function reportCsv(rows: readonly ReportRow[]): string {
  const lines = rows.map((row) => {
    const media = row.plan.kind === 'scrobble' ? row.plan.media : undefined;
    return [
      row.item.source,
      row.item.list,
      row.item.mediaType,
      row.item.title,
      row.item.year,
      media?.season,
      media?.episode,
      row.item.rating,
      row.item.watchedAt,
      row.category,
      row.reason,
      row.match.type,
      row.match.confidence,
      row.match.known?.title,
      row.match.known?.year,
      row.outcome?.status,
      row.outcome?.match?.title,
      row.outcome?.error,
    ]
      .map(csvField)
      .join(',');
  });
  return `${[REPORT_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

export function reportJson(rows: readonly ReportRow[], summary: ReportSummary): string {
  return JSON.stringify(
    {
      summary,
      items: rows.map((row) => ({
        source: row.item.source,
        list: row.item.list,
        item: {
          type: row.item.mediaType,
          title: row.item.title,
          year: row.item.year ?? null,
          rating: row.item.rating ?? null,
          watchedAt: row.item.watchedAt ?? null,
        },
        scrobble: row.plan.kind === 'scrobble' ? { action: row.plan.action, ...row.plan.media } : null,
        category: row.category,
        reason: row.reason ?? null,
        reelrifter: row.match.known ?? null,
        matchType: row.match.type,
        matchConfidence: row.match.confidence,
        outcome: row.outcome
          ? { status: row.outcome.status, match: row.outcome.match ?? null, error: row.outcome.error ?? null }
          : null,
      })),
    },
    null,
    2,
  );
}
