import type { MessageKey } from '../i18n';
import type { Media, MediaType } from '../media';
import type { Failure } from '../model/records';

/**
 * The import's records and views: what was read from another service, how it matched what
 * ReelRifter has, the report, and the job as the import page sees it. (utils/import/ does the
 * work; these are only its shapes.) No zod.
 */

/** One of the declared sources' ids (utils/import/sources/index.ts), checked where it comes in. */
export type SourceId = string;

/** Simkl's words for where a title stands in a library: the only ones kept. */
export const SOURCE_STATUSES = ['completed', 'watching', 'plantowatch', 'hold', 'dropped'] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/** The list of the source an item came from. */
export const SOURCE_LISTS = ['library', 'rated', 'favorites', 'watchlist'] as const;
export type SourceList = (typeof SOURCE_LISTS)[number];

export interface SourceItem {
  source: SourceId;
  list: SourceList;
  mediaType: MediaType;
  /** Simkl's anime: episodes are numbered from the first, without seasons. */
  anime?: boolean;
  title: string;
  year?: number;
  ids: { tmdb?: number; imdb?: string; simkl?: number };
  /** The source says the film was watched (Simkl completed or a watch date, a rated or liked film, a Rewind entry). */
  watched: boolean;
  /** The last episode watched, for a show; `season` absent for absolute numbering. */
  lastEpisode?: { season?: number; episode: number };
  /** The person's own rating, on the source's scale (Simkl and TMDB 1–10, Rewind 1–5). */
  rating?: number;
  /** When it was last watched (ISO 8601), where the source says. */
  watchedAt?: string;
  /** The source's own word for where the item stands (Simkl's status). */
  status?: SourceStatus;
}

export type NotImportable = 'want-to-watch' | 'nothing-watched' | 'no-title';

export type Plan =
  | {
      kind: 'scrobble';
      action: 'watched' | 'watching';
      media: Media /** Sent only if the person ticks it. */;
      optional?: boolean;
    }
  | { kind: 'not-importable'; reason: NotImportable };

export type MatchType = 'id' | 'exact' | 'close' | 'fuzzy' | 'none';

export type Category = 'already' | 'to-import' | 'not-importable';
export type Reason = NotImportable | 'no-episode-known' | 'imported-before';
export type ReportFilter = 'all' | Category;
export type ReportSort = 'title' | 'watched' | 'confidence';

export interface ReportRow {
  /** The title's first identity (its TMDB id where known); `keys` are all of them. */
  key: string;
  keys: string[];
  item: SourceItem;
  plan: Plan;
  match: {
    type: MatchType;
    confidence: number;
    known?: { title: string; year?: number; status?: string; episode?: { season?: number; episode: number } };
  };
  category: Category;
  reason?: Reason;
  /** A show whose episode is not known: sent, as watching, only when ticked. */
  optional?: boolean;
  ticked?: boolean;
  /** What became of it, once imported. */
  outcome?: {
    status: 'sending' | 'waiting' | 'matched' | 'unmatched' | 'failed';
    entryKey: string;
    match?: Media;
    failure?: Failure;
    error?: string;
  };
}

export interface ReportSummary {
  read: number;
  already: number;
  toImport: number;
  notImportable: number;
  reasons: Partial<Record<Reason, number>>;
  /** The share of what was read that ReelRifter already has (0–1). */
  alreadyRate: number;
  /** Once the import runs: what was queued, sent and how it was answered. */
  queued: number;
  sent: number;
  matched: number;
  unmatched: number;
  failed: number;
  waiting: number;
  /** matched / sent (0–1). */
  matchRate: number;
}

export interface ReportPage {
  rows: ReportRow[];
  summary: ReportSummary;
  page: number;
  pages: number;
  total: number;
}

/**
 * The import's one job, kept in IndexedDB so it survives the worker being stopped and the browser
 * being restarted: which source, how far its reading got (the cursor of the next page, every page
 * read kept beside it), then the import itself. Phases:
 *   reading → read-failed (Try again resumes at the page it stopped at) → previewed
 *   → importing ⇄ paused → done, or cancelled.
 */
export type ImportPhase = 'reading' | 'read-failed' | 'previewed' | 'importing' | 'paused' | 'done' | 'cancelled';

/** A field a person types to connect a source (declared by the source, utils/import/sources/). */
export interface KeyField {
  name: string;
  label: MessageKey;
  /** Described by this (aria-describedby), not part of the field's name. */
  help?: MessageKey;
  type: 'text' | 'password' | 'url';
  placeholder?: string;
  /** Not a secret: shown back once saved ("client ID …"). Everything else is never shown or logged. */
  shown?: boolean;
}

/**
 * A declared source as the import page shows it, sent with the view: the page draws its choice and
 * its fields from these and never loads the sources themselves (their readers and zod stay in the
 * background).
 */
export interface SourceView {
  id: SourceId;
  label: MessageKey;
  ratingScale: number;
  fields: readonly KeyField[];
  /** Where it answers: its own address, or one the person gives (the field `apiUrl`). */
  address: { kind: 'fixed'; url: string } | { kind: 'asked' };
  ratedOnly?: MessageKey;
  /** It can be connected with a PIN (the extension has its own app there). */
  pin: boolean;
}

/** What the import page shows of each source's key: whether one is kept, and its fields declared `shown`; never a secret. */
export type KeysView = Record<SourceId, { saved: boolean; shown?: Record<string, string> }>;

/** A PIN to type on a service's site to connect it, and where. */
export interface PinView {
  userCode: string;
  verificationUrl: string;
  /** Seconds between checks, as the service asks. */
  interval: number;
  expiresAt: number;
}

export interface ImportView {
  sources: SourceView[];
  keys: KeysView;
  job: {
    id: string;
    source: SourceId;
    /** The source's name in the person's language (its declaration's), so a page shows it without loading the sources. */
    label: MessageKey;
    /** The top of its rating scale, for the report. */
    ratingScale: number;
    ratedOnly: boolean;
    phase: ImportPhase;
    pagesRead: number;
    itemsRead: number;
    startedAt: number;
    pages?: number;
    failure?: Failure & { service: 'source' | 'reelrifter' };
  } | null;
  /** While importing: sent (answered) of queued, and about how long the rest takes at 50 a minute. */
  progress: { sent: number; total: number; minutesLeft: number } | null;
}
