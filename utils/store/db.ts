import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Media } from '../media';
import type { ScrobbleEntry } from '../model/records';

/** One person watching one film or episode, possibly across reloads and several pages. */
export interface ViewingRecord {
  /** site, the site's content id (or the title when it has none), season and episode. */
  key: string;
  /** Random per viewing: the same episode watched again tomorrow is a new viewing. */
  id: string;
  site: string;
  media: Media;
  /** Forward seconds and start position as reported by each page (tracker) that showed it. */
  segments: Record<string, { forward: number; start: number }>;
  duration: number;
  position: number;
  ended: boolean;
  watchingSent: boolean;
  watchedSent: boolean;
  /** The person chose "Don't scrobble this" (or "Don't log" when asked): followed, never sent. */
  ignored?: boolean;
  /** Asked before logging, the person said "Log it": what this viewing decides later is sent without asking again. */
  approved?: boolean;
  /** Something of it waited for the person's answer ("Ask before logging"). */
  asked?: boolean;
  /** When the background first heard of this viewing: forward play can't have run ahead of it (see plausibleForward). */
  firstSeenAt: number;
  lastSeenAt: number;
}

/** A token together with the API server it was verified against: it is only ever sent there. */
export interface Credential {
  token: string;
  apiUrl: string;
}

/**
 * The extension's IndexedDB. It lives in the extension's own origin, so neither a web page nor a
 * content script (which runs with the page's origin) can open it: that is why the token and every
 * setting that decides what is sent, where, or what the extension's own pages say are kept here and
 * not in `storage.local`, which content scripts can read and write.
 */
export interface ReelRifterDB extends DBSchema {
  /**
   * `credential`; `token` is the bare token of version 2, moved into `credential` at start;
   * `source:<id>` the key of a service the import reads from (utils/import/keys.ts).
   */
  secrets: { key: string; value: unknown };
  /** Outbox and results log in one: an entry is in the outbox while its state is `queued`. */
  scrobbles: {
    key: string;
    value: ScrobbleEntry;
    indexes: {
      byState: ScrobbleEntry['state'];
      byCreated: number;
      byViewing: string;
      byImport: string;
      /** Only entries that wait for something (an entry without a wait reason is not in it): what waits for the person's answer is counted here. */
      byWait: string;
      /**
       * Counted without reading an entry (the popup's summary, on a log of thousands): by state, only
       * what a fix settled (`resolvedBy`), only an import's, and only an import's a fix settled.
       */
      bySettled: [string, string];
      byImportState: [string, string];
      bySettledImport: [string, string, string];
    };
  };
  viewings: { key: string; value: ViewingRecord; indexes: { byLastSeen: number } };
  /** Send times of the last minute's requests, for the 60-a-minute ceiling. */
  meta: { key: 'sendTimes'; value: number[] };
  /** The person's settings and the account as last seen, one record per item (items.ts). */
  settings: { key: string; value: unknown };
  /** The import from another service: its one current job (`current`, utils/import/job.ts), and a PIN being approved (`pin:<id>`, utils/import/pin.ts). */
  imports: { key: string; value: unknown };
  /** What the import read, a page per record (`<job id>:<n>`, and `<job id>:reelrifter`). */
  importPages: { key: string; value: unknown };
  /** Titles an import has sent (their item keys), so a later import sends them no more. */
  importedKeys: { key: string; value: { at: number; source: string; importId?: string } };
}

export const DB_NAME = 'reelrifter';

let opening: Promise<IDBPDatabase<ReelRifterDB>> | undefined;

export function db(): Promise<IDBPDatabase<ReelRifterDB>> {
  opening ??= openDB<ReelRifterDB>(DB_NAME, 7, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) database.createObjectStore('secrets');
      if (oldVersion < 2) {
        const scrobbles = database.createObjectStore('scrobbles', { keyPath: 'key' });
        scrobbles.createIndex('byState', 'state');
        scrobbles.createIndex('byCreated', 'createdAt');
        const viewings = database.createObjectStore('viewings', { keyPath: 'key' });
        viewings.createIndex('byLastSeen', 'lastSeenAt');
        database.createObjectStore('meta');
      }
      if (oldVersion < 3) database.createObjectStore('settings');
      if (oldVersion < 4) transaction.objectStore('scrobbles').createIndex('byViewing', 'viewingKey');
      if (oldVersion < 5) {
        database.createObjectStore('imports');
        database.createObjectStore('importPages');
        database.createObjectStore('importedKeys');
        transaction.objectStore('scrobbles').createIndex('byImport', 'importId');
      }
      if (oldVersion < 6) transaction.objectStore('scrobbles').createIndex('byWait', 'waitReason');
      if (oldVersion < 7) {
        const scrobbles = transaction.objectStore('scrobbles');
        scrobbles.createIndex('bySettled', ['state', 'resolvedBy']);
        scrobbles.createIndex('byImportState', ['state', 'importId']);
        scrobbles.createIndex('bySettledImport', ['state', 'importId', 'resolvedBy']);
      }
    },
    blocking() {
      opening = undefined;
    },
  });
  return opening;
}

function isCredential(value: unknown): value is Credential {
  const record = value as Partial<Credential> | undefined;
  return typeof record?.token === 'string' && typeof record.apiUrl === 'string';
}

export async function readCredential(): Promise<Credential | undefined> {
  const stored = await (await db()).get('secrets', 'credential');
  return isCredential(stored) ? stored : undefined;
}

export async function writeCredential(credential: Credential): Promise<void> {
  await (await db()).put('secrets', { token: credential.token, apiUrl: credential.apiUrl }, 'credential');
}

export async function forgetCredential(): Promise<void> {
  const tx = (await db()).transaction('secrets', 'readwrite');
  await Promise.all([tx.store.delete('credential'), tx.store.delete('token'), tx.done]);
}

/** The bare token an earlier version kept, without the server it belongs to; taken out as it is read. */
export async function takeLegacyToken(): Promise<string | undefined> {
  const tx = (await db()).transaction('secrets', 'readwrite');
  const token = await tx.store.get('token');
  if (token !== undefined) await tx.store.delete('token');
  await tx.done;
  return typeof token === 'string' ? token : undefined;
}
