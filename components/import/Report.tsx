import { useEffect, useState } from 'preact/hooks';
import { downloadText } from '@/components/shared/download';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { ImportView, ReportFilter, ReportSort, ReportSummary } from '@/utils/model/import';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';
import { FileNotesLine } from './FileNotes';
import { Row, Switch } from './ReportRow';
import { percent } from './words';

export type Job = NonNullable<ImportView['job']>;

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
    downloadText(
      `reelrifter-import-${job.source}-${new Date().toISOString().slice(0, 10)}.${format}`,
      format === 'csv' ? 'text/csv' : 'application/json',
      exported.text,
    );
  }

  return (
    <section class="import-report">
      <Summary summary={data.summary} />
      {job.notes && <FileNotesLine notes={job.notes} {...(job.settled ? { settled: job.settled } : {})} />}
      <p class="help">{t('importRatingsNote')}</p>
      {job.phase === 'previewed' && (job.startedToo || (data.summary.reasons.started ?? 0) > 0) && (
        <Switch
          label={t('importStartedToo')}
          on={job.startedToo}
          onChange={async (on) => {
            const answer = await action.run({ type: 'import/started-too', on });
            report.reload();
            return answer;
          }}
        />
      )}
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
