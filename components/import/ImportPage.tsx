import { useEffect } from 'preact/hooks';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { failureText } from '@/components/shared/failure';
import { t } from '@/utils/i18n';
import type { ImportView } from '@/utils/model/import';
import { useAccountStatus } from '../hooks/useAccountStatus';
import { useAction } from '../hooks/useAction';
import { useBackground } from '../hooks/useBackground';
import { ImportProgress } from './ImportProgress';
import { Report } from './Report';
import { SourceForm } from './SourceForm';
import { sourceFailureText } from './words';

/**
 * The import page: choose a service, give its key, Preview (read everything and cross-reference it
 * with ReelRifter), then Import what is missing, with Pause, Resume and Cancel, and the report.
 */
/** While an import reads or sends, the page asks how far it has come this often (which also wakes a stopped worker). */
const FOLLOW_MS = 5_000;

export function ImportPage() {
  const view = useBackground({ type: 'import/view' }, ['import']);
  const [status] = useAccountStatus();
  const job = view.data?.job ?? null;
  const working = job?.phase === 'reading' || job?.phase === 'importing';
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(view.reload, FOLLOW_MS);
    return () => clearInterval(timer);
  }, [working, view.reload]);
  const connected = status?.connection.state === 'connected';
  return (
    <main>
      <h1>{t('importTitle')}</h1>
      <p class="help">{t('importIntro')}</p>
      {view.error && <FailureMessage failure={view.error} onRetry={view.reload} />}
      {status && !connected && <p class="warning">{t('importNeedsConnection')}</p>}
      {view.data && <SourceForm view={view.data} disabled={!connected} onChange={view.reload} />}
      {job && <JobStatus view={view.data as ImportView} onChange={view.reload} />}
      {job && hasReport(view.data as ImportView) && <Report job={job} />}
    </main>
  );
}

/** A report to show: the read finished (a read stopped before it has none). */
function hasReport(view: ImportView): boolean {
  const phase = view.job?.phase;
  if (phase === 'reading' || phase === 'read-failed') return false;
  return phase !== 'cancelled' || view.progress !== null;
}

function JobStatus({ view, onChange }: { view: ImportView; onChange: () => void }) {
  const job = view.job;
  const action = useAction();
  if (!job) return null;
  const act = async (type: 'import/retry' | 'import/pause' | 'import/resume' | 'import/cancel') => {
    await action.run({ type });
    onChange();
  };
  return (
    <section class="import-status" aria-live="polite">
      {job.phase === 'reading' && (
        <>
          <p>{t('importReading', [t(job.label), String(job.pagesRead), String(job.itemsRead)])}</p>
          {job.pages ? <progress max={job.pages} value={job.pagesRead} aria-label={t('importReportLabel')} /> : <progress />}
          <div class="row">
            <button type="button" class="danger" onClick={() => void act('import/cancel')}>
              {t('importCancelRead')}
            </button>
          </div>
        </>
      )}
      {job.phase === 'read-failed' && job.failure && (
        <>
          <p class="error" role="alert">
            {job.failure.service === 'reelrifter'
              ? t('importReadFailedReelRifter', failureText(job.failure))
              : t('importReadFailed', sourceFailureText(job.failure, t(job.label)))}
          </p>
          {/* Files are given again, with Preview above: there is nothing to try again here. */}
          {view.sources.find((source) => source.id === job.source)?.kind !== 'files' && (
            <button type="button" onClick={() => void act('import/retry')}>
              {t('importTryAgain')}
            </button>
          )}
        </>
      )}
      {(job.phase === 'importing' || job.phase === 'paused') && view.progress && (
        <>
          <ImportProgress job={job} progress={view.progress} />
          {job.phase === 'paused' && <p class="warning">{t('importPaused')}</p>}
          <div class="row">
            {job.phase === 'importing' ? (
              <button type="button" class="secondary" onClick={() => void act('import/pause')}>
                {t('importPause')}
              </button>
            ) : (
              <button type="button" onClick={() => void act('import/resume')}>
                {t('importResume')}
              </button>
            )}
            <button type="button" class="danger" onClick={() => void act('import/cancel')}>
              {t('importCancel')}
            </button>
          </div>
        </>
      )}
      {job.phase === 'done' && <p role="status">{t('importDone')}</p>}
      {job.phase === 'cancelled' && <p role="status">{t(view.progress ? 'importCancelled' : 'importReadStopped')}</p>}
      {action.failure && <FailureMessage failure={action.failure} />}
    </section>
  );
}
