import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { AccountStatus } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { FailureMessage } from './FailureMessage';

export function TokenForm({ onConnected }: { onConnected: (status: AccountStatus) => void }) {
  const [token, setToken] = useState('');
  const connecting = useAction();
  const { busy, failure } = connecting;

  async function submit(event: Event) {
    event.preventDefault();
    const connected = await connecting.run({ type: 'account/connect', token });
    if (!connected) return;
    setToken('');
    onConnected(connected.status);
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
        aria-invalid={failure ? true : undefined}
        onInput={(event) => setToken(event.currentTarget.value)}
        required
      />
      <p id="token-help" class="help">
        {t('tokenHelp')}
      </p>
      {failure && <FailureMessage failure={failure} />}
      <button type="submit" disabled={busy}>
        {busy ? t('connecting') : t('connect')}
      </button>
    </form>
  );
}
