import { browser } from 'wxt/browser';
import { forgetToken, readToken, writeToken } from './db';
import type { AccountStatus, ErrorView, Outcome } from './messages';
import { createClient, isWellFormedToken, type ReelRifterClient } from './reelrifter/client';
import { ApiError, isApiError } from './reelrifter/errors';
import { checkApiUrl, originPattern } from './reelrifter/origins';
import type { Account, HistoryPage, WatchlistPage, WatchlistQuery } from './reelrifter/schemas';
import { takeRequestSlot } from './scrobble/outbox';
import { type AccountView, apiUrlOverrideItem, buildDefaultApiUrl, connectionItem, readApiUrl, readConnection } from './settings';

export const MALFORMED_TOKEN_MESSAGE = 'That is not a ReelRifter access token. Tokens start with "rr_pat_".';

export async function accountStatus(): Promise<AccountStatus> {
  return { connection: await readConnection(), apiUrl: await readApiUrl() };
}

/** A client for the stored token, or undefined when there is none. Background only. */
export async function storedClient(): Promise<ReelRifterClient | undefined> {
  const token = await readToken();
  if (!token) return undefined;
  return createClient({ baseUrl: await readApiUrl(), token, beforeRequest: holdToRateLimit });
}

/** Stays under ReelRifter's soft ceiling of 60 requests a minute per token, whoever asks. */
async function holdToRateLimit(): Promise<void> {
  const wait = await takeRequestSlot(Date.now());
  if (wait > 0) {
    throw new ApiError('rate-limited', 'Holding back to stay under 60 requests a minute.', {
      retryAfterSeconds: Math.ceil(wait / 1000),
      local: true,
    });
  }
}

export async function connect(rawToken: string): Promise<Outcome<{ status: AccountStatus }>> {
  const token = rawToken.trim();
  if (!isWellFormedToken(token)) return { ok: false, error: { kind: 'invalid-token', message: MALFORMED_TOKEN_MESSAGE } };
  try {
    const account = await createClient({ baseUrl: await readApiUrl(), token, beforeRequest: holdToRateLimit }).me();
    await writeToken(token);
    await connectionItem.setValue({ state: 'connected', account: toView(account) });
    return { ok: true, status: await accountStatus() };
  } catch (error) {
    return { ok: false, error: toErrorView(error) };
  }
}

export async function disconnect(): Promise<AccountStatus> {
  await forgetToken();
  await connectionItem.setValue({ state: 'disconnected' });
  return accountStatus();
}

/** A 401 for the stored token: keep the token's place and everything queued, ask for a new one. */
export async function markNeedsReconnect(): Promise<void> {
  const connection = await readConnection();
  await connectionItem.setValue({ state: 'reconnect', account: connection.state === 'disconnected' ? {} : connection.account });
}

/**
 * Points the extension at another API server. The options page asks for the origin's permission
 * first (it needs the user's click); here we only accept it once granted. A token belongs to one
 * server, so changing servers forgets it rather than sending it somewhere new.
 */
export async function setApiUrl(url: string | null): Promise<Outcome<{ status: AccountStatus }>> {
  let next: string | null = null;
  if (url !== null && url.trim() !== '') {
    const checked = checkApiUrl(url);
    if (!checked.ok) {
      const message =
        checked.reason === 'insecure'
          ? 'The API URL must use https:// (http:// only for localhost or 127.0.0.1).'
          : 'That is not a valid URL.';
      return { ok: false, error: { kind: 'invalid-url', message } };
    }
    next = checked.url === buildDefaultApiUrl() ? null : checked.url;
  }
  const target = next ?? buildDefaultApiUrl();
  if (!(await browser.permissions.contains({ origins: [originPattern(target)] }))) {
    return { ok: false, error: { kind: 'permission', message: `Access to ${new URL(target).origin} was not granted.` } };
  }
  if (target !== (await readApiUrl())) {
    await apiUrlOverrideItem.setValue(next);
    await disconnect();
  }
  return { ok: true, status: await accountStatus() };
}

function toView(account: Account): AccountView {
  return { id: account.id ?? null, username: account.username ?? null, name: account.name ?? null };
}

export function toErrorView(error: unknown): ErrorView {
  if (isApiError(error)) return { kind: error.kind, message: error.message };
  return { kind: 'network', message: 'Something went wrong talking to ReelRifter.' };
}

/** Reads from the person's ReelRifter account for the popup; a 401 asks them to reconnect, as a scrobble would. */
async function fromAccount<T>(read: (client: ReelRifterClient) => Promise<T>): Promise<Outcome<{ data: T }>> {
  const client = await storedClient();
  if (!client) return { ok: false, error: { kind: 'unauthorized', message: 'Not connected to ReelRifter.' } };
  try {
    return { ok: true, data: await read(client) };
  } catch (error) {
    if (isApiError(error) && (error.kind === 'unauthorized' || error.kind === 'invalid-token')) await markNeedsReconnect();
    return { ok: false, error: toErrorView(error) };
  }
}

export const HISTORY_LIMIT = 50;
export const WATCHLIST_PAGE = 20;

export function readHistory(): Promise<Outcome<{ data: HistoryPage }>> {
  return fromAccount((client) => client.history({ limit: HISTORY_LIMIT }));
}

export function readWatchlist(query: WatchlistQuery): Promise<Outcome<{ data: WatchlistPage }>> {
  return fromAccount((client) => client.watchlist({ ...query, limit: WATCHLIST_PAGE }));
}
