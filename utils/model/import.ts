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
  /**
   * How far it was watched, as a share of its runtime (0–1), where the source says (Netflix's
   * bookmark against the title's runtime). Below the live scrobbler's threshold it was started, not
   * finished. Absent: the source cannot tell, and it counts as watched.
   */
  progress?: number;
  /** The episode's name, where the source names it (Netflix: its files name an episode by it alone). */
  episodeTitle?: string;
  /** How far the furthest viewing reached, in seconds, where the source says but knows no runtime (ViewingActivity.csv). */
  bookmarkSeconds?: number;
  /** How long the title runs, in seconds, where the source says (Netflix's activity). */
  runtimeSeconds?: number;
  /**
   * The other ways its title reads (a Netflix title that may be a film with a colon or a show's
   * episode): the item itself is the first reading; until the person picks one, nothing is sent.
   */
  readings?: ItemReading[];
}

/** Export files' items go from the import page to the background in parts of at most this many. */
export const FILE_PART = 5_000;

/** An item as a reader builds it, before the job cleans it (its status any word the service used). */
export type RawItem = Omit<SourceItem, 'status'> & { status?: string };

/** One way an uncertain title reads. */
export type ItemReading = Pick<SourceItem, 'mediaType' | 'title' | 'year' | 'lastEpisode' | 'episodeTitle'>;

/** `uncertain`: the title reads two ways and the person has not picked one. */
export type NotImportable = 'want-to-watch' | 'nothing-watched' | 'no-title' | 'uncertain';

export type Plan =
  | {
      kind: 'scrobble';
      action: 'watched' | 'watching';
      media: Media /** Sent only if the person ticks it. */;
      optional?: boolean;
      /** Why it waits for a tick: no episode is known, or it was started and not finished. */
      why?: 'no-episode-known' | 'started';
    }
  | { kind: 'not-importable'; reason: NotImportable };

export type MatchType = 'id' | 'exact' | 'close' | 'fuzzy' | 'none';

export type Category = 'already' | 'to-import' | 'not-importable';
/** `left-out`: the person unticked it before Import. */
export type Reason = NotImportable | 'no-episode-known' | 'started' | 'imported-before' | 'left-out';
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
  /** A show whose episode is not known, or a title started and not finished: sent, as watching, only when ticked. */
  optional?: boolean;
  ticked?: boolean;
  /** A title to import that the person may leave out (unticked: `reason` is `left-out`). */
  leaveOutable?: boolean;
  /** The reading the person picked of an uncertain title (0: the item as read). */
  picked?: number;
  /** An uncertain title's ways to read, the first as it was read: offered until Import, picked or not. */
  readAs?: ItemReading[];
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
  /** A service with a key, a site read with the browser's own sign-in, or export files read in the page. */
  kind: 'service' | 'site' | 'files';
  /** What it reads, and where a person finds it. */
  hint?: MessageKey;
  /** `site`: the site's own name, and where a signed-out person signs in. */
  siteName?: string;
  signIn?: string;
  ratingScale: number;
  fields: readonly KeyField[];
  /** Where it answers: its own address, or one the person gives (the field `apiUrl`). */
  address: { kind: 'fixed'; url: string } | { kind: 'asked' } | { kind: 'none' };
  ratedOnly?: MessageKey;
  /** It can be connected with a PIN (the extension has its own app there). */
  pin: boolean;
}

/** A profile of a site's account (Netflix's): a kids' profile is read only when chosen. */
export interface ProfileView {
  id: string;
  name: string;
  kids: boolean;
  /** The one signed in now: read unless another is chosen. */
  current: boolean;
}

/** How a site's record that settles export files was read: read, or not (signed out, or failing). */
export type SiteRead = 'read' | 'signed-out' | 'failed';

/** A show an export numbers (by its TVDB id) but no file names: how far it was watched. */
export interface UnnamedShowNote {
  tvdbShow: number;
  lastEpisode: { season: number; episode: number };
  episodes: number;
}

/** What export files said beside their items: whether they tell finished from started, what was left out and why. */
export interface FileNotes {
  finishedKnown: boolean;
  /** ViewingActivity.csv: the profile read (its name), and that it says how far each viewing got. */
  profile?: string;
  bookmarks?: boolean;
  /** Rows left out, by why (trailers, autoplayed previews, hidden viewings, dates in the future…). */
  skipped: Record<string, number>;
  /** TV Time shows no file names: listed (at most 100 of them), never guessed. */
  unnamed: UnnamedShowNote[];
  files: number;
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
    /** Every title started and not finished is sent as watching. */
    startedToo: boolean;
    /** `site`: the profile read. */
    profile?: string;
    notes?: FileNotes;
    /** `files` settled by a site: whether its record was read, and the site's name and sign-in. */
    settled?: { state: SiteRead; siteName: string; signIn?: string };
    /** `site`: its name, and where to sign in, with a signed-out failure. */
    siteName?: string;
    signIn?: string;
  } | null;
  /** While importing: sent (answered) of queued, and about how long the rest takes at 50 a minute. */
  progress: { sent: number; total: number; minutesLeft: number } | null;
}
