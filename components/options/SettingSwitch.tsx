import { FailureMessage } from '@/components/shared/FailureMessage';
import { type MessageKey, t } from '@/utils/i18n';
import type { SettingsView } from '@/utils/model/records';
import { useSettings } from '../hooks/useSettings';

/** The settings that are one switch each, with the words that name and explain them. */
const SWITCHES = {
  /** Off by default: what plays in a private window is neither kept nor sent unless the person says so. */
  privateWindows: { label: 'privateWindowsLabel', help: 'privateWindowsHelp', class: 'private-windows' },
  /** Off by default: once on, every site's viewings wait for the person's answer before anything is sent. */
  askFirst: { label: 'askFirstLabel', help: 'askFirstHelp', class: 'ask-first' },
} satisfies Record<string, { label: MessageKey; help: MessageKey; class: string }>;

export function SettingSwitch({ field }: { field: keyof typeof SWITCHES & keyof SettingsView }) {
  const { data: settings, save, saveFailure } = useSettings();
  if (!settings) return null;
  const words = SWITCHES[field];
  return (
    <div class={words.class}>
      <label class="switch">
        <input
          type="checkbox"
          checked={settings[field]}
          onChange={(event) => void save({ [field]: event.currentTarget.checked })}
        />{' '}
        {t(words.label)}
      </label>
      <p class="help">{t(words.help)}</p>
      {saveFailure && <FailureMessage failure={saveFailure} />}
    </div>
  );
}
