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
        <NumberField
          id="watched-threshold"
          label={t('watchedThresholdLabel')}
          help={t('watchedThresholdHelp')}
          min={5}
          max={100}
          value={percent}
          onInput={setPercent}
        />
        <NumberField
          id="min-watching"
          label={t('minWatchingLabel')}
          help={t('minWatchingHelp')}
          min={0}
          max={3600}
          value={seconds}
          onInput={setSeconds}
        />
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

/** A whole number in a range, with its label and its help under it. */
function NumberField(props: {
  id: string;
  label: string;
  help: string;
  min: number;
  max: number;
  value: string | undefined;
  onInput: (value: string) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value ?? ''}
        aria-describedby={`${props.id}-help`}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <p id={`${props.id}-help`} class="help">
        {props.help}
      </p>
    </>
  );
}
