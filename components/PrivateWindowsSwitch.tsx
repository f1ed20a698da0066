import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messages';

/** Off by default: what plays in a private window is neither kept nor sent unless the person says so. */
export function PrivateWindowsSwitch() {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void sendToBackground({ type: 'settings/read' }).then((settings) => setOn(settings.privateWindows));
  }, []);
  if (on === null) return null;
  return (
    <div class="private-windows">
      <label class="switch">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) =>
            void sendToBackground({ type: 'settings/write', settings: { privateWindows: event.currentTarget.checked } }).then(
              (settings) => setOn(settings.privateWindows),
            )
          }
        />{' '}
        {t('privateWindowsLabel')}
      </label>
      <p class="help">{t('privateWindowsHelp')}</p>
    </div>
  );
}
