import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { AccountStatus, Failure } from '@/utils/model/records';
import { sendToBackground } from '@/utils/protocol/pages';
import { FailureMessage } from './FailureMessage';

export function TokenForm({ onConnected }: { onConnected: (status: AccountStatus) => void }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const outcome = await sendToBackground({ type: 'account/connect', token });
      if (outcome.ok) {
        setToken('');
        onConnected(outcome.status);
      } else {
        setError(outcome.error);
      }
    } catch {
      setError({ kind: 'background' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="token-form" onSubmit={submit}>
      <label for="token">{t('tokenLabel')}</label>
      <input
        id="token"
        name="token"
        type="password"
        autocomplete="off"
        spellcheck={false}
        placeholder="rr_pat_…"
        value={token}
        aria-describedby="token-help"
        aria-invalid={error ? true : undefined}
        onInput={(event) => setToken(event.currentTarget.value)}
        required
      />
      <p id="token-help" class="help">
        {t('tokenHelp')}
      </p>
      {error && <FailureMessage failure={error} />}
      <button type="submit" disabled={busy}>
        {busy ? t('connecting') : t('connect')}
      </button>
    </form>
  );
}
