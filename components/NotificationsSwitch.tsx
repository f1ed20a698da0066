import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { NOTIFICATIONS_PERMISSION } from '@/utils/background/notifications';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';

/** Notifications on or off; turning them on asks the browser for the `notifications` permission. */
export function NotificationsSwitch() {
  const [on, setOn] = useState<boolean | null>(null);
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    void Promise.all([sendToBackground({ type: 'settings/read' }), browser.permissions.contains(NOTIFICATIONS_PERMISSION)]).then(
      ([settings, granted]) => setOn(settings.notifications && granted),
    );
  }, []);
  if (on === null) return null;

  async function change(wanted: boolean) {
    setDenied(false);
    // The prompt needs this click: ask before anything else is awaited.
    const granted = wanted ? await browser.permissions.request(NOTIFICATIONS_PERMISSION).catch(() => false) : false;
    if (wanted && !granted) {
      setDenied(true);
      setOn(false);
      return;
    }
    await sendToBackground({ type: 'settings/write', settings: { notifications: wanted } });
    if (!wanted) await browser.permissions.remove(NOTIFICATIONS_PERMISSION).catch(() => false);
    setOn(wanted);
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
    </div>
  );
}
