import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ConnectionPanel } from '@/components/ConnectionPanel';
import { NowPlaying } from '@/components/NowPlaying';
import { PauseSwitch } from '@/components/PauseSwitch';
import { RecentScrobbles } from '@/components/RecentScrobbles';
import '@/components/theme.css';
import { useAccountStatus } from '@/components/useAccountStatus';
import { t } from '@/utils/i18n';
import './popup.css';

function Popup() {
  const [status, setStatus, failed] = useAccountStatus();
  return (
    <main>
      <h1>{t('extName')}</h1>
      {failed && <p class="error">{t('backgroundUnavailable')}</p>}
      {!status && !failed && <p class="help">{t('loading')}</p>}
      {status && <ConnectionPanel status={status} onChange={setStatus} />}
      {status && status.connection.state !== 'disconnected' && (
        <>
          <PauseSwitch />
          <NowPlaying />
          <RecentScrobbles />
        </>
      )}
      <footer>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('openSettings')}
        </a>
      </footer>
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
const root = document.getElementById('app');
if (root) render(<Popup />, root);
