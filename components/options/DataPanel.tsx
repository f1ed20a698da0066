import { useState } from 'preact/hooks';
import { downloadText } from '@/components/shared/download';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { forgetLastView } from '@/components/shared/lastView';
import { t } from '@/utils/i18n';
import { useAction } from '../hooks/useAction';

/** Export the results log as JSON or CSV; clear it after a confirmation. Queued scrobbles are never cleared. */
export function DataPanel() {
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState<number | null>(null);
  // Exporting and clearing: one failure shown, the latest action's.
  const action = useAction();
  const stamp = () => new Date().toISOString().slice(0, 10);

  async function exportAs(format: 'json' | 'csv') {
    const exported = await action.run({ type: 'results/export', format });
    if (!exported) return;
    if (format === 'json') downloadText(`reelrifter-scrobbles-${stamp()}.json`, 'application/json', exported.text);
    else downloadText(`reelrifter-scrobbles-${stamp()}.csv`, 'text/csv', exported.text);
  }

  async function clear() {
    const done = await action.run({ type: 'results/clear' });
    if (!done) return;
    forgetLastView(); // the popup's last view shows the log
    setCleared(done.deleted);
    setConfirming(false);
  }

  return (
    <section class="data">
      <div class="row">
        <button type="button" class="secondary" onClick={() => void exportAs('json')}>
          {t('exportJson')}
        </button>
        <button type="button" class="secondary" onClick={() => void exportAs('csv')}>
          {t('exportCsv')}
        </button>
      </div>
      {!confirming ? (
        <div class="row">
          <button type="button" class="secondary" onClick={() => setConfirming(true)}>
            {t('clearLog')}
          </button>
        </div>
      ) : (
        <div class="confirm">
          <p class="warning">{t('clearLogConfirm')}</p>
          <div class="row">
            <button type="button" class="danger" onClick={() => void clear()}>
              {t('clearLogYes')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {cleared !== null && <p role="status">{t('clearedCount', String(cleared))}</p>}
      {action.failure && <FailureMessage failure={action.failure} />}
    </section>
  );
}
