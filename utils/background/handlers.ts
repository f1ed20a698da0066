import { browser } from 'wxt/browser';
import { accountStatus, connect, disconnect, setApiUrl } from '../account/connection';
import { readHistory, readWatchlist } from '../account/lists';
import { countStarted, leaveOut, pick, tick } from '../import/choices';
import { checkPin, startPin } from '../import/pin';
import {
  cancelImport,
  exportReport,
  forgetImportData,
  forgetKey,
  importView,
  reportPage,
  retryRead,
  saveKey,
  setPaused,
  startImport,
  startPreview,
} from '../import/run';
import { profilesOf, stageFiles, startFiles } from '../import/staging';
import type { Result, TabPlayback } from '../model/records';
import { serverPattern } from '../origins';
import { REPORT_NOW } from '../protocol/content';
import type { ChangeTopic, PageRequest, PageRequestType, PageResponses, RequestOf } from '../protocol/pages';
import { listAsks } from '../scrobble/ask';
import { blockLogged, listBlocked, unblock } from '../scrobble/blocked';
import { allEntries, clearResults, recentViewings, resendEntry, resultsSummary, toCsv, toJson } from '../scrobble/log';
import { listProfiles, setProfileLogged } from '../scrobble/profiles';
import { releaseReconnectWaits } from '../scrobble/queue';
import { actOnTabPlayback, answerAsk, blockPlaying, identifyByHand } from '../scrobble/reports';
import { playingViewingKeys, readTabPlayback } from '../scrobble/tabs';
import { ANY_SITE, confirmChosen, sameGuess } from '../sites/chosen';
import { addServer, removeServer, setSiteAsks, setSiteOn, siteReport, sitesView } from '../sites/registration';
import { attentionSeenItem, readApiUrl, readScrobbleSettings, readSettings, writeSettings } from '../store/items';
import { announce } from './announce';
import { refreshBadge } from './badge';
import { deliver, settle } from './deliver';
import { tidyAskNotifications } from './notifications';
import { chooseSite, offerFor } from './offer';
import { applySettings, checkSettings, exportSettings } from './settings-file';

/** How long the popup's question waits for the page's fresh report before showing the last one. */
const REPORT_NOW_WAIT_MS = 1_000;

type Handlers = { [K in PageRequestType]: (request: RequestOf<K>) => Promise<PageResponses[K]> };

/**
 * What the background does for each request of the extension's pages. The type ties every request
 * to its answer: a request without a handler, or a handler that answers the wrong shape, does not
 * compile. Each is a line or two over the module that does the work.
 */
export const handlers: Handlers = {
  'account/status': () => accountStatus(),
  'account/connect': async ({ token }) => {
    const result = await connect(token);
    if (result.ok) {
      await releaseReconnectWaits(Date.now());
      void deliver();
    }
    void announce('account');
    return result;
  },
  'account/disconnect': async () => {
    const status = await disconnect();
    void refreshBadge();
    void announce('account');
    return status;
  },
  'settings/apiUrl': async ({ url }) => {
    const result = await setApiUrl(url);
    void announce('account');
    return result;
  },
  'viewing/current': async ({ tabId, fresh }) => (fresh ? currentPlayback(tabId) : ((await readTabPlayback(tabId)) ?? null)),
  'results/recent': ({ limit }) => recentViewings(limit),
  'viewing/identify': async ({ tabId, media, shown }) => {
    const tab = await readTabPlayback(tabId);
    // On a site the person chose, their answer holds only for the guess they were shown: if the page
    // has named something else since, nothing is sent and the popup shows the new guess.
    if (tab?.site === ANY_SITE && tab.guess && !sameGuess(shown, tab.guess))
      return { ok: false, error: { kind: 'guess-changed' } };
    const { ok, queued } = await identifyByHand(tabId, media, readScrobbleSettings());
    // Naming it is confirming (or correcting) what the site named, for that show.
    if (ok && tab?.site === ANY_SITE && tab.origin) await confirmChosen(tab.origin, tab.guess, media);
    void settle(queued);
    return ok ? { ok } : { ok, error: { kind: 'not-playing' } };
  },
  'sites/offer': ({ tabId }) => offerFor(tabId),
  'sites/choose': async ({ tabId, origin }) => {
    const result = await chooseSite(tabId, origin);
    void announce('sites');
    return result;
  },
  'results/fix': ({ key, media }) => resend(key, media),
  'results/retry': ({ key }) => resend(key),
  'viewing/act': async ({ tabId, act }) => {
    const { ok, queued } = await actOnTabPlayback(tabId, act);
    void settle(queued);
    return ok ? { ok } : { ok, error: { kind: 'not-playing' } };
  },
  'blocked/add': async ({ tabId, channel }) => {
    const result = await changed(blockPlaying(tabId, channel ? 'channel' : 'title'), 'settings', 'playback');
    // What it dropped may have waited for an answer: the badge and the notifications follow.
    void refreshBadge();
    void tidyAskNotifications().catch(() => undefined);
    return result;
  },
  'blocked/add-logged': ({ entryKey }) => changed(blockLogged(entryKey), 'settings'),
  'blocked/remove': ({ item }) => changed(unblock(item), 'settings'),
  'blocked/list': () => listBlocked(),
  'profiles/list': () => listProfiles(),
  'profiles/set': ({ site, name, on }) => changed(setProfileLogged(site, name, on), 'settings'),
  'settings/export': () => exportSettings(),
  'settings/check': ({ text }) => checkSettings(text),
  'settings/apply': async ({ text }) => {
    const result = await applySettings(text);
    void announce('settings', 'sites');
    return result;
  },
  'badge/seen': async () => {
    await attentionSeenItem.write(Date.now());
    await refreshBadge();
    return { ok: true };
  },
  'results/summary': () => resultsSummary(),
  'settings/read': () => readSettings(),
  'settings/write': async ({ settings }) => {
    const saved = await writeSettings(settings);
    void announce('settings');
    return saved;
  },
  'results/export': async ({ format }) => ({ text: (format === 'csv' ? toCsv : toJson)(await allEntries()) }),
  'results/clear': async () => {
    const deleted = await clearResults(await playingViewingKeys());
    // What imports read and sent goes with the log, unless an import is still sending.
    await forgetImportData();
    void refreshBadge();
    void announce('log', 'import');
    return { deleted };
  },
  'account/history': () => readHistory(),
  'account/watchlist': ({ type: _, ...query }) => readWatchlist(query),
  'sites/view': () => sitesView(),
  'sites/report': ({ site }) => siteReport(site),
  'sites/switch': ({ site, on }) => setSiteOn(site, on),
  'sites/ask': ({ site, on }) => setSiteAsks(site, on),
  'asks/list': () => listAsks(),
  'asks/answer': ({ viewingKey, viewingId, answer }) => answerAndSettle(viewingKey, viewingId, answer),
  'servers/add': ({ site, address }) => addServer(site, address),
  'servers/remove': async ({ site, origin }) => removeServer(site, origin, [serverPattern(await readApiUrl())]),
  'import/view': () => importView(),
  'import/key/save': ({ source, fields }) => saveKey(source, fields),
  'import/pin/start': ({ source }) => startPin(source),
  'import/pin/check': async ({ source }) => {
    const result = await checkPin(source);
    if (result.ok && result.state === 'approved') void announce('import');
    return result;
  },
  'import/key/forget': async ({ source }) => {
    const result = await forgetKey(source);
    void announce('import');
    return result;
  },
  'import/preview': ({ source, ratedOnly, profile }) => startPreview(source, ratedOnly, importChanged, profile),
  'import/profiles': ({ source }) => profilesOf(source),
  'import/files/start': ({ source, notes }) => startFiles(source, notes),
  'import/files/part': ({ job, items, last }) => stageFiles(job, items, last, importChanged),
  'import/leave-out': ({ key, out }) => changed(leaveOut(key, out), 'import'),
  'import/pick': ({ key, reading }) => changed(pick(key, reading), 'import'),
  'import/started-too': ({ on }) => changed(countStarted(on), 'import'),
  'import/retry': () => retryRead(importChanged),
  'import/report': ({ filter, sort, page }) => reportPage(filter, sort, page),
  'import/tick': ({ key, on }) => changed(tick(key, on), 'import'),
  'import/start': async () => {
    const result = await startImport();
    void deliver().then(importChanged);
    return result;
  },
  'import/pause': async () => {
    const result = await setPaused(true);
    importChanged();
    return result;
  },
  'import/resume': async () => {
    const result = await setPaused(false);
    void deliver().then(importChanged);
    return result;
  },
  'import/cancel': async () => {
    const result = await cancelImport();
    importChanged();
    return result;
  },
  'import/export': ({ format }) => exportReport(format),
};

/** A change every open page that shows it follows (a refused one changed nothing to follow). */
async function changed(change: Promise<Result>, ...topics: ChangeTopic[]): Promise<Result> {
  const result = await change;
  if (result.ok) void announce(...topics);
  return result;
}

/** Open pages follow an import as it reads and sends. */
export function importChanged(): void {
  void announce('import');
}

/** Runs the handler for a request the background has already checked against its schema. */
export function handlePageRequest<R extends PageRequest>(request: R): Promise<PageResponses[R['type']]> {
  const handler = handlers[request.type] as (request: R) => Promise<PageResponses[R['type']]>;
  return handler(request);
}

/** What a tab plays, as of now: its page is asked to report first, for a popup that just opened. */
async function currentPlayback(tabId: number): Promise<TabPlayback | null> {
  const asked = browser.tabs.sendMessage(tabId, { type: REPORT_NOW }).catch(() => undefined);
  await Promise.race([asked, new Promise((done) => setTimeout(done, REPORT_NOW_WAIT_MS))]);
  return (await readTabPlayback(tabId)) ?? null;
}

/** A fix (new title) or a retry of a scrobble that was not matched or failed: sent again, never doubled. */
async function resend(key: string, media?: RequestOf<'results/fix'>['media']) {
  const entry = await resendEntry(key, media, Date.now());
  if (!entry) return { ok: false as const, error: { kind: 'already-answered' as const } };
  void deliver();
  return { ok: true as const };
}

/**
 * The person's answer to "Ask before logging" (the popup's list, or a notification's button): what it
 * released is sent, open pages and the badge follow, and the notification about it goes.
 */
export async function answerAndSettle(viewingKey: string, viewingId: string, answer: 'log' | 'skip'): Promise<Result> {
  const result = await answerAsk(viewingKey, viewingId, answer);
  // Answered here or elsewhere already: its notification goes either way (settle tidies them too).
  if (!result.ok) {
    void tidyAskNotifications().catch(() => undefined);
    return result;
  }
  void settle(result.queued);
  return { ok: true };
}
