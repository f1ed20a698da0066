import { render } from 'preact';
import { browser } from 'wxt/browser';
import { useAccountStatus } from '@/components/hooks/useAccountStatus';
import { ImportLink } from '@/components/import/ImportLink';
import { ApiServerForm } from '@/components/options/ApiServerForm';
import { BlockedPanel } from '@/components/options/BlockedPanel';
import { DataPanel } from '@/components/options/DataPanel';
import { NotificationsSwitch } from '@/components/options/NotificationsSwitch';
import { ProfilesPanel } from '@/components/options/ProfilesPanel';
import { ScrobbleSettingsForm } from '@/components/options/ScrobbleSettingsForm';
import { SettingSwitch } from '@/components/options/SettingSwitch';
import { SettingsTransfer } from '@/components/options/SettingsTransfer';
import { SitesPanel } from '@/components/options/SitesPanel';
import { ConnectionPanel } from '@/components/shared/ConnectionPanel';
import { FailureMessage } from '@/components/shared/FailureMessage';
import '@/components/shared/theme.css';
import { t } from '@/utils/i18n';
import './options.css';

function Options() {
  const [status, setStatus, failure] = useAccountStatus();
  return (
    <main>
      <h1>{t('settingsTitle')}</h1>
      {failure && <FailureMessage failure={failure} />}
      {/* Everything at once, so nothing moves under the person's pointer as the account's part arrives above. */}
      {!status && !failure ? (
        <p class="help">{t('loading')}</p>
      ) : (
        <>
          {status && (
            <>
              <h2>{t('accountHeading')}</h2>
              <ConnectionPanel status={status} onChange={setStatus} />
              <h2>{t('serverHeading')}</h2>
              <ApiServerForm status={status} onChange={setStatus} />
            </>
          )}
          <h2>{t('scrobblingHeading')}</h2>
          <ScrobbleSettingsForm />
          <NotificationsSwitch />
          <SettingSwitch field="privateWindows" />
          <SettingSwitch field="askFirst" />
          <h2>{t('sitesHeading')}</h2>
          <SitesPanel />
          <BlockedPanel />
          <ProfilesPanel />
          <h2>{t('dataHeading')}</h2>
          <ImportLink />
          <DataPanel />
          <SettingsTransfer />
        </>
      )}
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
const root = document.getElementById('app');
if (root) render(<Options />, root);
