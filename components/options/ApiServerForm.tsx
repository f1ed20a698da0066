import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import type { AccountStatus } from '@/utils/model/records';
import { checkApiUrl, serverPattern } from '@/utils/origins';
import { useAction } from '../hooks/useAction';

export function ApiServerForm({ status, onChange }: { status: AccountStatus; onChange: (status: AccountStatus) => void }) {
  const [url, setUrl] = useState(status.apiUrl);
  const saving = useAction();
  const [saved, setSaved] = useState(false);

  async function save(next: string | null) {
    saving.clear();
    setSaved(false);
    if (next !== null) {
      const checked = checkApiUrl(next);
      // The permission prompt needs the user's click, so it is asked here before anything is awaited.
      if (checked.ok) await browser.permissions.request({ origins: [serverPattern(checked.url)] }).catch(() => false);
    }
    const outcome = await saving.run({ type: 'settings/apiUrl', url: next });
    if (!outcome) return;
    setUrl(outcome.status.apiUrl);
    setSaved(true);
    onChange(outcome.status);
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save(url);
      }}
    >
      <label for="api-url">{t('serverLabel')}</label>
      <input
        id="api-url"
        type="url"
        value={url}
        aria-describedby="api-url-help"
        onInput={(event) => setUrl(event.currentTarget.value)}
        required
      />
      <p id="api-url-help" class="help">
        {t('serverHelp')}
      </p>
      {saving.failure && <FailureMessage failure={saving.failure} />}
      {saved && <p role="status">{t('saved')}</p>}
      <div class="row">
        <button type="submit">{t('save')}</button>
        <button type="button" class="secondary" onClick={() => void save(null)}>
          {t('useDefault')}
        </button>
      </div>
    </form>
  );
}
