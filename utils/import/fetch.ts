import type { z } from 'zod';
import { readAtMost } from '../reelrifter/client';
import { parseRetryAfter } from '../reelrifter/errors';

/** Why a read from another service stopped; the pages put each into words. */
export type SourceFailureKind =
  | 'unauthorized'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'unreadable'
  | 'rejected'
  | 'not-found'
  | 'wrong-type';

export class SourceError extends Error {
  override readonly name = 'SourceError';
  constructor(
    readonly kind: SourceFailureKind,
    message: string,
    readonly details: { status?: number; retryAfterSeconds?: number; serverMessage?: string } = {},
  ) {
    super(message);
  }

  /** Worth asking again without the person changing anything. */
  get transient(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

/** Well under the 30 s a Chrome service worker gives a fetch. */
export const SOURCE_TIMEOUT_MS = 15_000;
/** A whole Simkl library of several thousand titles fits; anything bigger is not read to the end. */
export const SOURCE_MAX_BYTES = 16 * 1024 * 1024;

export interface GetOptions<S extends z.ZodType> {
  headers: Record<string, string>;
  schema: S;
  /** Names the service in messages: "Simkl did not answer…". */
  service: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * One GET to another service, read as JSON and checked against `schema` (extra fields are fine).
 * Follows no redirect and sends no cookies. The answer's words are kept for the person when the
 * service refuses, whichever envelope it uses (`{message}`, `{error, status}` or a bare string).
 */
export async function getJson<S extends z.ZodType>(url: URL, options: GetOptions<S>): Promise<z.infer<S>> {
  const { service } = options;
  const timeoutMs = options.timeoutMs ?? SOURCE_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  let text: string | null;
  try {
    response = await doFetch(url, {
      headers: { Accept: 'application/json', ...options.headers },
      signal: AbortSignal.timeout(timeoutMs),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
    });
    text = await readAtMost(response, SOURCE_MAX_BYTES);
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new SourceError('timeout', `${service} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`);
    }
    throw new SourceError('network', `Could not reach ${service}.`);
  }
  const status = response.status;
  const said = text === null ? undefined : wordsOf(text);
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    throw new SourceError('unreadable', `${service} answered with a redirect, which is not followed.`, { status });
  }
  if (status === 401 || status === 403) {
    throw new SourceError('unauthorized', `${service} did not accept the key.`, {
      status,
      ...(said ? { serverMessage: said } : {}),
    });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
    throw new SourceError('rate-limited', `${service} asked us to slow down.`, {
      status,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  if (status >= 500) throw new SourceError('server', `${service} had a problem (HTTP ${status}).`, { status });
  if (status === 404) throw new SourceError('not-found', `${service} has nothing at that address (HTTP 404).`, { status });
  if (status >= 400) {
    throw new SourceError('rejected', said ?? `${service} refused the request (HTTP ${status}).`, {
      status,
      ...(said ? { serverMessage: said } : {}),
    });
  }
  if (text === null) throw new SourceError('unreadable', `${service} sent an answer too large to read.`, { status });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SourceError('unreadable', `${service} sent an answer that is not JSON.`, { status });
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success)
    throw new SourceError('unreadable', `${service} sent an answer in a shape we do not understand.`, { status });
  return parsed.data;
}

/** The words in an error body: `{message}`, `{error}` (a string) or a bare JSON string; at most 300 characters. */
function wordsOf(text: string): string | undefined {
  try {
    const json: unknown = JSON.parse(text);
    const words =
      typeof json === 'string'
        ? json
        : typeof json === 'object' && json !== null
          ? [(json as { message?: unknown }).message, (json as { error?: unknown }).error].find((v) => typeof v === 'string')
          : undefined;
    return typeof words === 'string' && words.trim() ? words.trim().slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

export interface RetryOptions {
  /** Attempts after the first, for a server error, a dropped connection or a timeout. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of each wait, so the page can say "waiting for Simkl". */
  onWait?: (ms: number, error: SourceError) => void;
}

/** The longest a 429's Retry-After is waited out before giving up for now (Try again resumes). */
const MAX_RATE_WAIT_MS = 60_000;

/**
 * Asks again after a 429 (as long as the service says, within reason), and after a server error,
 * a dropped connection or a timeout (1 s, 2 s, 4 s); then gives up with the last error.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  for (let tried = 0; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof SourceError) || !error.transient || tried >= retries) throw error;
      const wait =
        error.kind === 'rate-limited'
          ? Math.min(MAX_RATE_WAIT_MS, (error.details.retryAfterSeconds ?? 2 ** tried) * 1000)
          : 1000 * 2 ** tried;
      options.onWait?.(wait, error);
      await sleep(wait);
    }
  }
}
