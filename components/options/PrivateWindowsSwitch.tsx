import { t } from '@/utils/i18n';
import { useSettings } from '../hooks/useSettings';
import { FailureMessage } from '../shared/FailureMessage';

/** Off by default: what plays in a private window is neither kept nor sent unless the person says so. */
export function PrivateWindowsSwitch() {
  const { data: settings, save, saveFailure } = useSettings();
  if (!settings) return null;
  return (
    <div class="private-windows">
      <label class="switch">
        <input
          type="checkbox"
          checked={settings.privateWindows}
          onChange={(event) => void save({ privateWindows: event.currentTarget.checked })}
        />{' '}
        {t('privateWindowsLabel')}
      </label>
      <p class="help">{t('privateWindowsHelp')}</p>
      {saveFailure && <FailureMessage failure={saveFailure} />}
    </div>
  );
}
