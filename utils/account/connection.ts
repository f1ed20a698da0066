import { browser } from 'wxt/browser';
import { failureOf, HttpError } from '../http';
import type { AccountStatus, AccountView, Result } from '../model/records';
import { checkApiUrl, serverPattern } from '../origins';
import { createClient, isWellFormedToken, type ReelRifterClient } from '../reelrifter/client';
import type { Account } from '../reelrifter/schemas';
import { serial } from '../serial';
import { forgetCredential, readCredential, writeCredential } from '../store/db';
import { apiUrlOverrideItem, buildDefaultApiUrl, connectionItem, readApiUrl, readConnection } from '../store/items';
import { REQUESTS_PER_MINUTE, takeRequestSlot } from './limiter';

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
export async function storedClient(perMinute = REQUESTS_PER_MINUTE): Promise<ReelRifterClient | undefined> {
  const credential = await readCredential();
  if (!credential) return undefined;
  if (credential.apiUrl !== (await readApiUrl())) {
    await markNeedsReconnect();
    return undefined;
  }
  return createClient({ baseUrl: credential.apiUrl, token: credential.token, beforeRequest: () => holdToRateLimit(perMinute) });
}

/** Stays under ReelRifter's soft ceiling of 60 requests a minute per token, whoever asks. */
async function holdToRateLimit(perMinute = REQUESTS_PER_MINUTE): Promise<void> {
  const wait = await takeRequestSlot(Date.now(), perMinute);
  if (wait > 0) {
    throw new HttpError('rate-limited', 'Holding back to stay under 60 requests a minute.', {
      retryAfterSeconds: Math.ceil(wait / 1000),
      local: true,
    });
  }
}

export async function connect(rawToken: string): Promise<Result<{ status: AccountStatus }>> {
  const token = rawToken.trim();
  if (!isWellFormedToken(token)) return { ok: false, error: { kind: 'invalid-token' } };
  const apiUrl = await readApiUrl();
  try {
    const account = await createClient({ baseUrl: apiUrl, token, beforeRequest: () => holdToRateLimit() }).me();
    return await serverLane(async () => {
      // The server was changed while /me was asked: this token was verified against the old one.
      if ((await readApiUrl()) !== apiUrl) return { ok: false as const, error: { kind: 'server-changed' as const } };
      await writeCredential({ token, apiUrl });
      await connectionItem.write({ state: 'connected', account: toView(account) });
      return { ok: true as const, status: await accountStatus() };
    });
  } catch (error) {
    return { ok: false, error: failureOf(error) };
  }
}

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
export async function setApiUrl(url: string | null): Promise<Result<{ status: AccountStatus }>> {
  let next: string | null = null;
  if (url !== null && url.trim() !== '') {
    const checked = checkApiUrl(url);
    if (!checked.ok) return { ok: false, error: { kind: checked.reason === 'insecure' ? 'insecure-url' : 'invalid-url' } };
    next = checked.url === buildDefaultApiUrl() ? null : checked.url;
  }
  const target = next ?? buildDefaultApiUrl();
  if (!(await browser.permissions.contains({ origins: [serverPattern(target)] }))) {
    return { ok: false, error: { kind: 'permission' } };
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
