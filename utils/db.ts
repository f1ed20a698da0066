import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ScrobbleEntry } from './scrobble/entry';
import type { ViewingRecord } from './scrobble/viewing';

/**
 * The extension's IndexedDB. It lives in the extension's own origin, so neither a web page nor a
 * content script (which runs with the page's origin) can open it: that is why the token is kept here
 * and not in `storage.local`, which content scripts can read.
 */
export interface ReelRifterDB extends DBSchema {
  secrets: { key: 'token'; value: string };
  /** Outbox and results log in one: an entry is in the outbox while its state is `queued`. */
  scrobbles: {
    key: string;
    value: ScrobbleEntry;
    indexes: { byState: ScrobbleEntry['state']; byCreated: number };
  };
  viewings: { key: string; value: ViewingRecord; indexes: { byLastSeen: number } };
  /** Send times of the last minute's requests, for the 60-a-minute ceiling. */
  meta: { key: 'sendTimes'; value: number[] };
}

export const DB_NAME = 'reelrifter';

let opening: Promise<IDBPDatabase<ReelRifterDB>> | undefined;

export function db(): Promise<IDBPDatabase<ReelRifterDB>> {
  opening ??= openDB<ReelRifterDB>(DB_NAME, 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('secrets');
      if (oldVersion < 2) {
        const scrobbles = database.createObjectStore('scrobbles', { keyPath: 'key' });
        scrobbles.createIndex('byState', 'state');
        scrobbles.createIndex('byCreated', 'createdAt');
        const viewings = database.createObjectStore('viewings', { keyPath: 'key' });
        viewings.createIndex('byLastSeen', 'lastSeenAt');
        database.createObjectStore('meta');
      }
    },
    blocking() {
      opening = undefined;
    },
  });
  return opening;
}

export async function readToken(): Promise<string | undefined> {
  return (await db()).get('secrets', 'token');
}

export async function writeToken(token: string): Promise<void> {
  await (await db()).put('secrets', token, 'token');
}

export async function forgetToken(): Promise<void> {
  await (await db()).delete('secrets', 'token');
}
