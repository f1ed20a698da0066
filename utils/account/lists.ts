import { failureOf, isHttpError } from '../http';
import type { Result } from '../model/records';
import type { ReelRifterClient } from '../reelrifter/client';
import type { HistoryPage, WatchlistPage, WatchlistQuery } from '../reelrifter/schemas';
import { markNeedsReconnect, storedClient } from './connection';

export const HISTORY_LIMIT = 50;
export const WATCHLIST_PAGE = 20;

/**
 * Reads from the person's ReelRifter account (the popup's lists, the import's cross-reference); a
 * 401 asks them to reconnect, as a scrobble would.
 */
export async function readFromAccount<T>(
  read: (client: ReelRifterClient) => Promise<T>,
  perMinute?: number,
): Promise<Result<{ data: T }>> {
  const client = await storedClient(perMinute);
  if (!client) return { ok: false, error: { kind: 'not-connected' } };
  try {
    return { ok: true, data: await read(client) };
  } catch (error) {
    if (isHttpError(error) && (error.kind === 'unauthorized' || error.kind === 'invalid-token')) await markNeedsReconnect();
    return { ok: false, error: failureOf(error) };
  }
}

export function readHistory(): Promise<Result<{ data: HistoryPage }>> {
  return readFromAccount((client) => client.history({ limit: HISTORY_LIMIT }));
}

export function readWatchlist(query: WatchlistQuery): Promise<Result<{ data: WatchlistPage }>> {
  return readFromAccount((client) => client.watchlist({ ...query, limit: WATCHLIST_PAGE }));
}
