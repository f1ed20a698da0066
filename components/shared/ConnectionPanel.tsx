import { t } from '@/utils/i18n';
import type { AccountStatus, AccountView } from '@/utils/model/records';
import { useAction } from '../hooks/useAction';
import { FailureMessage } from './FailureMessage';
import { forgetLastView } from './lastView';
import { TokenForm } from './TokenForm';

export function displayName(account: AccountView): string {
  return account.name || account.username || t('yourAccount');
}

export function ConnectionPanel({ status, onChange }: { status: AccountStatus; onChange: (status: AccountStatus) => void }) {
  const disconnecting = useAction();
  const { connection } = status;

  async function disconnect() {
    const disconnected = await disconnecting.run({ type: 'account/disconnect' });
    if (!disconnected) return;
    forgetLastView(); // the popup's last view names the account
    onChange(disconnected);
  }

  if (connection.state === 'connected') {
    const { account } = connection;
    return (
      <section class="connection" data-state="connected" aria-live="polite">
        <p class="account">
          {t('connectedAs', displayName(account))}
          {account.username && account.name && <span class="username"> @{account.username}</span>}
        </p>
        <button type="button" class="secondary" onClick={() => void disconnect()} disabled={disconnecting.busy}>
          {t('disconnect')}
        </button>
        {disconnecting.failure && <FailureMessage failure={disconnecting.failure} />}
      </section>
    );
  }

  return (
    <section class="connection" data-state={connection.state} aria-live="polite">
      {connection.state === 'reconnect' ? (
        <p class="warning" role="status">
          {t('reconnectNeeded')}
        </p>
      ) : (
        <p>{t('notConnected')}</p>
      )}
      <TokenForm onConnected={onChange} />
    </section>
  );
}
