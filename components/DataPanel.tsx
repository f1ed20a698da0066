import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Failure } from '@/utils/model/records';
import { sendToBackground } from '@/utils/protocol/pages';
import { FailureMessage } from './FailureMessage';

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export the results log as JSON or CSV; clear it after a confirmation. Queued scrobbles are never cleared. */
export function DataPanel() {
  const [confirming, setConfirming] = useState(false);
  const [cleared, setCleared] = useState<number | null>(null);
  const [failure, setFailure] = useState<Failure>();
  const stamp = () => new Date().toISOString().slice(0, 10);

  async function exportAs(format: 'json' | 'csv') {
    setFailure(undefined);
    const exported = await sendToBackground({ type: 'results/export', format }).catch(() => undefined);
    if (!exported) return setFailure({ kind: 'background' });
    if (format === 'json') download(`reelrifter-scrobbles-${stamp()}.json`, 'application/json', exported.text);
    else download(`reelrifter-scrobbles-${stamp()}.csv`, 'text/csv', exported.text);
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
            <button
              type="button"
              class="danger"
              onClick={() =>
                void sendToBackground({ type: 'results/clear' }).then(
                  (r) => {
                    setCleared(r.deleted);
                    setConfirming(false);
                  },
                  () => setFailure({ kind: 'background' }),
                )
              }
            >
              {t('clearLogYes')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {cleared !== null && <p role="status">{t('clearedCount', String(cleared))}</p>}
      {failure && <FailureMessage failure={failure} />}
    </section>
  );
}
