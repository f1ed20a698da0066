import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';
import { toCsv, toJson } from '@/utils/scrobble/export';

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
  const stamp = () => new Date().toISOString().slice(0, 10);

  async function exportAs(format: 'json' | 'csv') {
    const entries = await sendToBackground({ type: 'results/export' });
    if (format === 'json') download(`reelrifter-scrobbles-${stamp()}.json`, 'application/json', toJson(entries));
    else download(`reelrifter-scrobbles-${stamp()}.csv`, 'text/csv', toCsv(entries));
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
                void sendToBackground({ type: 'results/clear' }).then((r) => {
                  setCleared(r.deleted);
                  setConfirming(false);
                })
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
    </section>
  );
}
