import type { Result } from '../model/records';
import type { ReelRifterClient } from '../reelrifter/client';
import { isApiError } from '../reelrifter/errors';
import type { HistoryPage, WatchlistPage, WatchlistQuery } from '../reelrifter/schemas';
import { markNeedsReconnect, storedClient, toFailure } from './connection';

export const HISTORY_LIMIT = 50;
export const WATCHLIST_PAGE = 20;

/** Reads from the person's ReelRifter account for the popup; a 401 asks them to reconnect, as a scrobble would. */
async function fromAccount<T>(read: (client: ReelRifterClient) => Promise<T>): Promise<Result<{ data: T }>> {
  const client = await storedClient();
  if (!client) return { ok: false, error: { kind: 'not-connected' } };
  try {
    return { ok: true, data: await read(client) };
  } catch (error) {
    if (isApiError(error) && (error.kind === 'unauthorized' || error.kind === 'invalid-token')) await markNeedsReconnect();
    return { ok: false, error: toFailure(error) };
  }
}

export function readHistory(): Promise<Result<{ data: HistoryPage }>> {
  return fromAccount((client) => client.history({ limit: HISTORY_LIMIT }));
}

export function readWatchlist(query: WatchlistQuery): Promise<Result<{ data: WatchlistPage }>> {
  return fromAccount((client) => client.watchlist({ ...query, limit: WATCHLIST_PAGE }));
}
