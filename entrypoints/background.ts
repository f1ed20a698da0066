import { type Browser, browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { accountStatus, connect, disconnect, readHistory, readWatchlist, setApiUrl } from '@/utils/account';
import { refreshBadge } from '@/utils/background/badge';
import {
  frameAnswerSchema,
  frameQuestionSchema,
  messageBudget,
  type PlaybackReport,
  playbackReportSchema,
} from '@/utils/background/content-messages';
import { notifyOutcome } from '@/utils/background/notifications';
import { type PageRequest, pageRequestSchema } from '@/utils/background/page-requests';
import { actOnTabViewing, handleReport, identifyByHand } from '@/utils/background/playback';
import { t } from '@/utils/i18n';
import { isExtensionPage } from '@/utils/messages';
import { FRAME_QUESTION, type FrameAnswer, REPORT_NOW } from '@/utils/playback/frames';
import type { NextReport } from '@/utils/playback/tracker';
import { serverPattern } from '@/utils/reelrifter/origins';
import {
  allEntries,
  clearResults,
  recentEntries,
  releaseReconnectWaits,
  resendEntry,
  resultsSummary,
} from '@/utils/scrobble/outbox';
import { armRetryAlarm, flushOutbox, onOutcome, RETRY_ALARM } from '@/utils/scrobble/sender';
import { readTabViewing, setTabViewing, type TabViewing, tabViewingsItem } from '@/utils/scrobble/tabs';
import {
  attentionSeenItem,
  moveFromStorageLocal,
  readApiUrl,
  readScrobbleSettings,
  readSettings,
  scrobblingAllowed,
  writeSettings,
} from '@/utils/settings';
import {
  addServer,
  readServers,
  removeServer,
  servesConnector,
  setSiteOn,
  sitesView,
  syncContentScripts,
} from '@/utils/sites/registration';
import { connectorById } from '@/utils/sites/registry';

/** How long the popup's question waits for the page's fresh report before showing the last one. */
const REPORT_NOW_WAIT_MS = 1_000;

export default defineBackground(() => {
  // A second wall behind IndexedDB: Chrome keeps storage out of content scripts' reach altogether.
  closeStorageToContentScripts();
  // Settings of an earlier version move out of storage.local before anything reads them.
  const ready = moveFromStorageLocal().catch((error: unknown) =>
    console.error('ReelRifter: could not move the settings:', error instanceof Error ? error.message : error),
  );
  onOutcome(notifyOutcome);
  const budget = messageBudget();
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (isExtensionPage(sender)) {
      const parsed = pageRequestSchema.safeParse(message);
      return parsed.success ? ready.then(() => handlePageRequest(parsed.data)) : undefined;
    }
    if (sender.tab?.id === undefined || !budget.take(sender.tab.id, Date.now())) return undefined;
    const question = frameQuestionSchema.safeParse(message);
    if (question.success) return relayFrameQuestion(question.data.site, sender);
    const parsed = playbackReportSchema.safeParse(message);
    const tabId = sender.tab?.id;
    if (!parsed.success || tabId === undefined) return undefined;
    return foldPlaybackReport(parsed.data, tabId, sender);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void deliver();
  });
  browser.runtime.onStartup.addListener(() => void deliver());
  // The user may take a server's permission back in the browser's own settings.
  browser.permissions.onRemoved.addListener(() => void syncContentScripts().catch(reportSyncError));
  browser.permissions.onAdded.addListener(() => void syncContentScripts().catch(reportSyncError));
  browser.tabs.onRemoved.addListener((tabId) => {
    budget.forget(tabId);
    void setTabViewing(tabId, null).then(refreshBadge);
  });

  // Every start of the worker checks the site scripts (new install, update, browser restart) and
  // the outbox (it may have been stopped mid-send).
  void ready.then(() => syncContentScripts()).catch(reportSyncError);
  void ready.then(deliver).then(() => armRetryAlarm(Date.now()));
});

/** Chrome only (storage.local from Chrome 140): neither storage area is readable from a content script. */
function closeStorageToContentScripts(): void {
  type Area = { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
  const { local, session } = browser.storage as unknown as { local?: Area; session?: Area };
  for (const area of [local, session]) {
    area?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => undefined);
  }
}

/**
 * Folds a page's report into its viewing and answers when the page should report next (see
 * tracker.ts); nothing for a report that is not trusted, and a plain heartbeat while paused.
 */
async function foldPlaybackReport(
  report: PlaybackReport,
  tabId: number,
  sender: Browser.runtime.MessageSender,
): Promise<{ next?: NextReport | null } | undefined> {
  if (!(await fromConnectorPage(report, sender))) return undefined;
  // Paused, or a private window the person did not choose to scrobble: nothing is kept or sent.
  const admit = () => scrobblingAllowed(sender.tab?.incognito === true);
  const { queued, next } = await handleReport(report, tabId, readScrobbleSettings(), Date.now(), admit);
  if (queued.length > 0) void deliver();
  else void refreshBadge();
  return next === undefined ? {} : { next };
}

/** What a tab plays, as of now: its page is asked to report first, for a popup that just opened. */
async function currentViewing(tabId: number): Promise<TabViewing | null> {
  const asked = browser.tabs.sendMessage(tabId, { type: REPORT_NOW }).catch(() => undefined);
  await Promise.race([asked, new Promise((done) => setTimeout(done, REPORT_NOW_WAIT_MS))]);
  return (await readTabViewing(tabId)) ?? null;
}

/** Sends what is due, then shows the outcome on the toolbar button. */
function deliver(): Promise<void> {
  return flushOutbox().then(refreshBadge);
}

/** A report counts only from our content script, in a tab, on a page of the site it names. */
async function fromConnectorPage(report: Pick<PlaybackReport, 'site'>, sender: { id?: string; url?: string }): Promise<boolean> {
  const connector = connectorById(report.site);
  if (!connector || sender.id !== browser.runtime.id || !sender.url) return false;
  return servesConnector(connector, sender.url, connector.selfHosted ? await readServers() : []);
}

/**
 * A player frame (another host inside a site's watch page) asks what the page names: the question
 * goes to the tab's top frame, and its answer is checked before the frame gets it.
 */
async function relayFrameQuestion(site: string, sender: Browser.runtime.MessageSender): Promise<FrameAnswer | null> {
  const connector = connectorById(site);
  const tabId = sender.tab?.id;
  if (!connector?.allFrames || tabId === undefined || !sender.frameId || !(await fromConnectorPage({ site }, sender)))
    return null;
  const answer: unknown = await browser.tabs.sendMessage(tabId, { type: FRAME_QUESTION, site }, { frameId: 0 }).catch(() => null);
  const parsed = frameAnswerSchema.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

function reportSyncError(error: unknown): void {
  console.error('ReelRifter: could not register the site scripts:', error instanceof Error ? error.message : error);
}

async function handlePageRequest(request: PageRequest): Promise<unknown> {
  switch (request.type) {
    case 'account/status':
      return accountStatus();
    case 'account/connect': {
      const outcome = await connect(request.token);
      if (outcome.ok) {
        await releaseReconnectWaits(Date.now());
        void deliver();
      }
      return outcome;
    }
    case 'account/disconnect': {
      const status = await disconnect();
      void refreshBadge();
      return status;
    }
    case 'settings/apiUrl':
      return setApiUrl(request.url);
    case 'viewing/current':
      return currentViewing(request.tabId);
    case 'results/recent':
      return recentEntries(request.limit);
    case 'viewing/identify': {
      const { ok, queued } = await identifyByHand(request.tabId, request.media, readScrobbleSettings());
      if (queued.length > 0) void deliver();
      return ok ? { ok } : { ok, error: { kind: 'rejected', message: t('manualGone') } };
    }
    case 'results/fix':
    case 'results/retry': {
      const entry = await resendEntry(request.key, request.type === 'results/fix' ? request.media : undefined, Date.now());
      if (!entry) return { ok: false, error: { kind: 'rejected', message: t('resendGone') } };
      void deliver();
      return { ok: true };
    }
    case 'viewing/act': {
      const { ok, queued } = await actOnTabViewing(request.tabId, request.act);
      if (queued.length > 0) void deliver();
      else void refreshBadge();
      return ok ? { ok } : { ok, error: { kind: 'rejected', message: t('manualGone') } };
    }
    case 'badge/seen':
      await attentionSeenItem.write(Date.now());
      await refreshBadge();
      return { ok: true };
    case 'results/summary':
      return resultsSummary();
    case 'settings/read':
      return readSettings();
    case 'settings/write':
      return writeSettings(request.settings);
    case 'results/export':
      return allEntries();
    case 'results/clear': {
      const playing = Object.values(await tabViewingsItem.getValue()).flatMap((tab) => tab.viewingKey ?? []);
      return { deleted: await clearResults(new Set(playing)) };
    }
    case 'account/history':
      return readHistory();
    case 'account/watchlist': {
      const { type: _, ...query } = request;
      return readWatchlist(query);
    }
    case 'sites/view':
      return sitesView();
    case 'sites/switch':
      return setSiteOn(request.site, request.on);
    case 'servers/add':
      return addServer(request.site, request.address);
    case 'servers/remove':
      return removeServer(request.site, request.origin, [serverPattern(await readApiUrl())]);
  }
}
