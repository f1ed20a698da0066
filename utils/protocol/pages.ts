import { type Browser, browser } from 'wxt/browser';
import type { PageRequest } from './background/page-requests';
import type { ApiErrorKind } from './reelrifter/errors';
import type { HistoryPage, WatchlistPage } from './reelrifter/schemas';
import type { ScrobbleEntry } from './scrobble/entry';
import type { ResultsSummary } from './scrobble/outbox';
import type { TabViewing } from './scrobble/tabs';
import type { Connection, SettingsView } from './settings';
import type { ServerOutcome, SitesView } from './sites/registration';

export type { PageRequest };

export interface ErrorView {
  kind: ApiErrorKind | 'permission' | 'invalid-url';
  message: string;
}

export interface AccountStatus {
  connection: Connection;
  apiUrl: string;
}

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; error: ErrorView };

export interface PageResponses {
  'account/status': AccountStatus;
  'account/connect': Outcome<{ status: AccountStatus }>;
  'account/disconnect': AccountStatus;
  'settings/apiUrl': Outcome<{ status: AccountStatus }>;
  'viewing/current': TabViewing | null;
  'results/recent': ScrobbleEntry[];
  'viewing/identify': Outcome;
  'results/fix': Outcome;
  'results/retry': Outcome;
  'viewing/act': Outcome;
  'results/summary': ResultsSummary;
  'badge/seen': Outcome;
  'settings/read': SettingsView;
  'settings/write': SettingsView;
  'results/export': ScrobbleEntry[];
  'results/clear': { deleted: number };
  'account/history': Outcome<{ data: HistoryPage }>;
  'account/watchlist': Outcome<{ data: WatchlistPage }>;
  'sites/view': SitesView;
  'sites/switch': SitesView;
  'servers/add': ServerOutcome;
  'servers/remove': SitesView;
}

export function sendToBackground<R extends PageRequest>(request: R): Promise<PageResponses[R['type']]> {
  return browser.runtime.sendMessage(request) as Promise<PageResponses[R['type']]>;
}

/** True only for the extension's own pages (popup, options), never a content script or a web page. */
export function isExtensionPage(sender: Browser.runtime.MessageSender, extensionBase = browser.runtime.getURL('/')): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(extensionBase);
}
