import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { downloadText } from '@/components/shared/download';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { t } from '@/utils/i18n';
import { MAX_SETTINGS_BYTES, type SettingsCheck, type SettingsField } from '@/utils/model/settings-file';
import { useAction } from '../hooks/useAction';

const FIELD_WORDS = {
  scrobble: 'settingsField_scrobble',
  notifications: 'settingsField_notifications',
  privateWindows: 'settingsField_privateWindows',
  askFirst: 'settingsField_askFirst',
  sites: 'settingsField_sites',
  servers: 'settingsField_servers',
  chosenSites: 'settingsField_chosenSites',
  blocked: 'settingsField_blocked',
  profiles: 'settingsField_profiles',
} as const satisfies Record<SettingsField, string>;

/**
 * Settings that move with the person: Export settings writes one JSON file (never the token or an
 * import key); a Settings file read back is checked by the background field by field, what it would
 * change and what it cannot take are shown, and Import settings asks the browser for the hosts its
 * servers and chosen sites need before it is applied.
 */
export function SettingsTransfer() {
  const action = useAction();
  const [text, setText] = useState<string>();
  const [check, setCheck] = useState<SettingsCheck>();
  const [done, setDone] = useState<string>();

  async function exportFile() {
    const exported = await action.run({ type: 'settings/export' });
    if (!exported) return;
    downloadText(`reelrifter-settings-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', exported.text);
  }

  async function read(file: File | undefined) {
    setDone(undefined);
    setCheck(undefined);
    if (!file) return setText(undefined);
    // Past a settings file's size (1 MiB, as the background checks): not read at all.
    if (file.size > MAX_SETTINGS_BYTES) return setCheck({ kind: 'not-settings', problem: 'too-big' });
    const content = await file.text();
    setText(content);
    const checked = await action.run({ type: 'settings/check', text: content });
    if (checked) setCheck(checked);
  }

  async function apply() {
    if (!text || check?.kind !== 'settings') return;
    // Asked in answer to this click, before anything else is awaited.
    const permissions = check.notifications ? ['notifications' as const] : [];
    if (check.origins.length > 0 || permissions.length > 0) {
      await browser.permissions.request({ origins: check.origins, permissions }).catch(() => false);
    }
    const applied = await action.run({ type: 'settings/apply', text });
    if (!applied) return;
    setDone(applied.skipped > 0 ? t('settingsImportedSkipped', String(applied.skipped)) : t('settingsImported'));
    setCheck(undefined);
  }

  return (
    <section class="settings-transfer" aria-labelledby="settings-transfer-heading">
      <h2 id="settings-transfer-heading">{t('settingsTransferHeading')}</h2>
      <p class="help">{t('settingsTransferHelp')}</p>
      <div class="row">
        <button type="button" class="secondary" onClick={() => void exportFile()}>
          {t('settingsExport')}
        </button>
      </div>
      <label>
        {t('settingsFile')}
        <input type="file" accept=".json,application/json" onChange={(event) => void read(event.currentTarget.files?.[0])} />
      </label>
      {check && <CheckView check={check} />}
      <div class="row">
        <button
          type="button"
          disabled={check?.kind !== 'settings' || check.changes.length === 0 || action.busy}
          onClick={() => void apply()}
        >
          {t('settingsImport')}
        </button>
      </div>
      {done && <p role="status">{done}</p>}
      {action.failure && <FailureMessage failure={action.failure} />}
    </section>
  );
}

function CheckView({ check }: { check: SettingsCheck }) {
  if (check.kind === 'not-settings') {
    return (
      <p class="error" role="alert">
        {t(check.problem === 'too-big' ? 'settingsTooBig' : 'settingsNotFile')}
      </p>
    );
  }
  return (
    <div class="settings-check" aria-live="polite">
      {check.newer && <p class="warning">{t('settingsNewer')}</p>}
      {check.problems.length > 0 && (
        <ul class="problems">
          {check.problems.map((problem) => (
            <li key={problem.field} class="warning">
              {t(problem.why === 'unknown' ? 'settingsProblem_unknown' : 'settingsProblem_invalid', problem.field)}
            </li>
          ))}
        </ul>
      )}
      {check.changes.length === 0 ? (
        <p class="help">{t('settingsNothingChanges')}</p>
      ) : (
        <>
          <p id="settings-changes">{t('settingsWouldChange')}</p>
          <ul aria-labelledby="settings-changes">
            {check.changes.map((change) => (
              <li key={change.field}>{t(FIELD_WORDS[change.field], String(change.count ?? ''))}</li>
            ))}
          </ul>
        </>
      )}
      {check.origins.length > 0 && <p class="help">{t('settingsAsks')}</p>}
    </div>
  );
}
