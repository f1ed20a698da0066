import { useEffect, useState } from 'preact/hooks';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import { useSettings } from '../hooks/useSettings';

/** When a viewing counts as watched, and how long before it counts as watching. */
export function ScrobbleSettingsForm() {
  // Undefined until what is saved is known: the form takes nothing before (a value typed then would be overwritten, an empty field saved as 0).
  const [percent, setPercent] = useState<string>();
  const [seconds, setSeconds] = useState<string>();
  const [status, setStatus] = useState<'saved' | 'invalid' | null>(null);
  const { data: settings, error: readFailure, reload, save: saveSettings, saveFailure } = useSettings();
  // The form shows what is saved once it is known, and again whenever it changes elsewhere.
  const saved = settings?.scrobble;
  useEffect(() => {
    if (!saved) return;
    setPercent(String(Math.round(saved.watchedThreshold * 100)));
    setSeconds(String(saved.minWatchingSeconds));
  }, [saved?.watchedThreshold, saved?.minWatchingSeconds]);

  async function save() {
    // An empty field is not 0.
    const p = percent?.trim() ? Number(percent) : Number.NaN;
    const s = seconds?.trim() ? Number(seconds) : Number.NaN;
    if (!Number.isInteger(p) || p < 5 || p > 100 || !Number.isInteger(s) || s < 0 || s > 3600) return setStatus('invalid');
    const saved = await saveSettings({ scrobble: { watchedThreshold: p / 100, minWatchingSeconds: s } });
    setStatus(saved ? 'saved' : null);
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset class="plain" disabled={percent === undefined || seconds === undefined}>
        <label for="watched-threshold">{t('watchedThresholdLabel')}</label>
        <input
          id="watched-threshold"
          type="number"
          min={5}
          max={100}
          step={1}
          value={percent ?? ''}
          aria-describedby="watched-threshold-help"
          onInput={(e) => setPercent(e.currentTarget.value)}
        />
        <p id="watched-threshold-help" class="help">
          {t('watchedThresholdHelp')}
        </p>
        <label for="min-watching">{t('minWatchingLabel')}</label>
        <input
          id="min-watching"
          type="number"
          min={0}
          max={3600}
          step={1}
          value={seconds ?? ''}
          aria-describedby="min-watching-help"
          onInput={(e) => setSeconds(e.currentTarget.value)}
        />
        <p id="min-watching-help" class="help">
          {t('minWatchingHelp')}
        </p>
        {status === 'invalid' ? (
          <p class="error" role="alert">
            {t('settingsInvalid')}
          </p>
        ) : (
          saveFailure && <FailureMessage failure={saveFailure} />
        )}
        {status === 'saved' && <p role="status">{t('saved')}</p>}
        <div class="row">
          <button type="submit">{t('save')}</button>
        </div>
      </fieldset>
      {/* Outside the closed fieldset, so its Try again can be pressed. */}
      {readFailure && !saveFailure && <FailureMessage failure={readFailure} onRetry={reload} />}
    </form>
  );
}
