import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * The extension's IndexedDB. It lives in the extension's own origin, so neither a web page nor a
 * content script (which runs with the page's origin) can open it: that is why the token is kept here
 * and not in `storage.local`, which content scripts can read.
 */
export interface ReelRifterDB extends DBSchema {
  secrets: { key: 'token'; value: string };
}

export const DB_NAME = 'reelrifter';

let opening: Promise<IDBPDatabase<ReelRifterDB>> | undefined;

export function db(): Promise<IDBPDatabase<ReelRifterDB>> {
  opening ??= openDB<ReelRifterDB>(DB_NAME, 1, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('secrets');
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
