import type { Media } from '../media';
import type { LayerName, PageChannel, PlaybackState, Sources, ViewingReport } from './playback';

/**
 * The extension's records: what the background keeps (the outbox and its log, the tab records,
 * settings, servers, site health) and the views and failures built from them. Below the protocol:
 * the messages carry these shapes, the store keeps them, and this file imports neither. No zod
 * here; their schemas are in schemas.ts beside it.
 */

// ---------------------------------------------------------------- failures

/** Why an HTTP request to ReelRifter or to a service the import reads from failed (utils/http.ts). */
export type HttpFailureKind =
  | 'invalid-token'
  | 'unauthorized'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'rejected'
  | 'unreadable'
  /** A site read with the browser's own sign-in (Netflix's viewing activity) says nobody is signed in. */
  | 'signed-out';

/** Why something did not work. Pages turn a kind into words in the person's language. */
export type FailureKind =
  | HttpFailureKind
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
  | 'import-running'
  /** A service's library is past what one import reads and keeps (`why` says which limit). */
  | 'too-large'
  /** A chosen site named something else after the popup showed its guess: nothing was sent. */
  | 'guess-changed';

export interface Failure {
  kind: FailureKind;
  /** The server's own words, where it gave any (a refused scrobble). */
  message?: string;
  /** The HTTP status, where there was one. */
  status?: number;
  /**
   * Which kind of unreadable answer (a service that repeats a page it already gave is `repeated`),
   * of refusal made here before asking, or of limit an import reached.
   */
  why?:
    | 'not-json'
    | 'shape'
    | 'too-large'
    | 'redirect'
    | 'invalid'
    | 'local'
    | 'repeated'
    | 'pages'
    | 'items'
    | 'bytes'
    /** Export files the page had not finished handing over (it was closed): they must be given again. */
    | 'incomplete';
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
  /** "Ask before logging" on every site (a site can also ask on its own: SitesView). */
  askFirst: boolean;
}

export type WaitReason =
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'unreadable'
  | 'reconnect'
  | 'local-limit'
  /** "Ask before logging": kept until the person says Log it (then sent) or Don't log (then removed). */
  | 'ask';

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
  pending?: ViewingReport;
  /** The person chose "Don't scrobble this" for this viewing. */
  ignored?: boolean;
  /** What it decided waits for the person's answer ("Ask before logging"): nothing of it was sent. */
  asking?: boolean;
  /** What plays is a show or a film the person said never to log (utils/scrobble/blocked.ts). */
  blocked?: BlockedKind;
  /** The site's profile that plays is one the person does not log (utils/scrobble/profiles.ts): its name. */
  profileOff?: string;
  /** The channel that plays it, where the site has channels (YouTube): "Never log this channel" names it. */
  channel?: PageChannel;
  /** What the person said plays in this tab's current video (that page's tracker only). */
  manual?: { segmentId: string; media: Media };
  /** When the background first heard of what this tab plays (its viewing key, or its unidentified video). */
  heard?: { id: string; since: number };
  /** A site the person chose (connectors/any-site.ts): its origin, as the browser said the page's address was. */
  origin?: string;
  /** What it named there, held back until the person confirms or corrects it (utils/sites/chosen.ts). */
  guess?: Media;
  /** With a guess: what the person already trusts that site for (a second show is asked again). */
  trustedFor?: string[];
}

/** A viewing whose scrobbles wait for the person's answer ("Ask before logging"), as the popup lists it. */
export interface AskView {
  viewingKey: string;
  viewingId: string;
  site: string;
  siteLabel: string;
  media: Media;
  /** What waits: `watching`, and `watched` once it was due too. */
  actions: Array<ScrobbleEntry['action']>;
  /** When it first waited. */
  since: number;
}

/** A site's profile the extension has seen play, and whether the person logs it (utils/scrobble/profiles.ts). */
export interface ProfileRecord {
  name: string;
  /** The site marks it as a kids' profile: it is off until the person turns it on. */
  kids: boolean;
  on: boolean;
  seenAt: number;
}

/** The profiles seen on one site, as the options page lists them. */
export interface SiteProfilesView {
  site: string;
  siteLabel: string;
  profiles: ProfileRecord[];
}

/** A show is every episode of it; a film, that film (of that year, where the block names one); a channel (YouTube's), all it plays. */
export type BlockedKind = 'show' | 'film' | 'channel';

/** Something the person said never to log, on one site: nothing of it is sent, and the popup says why. */
export interface BlockedItem {
  site: string;
  kind: BlockedKind;
  /** As the site's connector named it, cleaned like every title (a channel: its name, as shown). */
  title: string;
  year?: number;
  /** A channel's own id on the site: what the block covers. */
  channelId?: string;
  addedAt: number;
}

/** A blocked item as the options page shows it: with its site's name. */
export type BlockedView = BlockedItem & { siteLabel: string };

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
  sites: {
    id: string;
    label: string;
    on: boolean;
    /** "Ask before logging on <site>": this site asks even while the setting for every site is off. */
    ask: boolean;
    selfHosted: boolean;
    health: SiteHealthView;
  }[];
  servers: SelfHostedServer[];
  /** For each site the person chose (by origin): the shows and films it logs without asking. */
  trusted: Record<string, string[]>;
}

/** What a person sees of an entry. */
export type EntryStatus = 'sending' | 'waiting' | 'matched' | 'unmatched' | 'failed';

export function statusOf(entry: Pick<ScrobbleEntry, 'state' | 'waitReason'>): EntryStatus {
  if (entry.state !== 'queued') return entry.state;
  return entry.waitReason ? 'waiting' : 'sending';
}
