import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { HistoryList, WatchlistList } from '@/components/AccountLists';
import { ConnectionPanel } from '@/components/ConnectionPanel';
import { FailureMessage } from '@/components/FailureMessage';
import { ImportLink } from '@/components/import/ImportLink';
import { NowPlaying } from '@/components/NowPlaying';
import { PauseSwitch } from '@/components/PauseSwitch';
import { RecentScrobbles } from '@/components/RecentScrobbles';
import { Tabs } from '@/components/Tabs';
import '@/components/theme.css';
import { useAccountStatus } from '@/components/useAccountStatus';
import { t } from '@/utils/i18n';
import { sendToBackground } from '@/utils/protocol/pages';
import './popup.css';

function Popup() {
  const [status, setStatus, failure] = useAccountStatus();
  // Opening the popup is seeing what needed attention: the toolbar badge lets go of it.
  useEffect(() => {
    void sendToBackground({ type: 'badge/seen' }).catch(() => undefined);
  }, []);
  return (
    <main>
      <h1>{t('extName')}</h1>
      {failure && <FailureMessage failure={failure} />}
      {!status && !failure && <p class="help">{t('loading')}</p>}
      {status && <ConnectionPanel status={status} onChange={setStatus} />}
      {status && status.connection.state !== 'disconnected' && (
        <Tabs
          tabs={[
            {
              id: 'now',
              label: t('tabNow'),
              panel: () => (
                <>
                  <PauseSwitch />
                  <NowPlaying />
                  <RecentScrobbles />
                </>
              ),
            },
            { id: 'history', label: t('tabHistory'), panel: () => <HistoryList /> },
            { id: 'watchlist', label: t('tabWatchlist'), panel: () => <WatchlistList /> },
          ]}
        />
      )}
      <footer>
        <ImportLink withProgress />
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
