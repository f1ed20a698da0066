import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { Media, MediaType } from '../media';
import type {
  FileNotes,
  ImportView,
  PinView,
  ProfileView,
  ReportFilter,
  ReportPage,
  ReportSort,
  SourceId,
} from '../model/import';
import type {
  AccountStatus,
  AskView,
  BlockedItem,
  BlockedView,
  LogSummary,
  Result,
  ScrobbleEntry,
  SettingsView,
  SiteProfilesView,
  SitesView,
  TabPlayback,
} from '../model/records';
import type { SettingsCheck } from '../model/settings-file';
import type { HistoryPage, WatchlistPage, WatchStatus } from '../reelrifter/schemas';

/**
 * The requests the extension's own pages (popup, options) make of the background, each with the
 * answer it gets (`PageResponses`); the records those answers carry are in utils/model/. Pages load
 * this file, so it holds no zod; the background checks requests against `pageRequestSchema` (schemas.ts).
 */

// ---------------------------------------------------------------- requests and their answers

export type PageRequest =
  | { type: 'account/status' }
  | { type: 'account/connect'; token: string }
  | { type: 'account/disconnect' }
  | { type: 'settings/apiUrl'; url: string | null }
  /** `fresh`: the page is asked for a report first (the popup opened, or follows a playing video). */
  | { type: 'viewing/current'; tabId: number; fresh?: boolean }
  | { type: 'results/recent'; limit: number }
  /** `shown`: on a chosen site, the guess the popup showed; nothing is sent if the page names something else now. */
  | { type: 'viewing/identify'; tabId: number; media: Media; shown?: Media }
  | { type: 'sites/offer'; tabId: number }
  | { type: 'sites/choose'; tabId: number; origin: string }
  | { type: 'results/fix'; key: string; media: Media }
  | { type: 'results/retry'; key: string }
  | { type: 'viewing/act'; tabId: number; act: 'scrobble-now' | 'ignore' }
  /** "Never log this show" (or film): on what plays in a tab, or on a row of the log, by the background's own record of it. */
  | { type: 'blocked/add'; tabId: number; channel?: boolean }
  | { type: 'blocked/add-logged'; entryKey: string }
  | { type: 'blocked/remove'; item: Pick<BlockedItem, 'site' | 'kind' | 'title' | 'year' | 'channelId'> }
  | { type: 'blocked/list' }
  /** "Profiles logged": each site's profiles seen, and one turned on or off. */
  | { type: 'profiles/list' }
  | { type: 'profiles/set'; site: string; name: string; on: boolean }
  /** Settings that move: the file's text out, and a file's text read back (checked, then applied). */
  | { type: 'settings/export' }
  | { type: 'settings/check'; text: string }
  | { type: 'settings/apply'; text: string }
  | { type: 'results/summary' }
  | { type: 'badge/seen' }
  | { type: 'settings/read' }
  | { type: 'settings/write'; settings: Partial<SettingsView> }
  | { type: 'results/export'; format: 'json' | 'csv' }
  | { type: 'results/clear' }
  | { type: 'account/history' }
  | { type: 'account/watchlist'; status?: WatchStatus; mediaType?: MediaType; cursor?: string }
  | { type: 'sites/view' }
  | { type: 'sites/switch'; site: string; on: boolean }
  /** "Ask before logging on <site>". */
  | { type: 'sites/ask'; site: string; on: boolean }
  /** "Ask before logging": what waits for the person's answer, and their answer for one viewing. */
  | { type: 'asks/list' }
  | { type: 'asks/answer'; viewingKey: string; viewingId: string; answer: 'log' | 'skip' }
  | { type: 'sites/report'; site: string }
  | { type: 'servers/add'; site: string; address: string }
  | { type: 'servers/remove'; site: string; origin: string }
  | { type: 'import/view' }
  /** The fields a source declares, by name (its address as `apiUrl` where it asks for one). */
  | { type: 'import/key/save'; source: SourceId; fields: Record<string, string> }
  | { type: 'import/pin/start'; source: SourceId }
  | { type: 'import/pin/check'; source: SourceId }
  | { type: 'import/key/forget'; source: SourceId }
  | { type: 'import/preview'; source: SourceId; ratedOnly: boolean; profile?: string }
  | { type: 'import/profiles'; source: SourceId }
  /** Export files, read in the page: a new preview, then its items a part at a time (the last ends the read). */
  | { type: 'import/files/start'; source: SourceId; notes: FileNotes }
  | { type: 'import/files/part'; job: string; items: unknown[]; last: boolean }
  | { type: 'import/leave-out'; key: string; out: boolean }
  | { type: 'import/pick'; key: string; reading: number }
  | { type: 'import/started-too'; on: boolean }
  | { type: 'import/retry' }
  | { type: 'import/report'; filter: ReportFilter; sort: ReportSort; page: number }
  | { type: 'import/tick'; key: string; on: boolean }
  | { type: 'import/start' }
  | { type: 'import/pause' }
  | { type: 'import/resume' }
  | { type: 'import/cancel' }
  | { type: 'import/export'; format: 'json' | 'csv' };

export interface PageResponses {
  'account/status': AccountStatus;
  'account/connect': Result<{ status: AccountStatus }>;
  'account/disconnect': AccountStatus;
  'settings/apiUrl': Result<{ status: AccountStatus }>;
  'viewing/current': TabPlayback | null;
  /** The log as viewings: each viewing's latest scrobble, newest first. */
  'results/recent': ScrobbleEntry[];
  'viewing/identify': Result;
  /** "Scrobble on this site" for the tab: its origin, when no connector serves it and it has a film-length video. */
  'sites/offer': { origin: string; host: string } | null;
  'sites/choose': Result<{ view: SitesView }>;
  'results/fix': Result;
  'results/retry': Result;
  'viewing/act': Result;
  'blocked/add': Result;
  'blocked/add-logged': Result;
  'blocked/remove': Result;
  'blocked/list': BlockedView[];
  'profiles/list': SiteProfilesView[];
  'profiles/set': Result;
  'settings/export': { text: string };
  'settings/check': SettingsCheck;
  'settings/apply': Result<{ skipped: number }>;
  'results/summary': LogSummary;
  'badge/seen': Result;
  'settings/read': SettingsView;
  'settings/write': SettingsView;
  /** The whole log, as the file's text. */
  'results/export': { text: string };
  'results/clear': { deleted: number };
  'account/history': Result<{ data: HistoryPage }>;
  'account/watchlist': Result<{ data: WatchlistPage }>;
  'sites/view': SitesView;
  'sites/switch': SitesView;
  'sites/ask': SitesView;
  'asks/list': AskView[];
  /** What was waiting was sent (Log it) or removed (Don't log); already-answered when nothing waited. */
  'asks/answer': Result;
  /** A diagnostic to paste into a bug report: no titles, no tokens, no account data. */
  'sites/report': { text: string };
  'servers/add': Result<{ view: SitesView }>;
  'servers/remove': SitesView;
  'import/view': ImportView;
  'import/key/save': Result;
  'import/key/forget': Result;
  'import/pin/start': Result<{ code: PinView }>;
  'import/pin/check': Result<{ state: 'approved' | 'pending' | 'expired' }>;
  'import/preview': Result;
  'import/profiles': Result<{ profiles: ProfileView[] }>;
  'import/files/start': Result<{ job: string }>;
  'import/files/part': Result;
  'import/leave-out': Result;
  'import/pick': Result;
  'import/started-too': Result;
  'import/retry': Result;
  /** The cross-reference, a page of it; null until the preview has read everything. */
  'import/report': ReportPage | null;
  'import/tick': Result;
  'import/start': Result<{ queued: number }>;
  'import/pause': Result;
  'import/resume': Result;
  'import/cancel': Result<{ removed: number }>;
  'import/export': { text: string };
}

export type PageRequestType = PageRequest['type'];
export type RequestOf<K extends PageRequestType> = Extract<PageRequest, { type: K }>;

export function sendToBackground<R extends PageRequest>(request: R): Promise<PageResponses[R['type']]> {
  return browser.runtime.sendMessage(request) as Promise<PageResponses[R['type']]>;
}

/** True only for the extension's own pages (popup, options), never a content script or a web page. */
export function isExtensionPage(sender: Browser.runtime.MessageSender, extensionBase = browser.runtime.getURL('/')): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(extensionBase);
}

// ---------------------------------------------------------------- what the background tells open pages

/** What changed, so an open page reloads what shows it (never the data itself). */
export type ChangeTopic = 'playback' | 'log' | 'account' | 'settings' | 'sites' | 'import';
export const CHANGED = 'changed';
export interface ChangedMessage {
  type: typeof CHANGED;
  topics: ChangeTopic[];
}
