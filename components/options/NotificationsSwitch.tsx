import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import { NOTIFICATIONS_PERMISSION } from '@/utils/permissions';
import { useSettings } from '../hooks/useSettings';

/** Notifications on or off; turning them on asks the browser for the `notifications` permission. */
export function NotificationsSwitch() {
  const { data: settings, save, saveFailure } = useSettings();
  const [granted, setGranted] = useState<boolean>();
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    void browser.permissions.contains(NOTIFICATIONS_PERMISSION).then(setGranted);
  }, []);
  if (!settings || granted === undefined) return null;
  const on = settings.notifications && granted;

  async function change(wanted: boolean) {
    setDenied(false);
    // The prompt needs this click: ask before anything else is awaited.
    const granted = wanted ? await browser.permissions.request(NOTIFICATIONS_PERMISSION).catch(() => false) : false;
    if (wanted && !granted) {
      setDenied(true);
      return;
    }
    if (!(await save({ notifications: wanted }))) return;
    if (!wanted) await browser.permissions.remove(NOTIFICATIONS_PERMISSION).catch(() => false);
    setGranted(wanted);
  }

  return (
    <div class="notifications">
      <label class="switch">
        <input type="checkbox" checked={on} onChange={(event) => void change(event.currentTarget.checked)} />{' '}
        {t('notificationsLabel')}
      </label>
      <p class="help">{t('notificationsHelp')}</p>
      {denied && (
        <p class="error" role="alert">
          {t('notificationsDenied')}
        </p>
      )}
      {saveFailure && <FailureMessage failure={saveFailure} />}
    </div>
  );
}
