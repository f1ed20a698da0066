import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useAccountStatus } from '@/components/hooks/useAccountStatus';
import { useAction } from '@/components/hooks/useAction';
import { ImportLink } from '@/components/import/ImportLink';
import { HistoryList, WatchlistList } from '@/components/popup/AccountLists';
import { AskList } from '@/components/popup/AskList';
import { NowPlaying } from '@/components/popup/NowPlaying';
import { PauseSwitch } from '@/components/popup/PauseSwitch';
import { RecentScrobbles } from '@/components/popup/RecentScrobbles';
import { Tabs } from '@/components/popup/Tabs';
import { ConnectionPanel } from '@/components/shared/ConnectionPanel';
import { FailureMessage } from '@/components/shared/FailureMessage';
import { followLastView, forgetLastView, liveRoot, showLive } from '@/components/shared/lastView';
import '@/components/shared/theme.css';
import { t } from '@/utils/i18n';
import './popup.css';

function Popup() {
  const [status, setStatus, failure] = useAccountStatus();
  // Opening the popup is seeing what needed attention: the toolbar badge lets go of it. Its failure
  // is not shown: a background that does not answer already shows, as the account's.
  const { run } = useAction();
  useEffect(() => {
    void run({ type: 'badge/seen' });
  }, [run]);
  // No log to wait for: the live view shows at once, and a disconnected popup keeps no last view.
  const disconnected = status?.connection.state === 'disconnected';
  useEffect(() => {
    if (disconnected) forgetLastView();
    if (disconnected || failure) showLive();
  }, [disconnected, failure]);
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
                  <AskList />
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
const root = liveRoot();
if (root) {
  render(<Popup />, root);
  followLastView(root);
  // A background slower than this shows its own "Loading…" rather than an old view.
  setTimeout(showLive, 2_000);
}
