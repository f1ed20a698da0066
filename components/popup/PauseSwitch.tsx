import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import { useSettings } from '../hooks/useSettings';

/** Pauses all scrobbling: while on, nothing that plays is tracked or sent. */
export function PauseSwitch() {
  const { data: settings, save, saveFailure } = useSettings();
  if (!settings) return null;
  return (
    <div class="pause" data-paused={settings.paused}>
      <label>
        <input
          type="checkbox"
          checked={settings.paused}
          onChange={(event) => void save({ paused: event.currentTarget.checked })}
        />{' '}
        {t('pauseScrobbling')}
      </label>
      {settings.paused && <p class="warning">{t('pausedNotice')}</p>}
      {saveFailure && <FailureMessage failure={saveFailure} />}
    </div>
  );
}
