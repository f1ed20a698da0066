import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { Media, MediaType } from '../media';
import type { HistoryPage, WatchlistPage, WatchStatus } from '../reelrifter/schemas';
import type { LayerName, PlaybackReport, PlaybackState, Sources } from './content';
import type { ImportView, ReportFilter, ReportPage, ReportSort, SourceId } from './import';

/**
 * The requests the extension's own pages (popup, options) make of the background, each with the
 * answer it gets (`PageResponses`), and the shapes those answers carry. Pages load this file, so it
 * holds no zod; the background checks requests against `pageRequestSchema` (schemas.ts).
 */

// ---------------------------------------------------------------- failures

/** Why something did not work. Pages turn a kind into words in the person's language. */
export type FailureKind =
  | 'invalid-token'
  | 'unauthorized'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'rejected'
  | 'unreadable'
  | 'permission'
  | 'invalid-url'
  | 'insecure-url'
  | 'too-many'
  | 'not-connected'
  | 'server-changed'
  /** The video the popup acted on no longer plays in that tab. */
  | 'not-playing'
  /** The scrobble was resent or answered meanwhile. */
  | 'already-answered'
  /** The background did not answer at all (it is starting or was stopped). */
  | 'background'
  /** An import is sending: it must finish or be cancelled before another preview. */
  | 'import-running';

export interface Failure {
  kind: FailureKind;
  /** The server's own words, where it gave any (a refused scrobble). */
  message?: string;
  /** The HTTP status, where there was one. */
  status?: number;
  /** Which kind of unreadable answer, or of refusal made here before asking. */
  why?: 'not-json' | 'shape' | 'too-large' | 'redirect' | 'invalid' | 'local';
  /** The timeout that passed. */
  seconds?: number;
}

/** Every answer that can fail has this shape. */
export type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; error: Failure };

// ---------------------------------------------------------------- what the answers carry

export interface AccountView {
  id?: string | null;
  username?: string | null;
  name?: string | null;
}

export type Connection =
  | { state: 'disconnected' }
  | { state: 'connected'; account: AccountView }
  /** The server answered 401 for a stored token: keep everything, ask for a new one. */
  | { state: 'reconnect'; account: AccountView };

export interface AccountStatus {
  connection: Connection;
  apiUrl: string;
}

export interface ScrobbleSettings {
  /** Share of the video (0–1) that must really be played, and reached, before `watched`. */
  watchedThreshold: number;
  /** Seconds of forward play before `watching` is sent. */
  minWatchingSeconds: number;
}

/** The person's settings, as the pages show them. */
export interface SettingsView {
  scrobble: ScrobbleSettings;
  paused: boolean;
  notifications: boolean;
  privateWindows: boolean;
}

export type WaitReason = 'rate-limited' | 'server' | 'network' | 'timeout' | 'unreadable' | 'reconnect' | 'local-limit';

/** One scrobble in the outbox and the results log. */
export interface ScrobbleEntry {
  /** One per viewing and action; also the Idempotency-Key, so a resend is never applied twice. */
  key: string;
  viewingKey: string;
  /** The viewing this scrobble belongs to (`<id>:<action>` keys carry it too, for older entries). */
  viewingId?: string;
  site: string;
  action: 'watching' | 'watched';
  media: Media;
  /**
   * queued: in the outbox (not yet answered). matched / unmatched: answered. failed: refused by the
   * server for a reason a retry won't fix; kept for the person.
   */
  state: 'queued' | 'matched' | 'unmatched' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  waitReason?: WaitReason;
  /** What went wrong, in English, for the log's exports. */
  error?: string;
  /** The same as the pages show it, in the person's language. */
  failure?: Failure;
  match?: Media & { status?: string };
  /** A later scrobble of the same viewing that settled this one (a fix): it is no longer shown as open. */
  resolvedBy?: string;
  /** Set for a scrobble an import queued: the import's id. Such scrobbles go after every live one. */
  importId?: string;
  /** The imported title's identities across services and runs, the report's first (utils/import/plan.ts). */
  itemKeys?: string[];
  createdAt: number;
  updatedAt: number;
}

/** Counts over the whole log, in the spirit of a cross-reference summary. */
export interface LogSummary {
  /** Answered by ReelRifter: matched or not. */
  sent: number;
  matched: number;
  unmatched: number;
  failed: number;
  queued: number;
}

/** What plays in a tab, for the popup; kept in session storage, which outlives the worker. */
export interface TabPlayback {
  site: string;
  siteLabel: string;
  viewingKey?: string;
  media: Media | null;
  state: PlaybackState | 'stopped';
  /** Share of the way to `watched` (0–1). */
  progress: number;
  scrobbled: 'none' | 'watching' | 'watched';
  updatedAt: number;
  /** An unidentified video's last report, kept so a manual entry can take over its progress. */
  pending?: PlaybackReport;
  /** The person chose "Don't scrobble this" for this viewing. */
  ignored?: boolean;
  /** What the person said plays in this tab's current video (that page's tracker only). */
  manual?: { segmentId: string; media: Media };
  /** When the background first heard of what this tab plays (its viewing key, or its unidentified video). */
  heard?: { id: string; since: number };
  /** A site the person chose (connectors/any-site.ts): its origin, as the browser said the page's address was. */
  origin?: string;
  /** What it named there, held back until the person confirms or corrects it (utils/sites/chosen.ts). */
  guess?: Media;
}

export interface SelfHostedServer {
  site: string;
  origin: string;
}

/**
 * A site's health as the background kept it: which layer named each of its last viewings and how
 * each layer did, in counts and dates only (no titles, no addresses but the shape of the last one).
 */
export interface SiteHealthRecord {
  /** The last viewings, oldest first (at most HEALTH_VIEWINGS). `segment` is the page tracker's random id. */
  viewings: Array<{ segment: string; at: number; by?: LayerName; tried: Sources['tried'] }>;
  layers: Partial<Record<LayerName, { named: number; lastNamed?: number; failed: number; lastFailed?: number }>>;
  /** The last watch page's address with its ids, slugs and query values replaced. */
  page?: string;
}

/** Working (its best source named the last viewing), through a fallback, couldn't identify, or not used yet. */
export type SiteState = 'working' | 'fallback' | 'unidentified' | 'unused';

export interface SiteHealthView {
  state: SiteState;
  /** Since when it has been through a fallback or unable to identify (ms). */
  since?: number;
  /** Its best source, and the one that named the last viewing. */
  best: LayerName;
  by?: LayerName;
}

export interface SitesView {
  sites: { id: string; label: string; on: boolean; selfHosted: boolean; health: SiteHealthView }[];
  servers: SelfHostedServer[];
}

// ---------------------------------------------------------------- requests and their answers

export type PageRequest =
  | { type: 'account/status' }
  | { type: 'account/connect'; token: string }
  | { type: 'account/disconnect' }
  | { type: 'settings/apiUrl'; url: string | null }
  /** `fresh`: the page is asked for a report first (the popup opened, or follows a playing video). */
  | { type: 'viewing/current'; tabId: number; fresh?: boolean }
  | { type: 'results/recent'; limit: number }
  | { type: 'viewing/identify'; tabId: number; media: Media }
  | { type: 'sites/offer'; tabId: number }
  | { type: 'sites/choose'; tabId: number; origin: string }
  | { type: 'results/fix'; key: string; media: Media }
  | { type: 'results/retry'; key: string }
  | { type: 'viewing/act'; tabId: number; act: 'scrobble-now' | 'ignore' }
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
  | { type: 'sites/report'; site: string }
  | { type: 'servers/add'; site: string; address: string }
  | { type: 'servers/remove'; site: string; origin: string }
  | { type: 'import/view' }
  | {
      type: 'import/key/save';
      source: SourceId;
      clientId?: string;
      token?: string;
      apiUrl?: string;
      key?: string;
    }
  | { type: 'import/key/forget'; source: SourceId }
  | { type: 'import/preview'; source: SourceId; ratedOnly: boolean }
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
  /** A diagnostic to paste into a bug report: no titles, no tokens, no account data. */
  'sites/report': { text: string };
  'servers/add': Result<{ view: SitesView }>;
  'servers/remove': SitesView;
  'import/view': ImportView;
  'import/key/save': Result;
  'import/key/forget': Result;
  'import/preview': Result;
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
