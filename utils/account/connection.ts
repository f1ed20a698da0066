import { browser } from 'wxt/browser';
import { forgetCredential, readCredential, writeCredential } from './db';
import type { AccountStatus, ErrorView, Outcome } from './messages';
import { createClient, isWellFormedToken, type ReelRifterClient } from './reelrifter/client';
import { ApiError, isApiError } from './reelrifter/errors';
import { checkApiUrl, serverPattern } from './reelrifter/origins';
import type { Account, HistoryPage, WatchlistPage, WatchlistQuery } from './reelrifter/schemas';
import { takeRequestSlot } from './scrobble/outbox';
import { serial } from './serial';
import { type AccountView, apiUrlOverrideItem, buildDefaultApiUrl, connectionItem, readApiUrl, readConnection } from './settings';

export const MALFORMED_TOKEN_MESSAGE = 'That is not a ReelRifter access token. Tokens start with "rr_pat_".';

export async function accountStatus(): Promise<AccountStatus> {
  return { connection: await readConnection(), apiUrl: await readApiUrl() };
}

/**
 * Changing servers, connecting and disconnecting run one at a time with each scrobble's send (see
 * sender.ts), so no send can start with one server's token while the server is being changed.
 */
export const serverLane = serial();

/**
 * A client for the stored token, or undefined when there is none. The token is only ever sent to the
 * API server it was verified against, which is stored with it: if the extension is now pointed
 * anywhere else, nothing is sent and the person is asked to connect again. Background only.
 */
export async function storedClient(): Promise<ReelRifterClient | undefined> {
  const credential = await readCredential();
  if (!credential) return undefined;
  if (credential.apiUrl !== (await readApiUrl())) {
    await markNeedsReconnect();
    return undefined;
  }
  return createClient({ baseUrl: credential.apiUrl, token: credential.token, beforeRequest: holdToRateLimit });
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
  const apiUrl = await readApiUrl();
  try {
    const account = await createClient({ baseUrl: apiUrl, token, beforeRequest: holdToRateLimit }).me();
    return await serverLane(async () => {
      // The server was changed while /me was asked: this token was verified against the old one.
      if ((await readApiUrl()) !== apiUrl)
        return { ok: false as const, error: toErrorView(new ApiError('network', SERVER_CHANGED)) };
      await writeCredential({ token, apiUrl });
      await connectionItem.write({ state: 'connected', account: toView(account) });
      return { ok: true as const, status: await accountStatus() };
    });
  } catch (error) {
    return { ok: false, error: toErrorView(error) };
  }
}

const SERVER_CHANGED = 'The API server was changed while connecting. Paste the token again.';

export function disconnect(): Promise<AccountStatus> {
  return serverLane(forget);
}

async function forget(): Promise<AccountStatus> {
  await forgetCredential();
  await connectionItem.write({ state: 'disconnected' });
  return accountStatus();
}

/** A 401 for the stored token: keep the token's place and everything queued, ask for a new one. */
export async function markNeedsReconnect(): Promise<void> {
  const connection = await readConnection();
  if (connection.state === 'reconnect') return;
  await connectionItem.write({ state: 'reconnect', account: connection.state === 'disconnected' ? {} : connection.account });
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
  if (!(await browser.permissions.contains({ origins: [serverPattern(target)] }))) {
    return { ok: false, error: { kind: 'permission', message: `Access to ${new URL(target).origin} was not granted.` } };
  }
  return serverLane(async () => {
    if (target !== (await readApiUrl())) {
      // The token is forgotten before the new address is written: no moment pairs them.
      await forget();
      await apiUrlOverrideItem.write(next);
    }
    return { ok: true as const, status: await accountStatus() };
  });
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
