import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { announce } from '@/utils/background/announce';
import { refreshBadge } from '@/utils/background/badge';
import { contentMessages } from '@/utils/background/content';
import { deliver } from '@/utils/background/deliver';
import { answerAndSettle, handlePageRequest, importChanged } from '@/utils/background/handlers';
import { answerOfButton, askOfNotification, notifyOutcome } from '@/utils/background/notifications';
import { importLaneOpen, recordImported, resumeImport } from '@/utils/import/run';
import { isExtensionPage } from '@/utils/protocol/pages';
import { pageRequestSchema } from '@/utils/protocol/schemas';
import { armRetryAlarm, onOutcome, RETRY_ALARM, setImportLane } from '@/utils/scrobble/sender';
import { setTabPlayback } from '@/utils/scrobble/tabs';
import { syncContentScripts } from '@/utils/sites/registration';
import { moveFromStorageLocal } from '@/utils/store/items';

/** The background: listeners and wiring only; the work is in utils/. */
export default defineBackground(() => {
  // A second wall behind IndexedDB: Chrome keeps storage out of content scripts' reach altogether.
  closeStorageToContentScripts();
  // Settings of an earlier version move out of storage.local before anything reads them.
  const ready = moveFromStorageLocal().catch((error: unknown) => logError('could not move the settings', error));
  const fromContent = contentMessages();

  onOutcome(async (outcome) => {
    if (outcome !== 'reconnect' && outcome.importId !== undefined) {
      await recordImported(outcome);
      return announce('import');
    }
    await notifyOutcome(outcome);
    await announce('log', 'account');
  });
  // The import's scrobbles go only while it runs, and always after the live ones.
  setImportLane(importLaneOpen);
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isExtensionPage(sender)) return fromContent.answer(message, sender);
    const request = pageRequestSchema.safeParse(message);
    return request.success ? ready.then(() => handlePageRequest(request.data)) : undefined;
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void deliver();
  });
  browser.runtime.onStartup.addListener(() => void deliver());
  // The user may take a server's permission back in the browser's own settings.
  browser.permissions.onRemoved.addListener(() => void syncScripts());
  browser.permissions.onAdded.addListener(() => {
    void syncScripts();
    listenToNotifications(ready);
  });
  listenToNotifications(ready);
  browser.tabs.onRemoved.addListener((tabId) => {
    fromContent.forgetTab(tabId);
    void setTabPlayback(tabId, null).then(refreshBadge);
  });

  // Every start of the worker checks the site scripts (new install, update, browser restart) and
  // the outbox (it may have been stopped mid-send).
  void ready.then(syncScripts);
  void ready.then(deliver).then(() => armRetryAlarm(Date.now()));
  // A read from another service that a stopped worker left half done goes on.
  void ready.then(() => resumeImport(importChanged));
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
 * The notifications' buttons and clicks. The API is there only once the person allowed notifications,
 * which may be after the worker started: it is listened to then, once.
 */
let listeningToNotifications = false;
function listenToNotifications(ready: Promise<unknown>): void {
  const notifications = browser.notifications;
  if (listeningToNotifications || !notifications) return;
  listeningToNotifications = true;
  // Chrome's buttons on an "Ask before logging" notification: Log it, Don't log.
  notifications.onButtonClicked?.addListener((id, index) => {
    const ask = answerOfButton(id, index);
    if (ask) void ready.then(() => answerAndSettle(ask.viewingKey, ask.viewingId, ask.answer));
  });
  // Elsewhere the notification itself: the list of what waits opens, to answer there.
  notifications.onClicked.addListener((id) => {
    if (!askOfNotification(id)) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
    void notifications.clear(id);
  });
}

function syncScripts(): Promise<void> {
  return syncContentScripts().catch((error: unknown) => logError('could not register the site scripts', error));
}

function logError(what: string, error: unknown): void {
  console.error(`ReelRifter: ${what}:`, error instanceof Error ? error.message : error);
}
