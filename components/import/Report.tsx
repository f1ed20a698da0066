import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { describeMedia } from '@/utils/media';
import type { ImportView, ReportFilter, ReportRow, ReportSort, ReportSummary } from '@/utils/model/import';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';
import { formatDate } from '../shared/dates';
import { FailureMessage } from '../shared/FailureMessage';
import { FixControls } from '../shared/FixControls';
import { entryFailureText } from '../shared/failure';
import { listLabel, matchLabel, percent } from './words';

type Job = NonNullable<ImportView['job']>;

/** The cross-reference: a summary, filters, sorting, 50 rows a page; Import; the outcome of each once sent. */
export function Report({ job }: { job: Job }) {
  const [filter, setFilter] = useState<ReportFilter>('all');
  const [sort, setSort] = useState<ReportSort>('title');
  const [page, setPage] = useState(1);
  const report = useBackground({ type: 'import/report', filter, sort, page }, ['import', 'log']);
  const action = useAction();
  const data = report.data;
  useEffect(() => {
    // For bench/import.ts: the moment the report is on screen.
    if (data) performance.mark('reelrifter:report-rendered');
  }, [data !== undefined]);
  if (report.error) return <FailureMessage failure={report.error} onRetry={report.reload} />;
  if (!data) return <p class="help">{t('loading')}</p>;

  async function start() {
    await action.run({ type: 'import/start' });
    report.reload();
  }

  async function download(format: 'csv' | 'json') {
    const exported = await action.run({ type: 'import/export', format });
    if (!exported) return;
    const url = URL.createObjectURL(new Blob([exported.text], { type: format === 'csv' ? 'text/csv' : 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `reelrifter-import-${job.source}-${new Date().toISOString().slice(0, 10)}.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section class="import-report">
      <Summary summary={data.summary} />
      <p class="help">{t('importRatingsNote')}</p>
      {job.phase === 'previewed' && data.summary.toImport > 0 && (
        <div class="row">
          <button type="button" onClick={() => void start()}>
            {t('importStart')}
          </button>
        </div>
      )}
      {action.failure && <FailureMessage failure={action.failure} />}
      <div class="row">
        <label>
          {t('importFilter')}{' '}
          <select
            value={filter}
            onChange={(event) => {
              setFilter(event.currentTarget.value as ReportFilter);
              setPage(1);
            }}
          >
            <option value="all">{t('importFilterAll')}</option>
            <option value="already">{t('importFilterAlready')}</option>
            <option value="to-import">{t('importFilterToImport')}</option>
            <option value="not-importable">{t('importFilterNot')}</option>
          </select>
        </label>
        <label>
          {t('importSort')}{' '}
          <select value={sort} onChange={(event) => setSort(event.currentTarget.value as ReportSort)}>
            <option value="title">{t('importSortTitle')}</option>
            <option value="watched">{t('importSortWatched')}</option>
            <option value="confidence">{t('importSortConfidence')}</option>
          </select>
        </label>
      </div>
      {data.rows.length === 0 ? (
        <p class="help">{t('importNothingHere')}</p>
      ) : (
        <ul class="report" aria-label={t('importReportLabel')}>
          {data.rows.map((row) => (
            <Row key={row.key} row={row} job={job} onChange={report.reload} />
          ))}
        </ul>
      )}
      <div class="pager">
        <button type="button" class="secondary" disabled={data.page <= 1} onClick={() => setPage(data.page - 1)}>
          {t('importPrevious')}
        </button>
        <span>{t('importPage', [String(data.page), String(data.pages)])}</span>
        <button type="button" class="secondary" disabled={data.page >= data.pages} onClick={() => setPage(data.page + 1)}>
          {t('importNext')}
        </button>
      </div>
      <div class="row">
        <button type="button" class="secondary" onClick={() => void download('csv')}>
          {t('importExportCsv')}
        </button>
        <button type="button" class="secondary" onClick={() => void download('json')}>
          {t('importExportJson')}
        </button>
      </div>
    </section>
  );
}

function Summary({ summary }: { summary: ReportSummary }) {
  return (
    <div class="report-summary" data-testid="import-summary">
      <p>
        {t('importSummaryRead', [
          String(summary.read),
          String(summary.already),
          percent(summary.alreadyRate),
          String(summary.toImport),
          String(summary.notImportable),
        ])}
      </p>
      {summary.queued > 0 && (
        <p data-testid="import-sent">
          {t('importSummarySent', [
            String(summary.sent),
            String(summary.matched),
            String(summary.unmatched),
            percent(summary.matchRate),
          ])}
        </p>
      )}
    </div>
  );
}

function Row({ row, job, onChange }: { row: ReportRow; job: Job; onChange: () => void }) {
  const { item } = row;
  const what = describeMedia(
    row.plan.kind === 'scrobble' ? row.plan.media : { title: item.title, ...(item.year ? { year: item.year } : {}) },
  );
  const from = [
    t('importFrom', [t(job.label), listLabel(item.list)]),
    ...(item.rating !== undefined ? [t('importRated', [String(item.rating), String(job.ratingScale)])] : []),
    ...(item.watchedAt ? [t('importWatchedOn', formatDate(item.watchedAt) ?? item.watchedAt)] : []),
  ].join(' · ');
  const known = row.match.known;
  const matchLine = known
    ? t('importMatched', [
        describeMedia({ title: known.title, ...(known.year ? { year: known.year } : {}), ...(known.episode ?? {}) }),
        matchLabel(row.match.type),
        percent(row.match.confidence),
      ])
    : t('importNoMatch');

  const action = useAction();
  async function tick(on: boolean) {
    await action.run({ type: 'import/tick', key: row.key, on });
    onChange();
  }

  const status = row.outcome?.status;
  return (
    <li data-category={row.category} data-outcome={status ?? ''}>
      <span class="what">{what}</span>
      <span class="detail">{from}</span>
      <span class="detail">{matchLine}</span>
      <span class="category">{categoryLine(row, what)}</span>
      {row.optional && job.phase === 'previewed' && (
        <label class="switch">
          <input type="checkbox" checked={row.ticked === true} onChange={(event) => void tick(event.currentTarget.checked)} />{' '}
          {t('importTick', what)}
        </label>
      )}
      {row.outcome && <span class="outcome">{outcomeLine(row)}</span>}
      {row.outcome && row.plan.kind === 'scrobble' && (
        <FixControls
          entryKey={row.outcome.entryKey}
          status={row.outcome.status}
          what={what}
          media={row.plan.media}
          onResent={onChange}
        />
      )}
      {action.failure && <FailureMessage failure={action.failure} />}
    </li>
  );
}

const REASONS = {
  'want-to-watch': 'importReason_want_to_watch',
  'nothing-watched': 'importReason_nothing_watched',
  'no-title': 'importReason_no_title',
  'no-episode-known': 'importReason_no_episode_known',
  'imported-before': 'importReason_imported_before',
} as const;

function categoryLine(row: ReportRow, what: string): string {
  if (row.reason) return t(REASONS[row.reason]);
  if (row.category === 'already') return t('importCategory_already');
  if (row.category === 'to-import' && row.plan.kind === 'scrobble') {
    return t('importCategory_toImport', `${row.plan.action === 'watched' ? t('actionWatched') : t('actionWatching')} ${what}`);
  }
  return '';
}

function outcomeLine(row: ReportRow): string {
  const outcome = row.outcome;
  if (!outcome) return '';
  switch (outcome.status) {
    case 'matched':
      return t('outcomeMatched', outcome.match ? describeMedia(outcome.match) : '');
    case 'unmatched':
      return t('outcomeUnmatched');
    case 'waiting':
      return t('importWaiting', entryFailureText(outcome));
    case 'failed':
      return t('outcomeFailed', entryFailureText(outcome));
    default:
      return t('outcomeSending');
  }
}
