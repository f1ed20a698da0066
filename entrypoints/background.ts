import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { accountStatus, connect, disconnect, setApiUrl } from '@/utils/account';
import { type PlaybackReport, playbackReportSchema } from '@/utils/background/content-messages';
import { type PageRequest, pageRequestSchema } from '@/utils/background/page-requests';
import { handleReport } from '@/utils/background/playback';
import { isExtensionPage } from '@/utils/messages';
import { recentEntries, releaseReconnectWaits } from '@/utils/scrobble/outbox';
import { armRetryAlarm, flushOutbox, RETRY_ALARM } from '@/utils/scrobble/sender';
import { readTabViewing, setTabViewing } from '@/utils/scrobble/tabs';
import { readScrobbleSettings } from '@/utils/settings';
import { connectorById } from '@/utils/sites/registry';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isExtensionPage(sender)) {
      const parsed = pageRequestSchema.safeParse(message);
      return parsed.success ? handlePageRequest(parsed.data) : undefined;
    }
    const parsed = playbackReportSchema.safeParse(message);
    const tabId = sender.tab?.id;
    if (!parsed.success || tabId === undefined || !fromConnectorPage(parsed.data, sender)) return undefined;
    void handleReport(parsed.data, tabId, readScrobbleSettings()).then(({ queued }) => {
      if (queued.length > 0) void flushOutbox();
    });
    return undefined;
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void flushOutbox();
  });
  browser.runtime.onStartup.addListener(() => void flushOutbox());
  browser.tabs.onRemoved.addListener((tabId) => void setTabViewing(tabId, null));

  // Every start of the worker looks at the outbox: it may have been stopped mid-send.
  void flushOutbox().then(() => armRetryAlarm(Date.now()));
});

/** A report counts only from our content script, in a tab, on a page of the site it names. */
function fromConnectorPage(report: PlaybackReport, sender: { id?: string; url?: string }): boolean {
  const connector = connectorById(report.site);
  if (!connector || sender.id !== browser.runtime.id || !sender.url) return false;
  return connector.matches.some((pattern) => new MatchPattern(pattern).includes(sender.url as string));
}

async function handlePageRequest(request: PageRequest): Promise<unknown> {
  switch (request.type) {
    case 'account/status':
      return accountStatus();
    case 'account/connect': {
      const outcome = await connect(request.token);
      if (outcome.ok) {
        await releaseReconnectWaits(Date.now());
        void flushOutbox();
      }
      return outcome;
    }
    case 'account/disconnect':
      return disconnect();
    case 'settings/apiUrl':
      return setApiUrl(request.url);
    case 'viewing/current':
      return (await readTabViewing(request.tabId)) ?? null;
    case 'results/recent':
      return recentEntries(request.limit);
  }
}
