import type { z } from 'zod';
import { ApiError, parseRetryAfter } from './errors';
import {
  type Account,
  accountSchema,
  errorEnvelopeSchema,
  type HistoryPage,
  type HistoryQuery,
  historyPageSchema,
  historyQuerySchema,
  type ScrobbleRequest,
  type ScrobbleResponse,
  scrobbleRequestSchema,
  scrobbleResponseSchema,
  tokenSchema,
  type WatchlistPage,
  type WatchlistQuery,
  watchlistPageSchema,
  watchlistQuerySchema,
} from './schemas';

/** Well under the 30 s a Chrome service worker gives a fetch before it may be killed. */
export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Far more than any answer the API gives (a page of 200 items with 500-character titles is well under
 * it). Anything bigger is not read to the end: it would hold the worker's memory and the popup.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export interface ClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Runs before every request; may throw an ApiError to hold it back (the 60-a-minute ceiling). */
  beforeRequest?: () => Promise<void>;
}

export interface ReelRifterClient {
  me(): Promise<Account>;
  watchlist(query?: WatchlistQuery): Promise<WatchlistPage>;
  history(query?: HistoryQuery): Promise<HistoryPage>;
  scrobble(body: ScrobbleRequest, options?: { idempotencyKey?: string }): Promise<ScrobbleResponse>;
}

export function isWellFormedToken(token: string): boolean {
  return tokenSchema.safeParse(token).success;
}

export function createClient(options: ClientOptions): ReelRifterClient {
  const parsedToken = tokenSchema.safeParse(options.token);
  if (!parsedToken.success) {
    throw new ApiError('invalid-token', 'That is not a ReelRifter access token. Tokens start with "rr_pat_".');
  }
  const token = parsedToken.data;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const redact = (text: string) => text.split(token).join('[token]');

  async function request<T extends z.ZodType>(
    schema: T,
    path: string,
    init: {
      method?: 'GET' | 'POST';
      query?: Record<string, string | number | undefined>;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ): Promise<z.infer<T>> {
    const url = new URL(`${baseUrl}${path}`);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}`, ...init.headers };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';

    await options.beforeRequest?.();
    let response: Response;
    let text: string | null;
    try {
      response = await doFetch(url, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeoutMs),
        credentials: 'omit',
        cache: 'no-store',
        // A redirect could carry the scrobble, and the token, to another server: it is not followed.
        redirect: 'manual',
      });
      text = await readAtMost(response, MAX_ANSWER_BYTES);
    } catch (error) {
      if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        const seconds = Math.round(timeoutMs / 1000);
        throw new ApiError('timeout', `ReelRifter did not answer within ${seconds} seconds.`, { seconds });
      }
      throw new ApiError('network', 'Could not reach ReelRifter. Check your connection.');
    }

    const status = response.status;
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
      throw new ApiError('unreadable', 'ReelRifter answered with a redirect to another address, which is not followed.', {
        status,
        why: 'redirect',
      });
    }
    if (status === 401 || status === 403) {
      throw new ApiError('unauthorized', 'ReelRifter did not accept the access token. It may be wrong or revoked.', { status });
    }
    if (status === 429) {
      const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
      throw new ApiError('rate-limited', 'ReelRifter asked us to slow down.', { status, retryAfterSeconds });
    }
    if (status >= 500) {
      throw new ApiError('server', `ReelRifter had a problem (HTTP ${status}).`, { status });
    }

    if (text === null) {
      if (status >= 400) throw new ApiError('rejected', `ReelRifter refused the request (HTTP ${status}).`, { status });
      throw new ApiError('unreadable', 'ReelRifter sent an answer too large to read.', { status, why: 'too-large' });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (status >= 400) throw new ApiError('rejected', `ReelRifter refused the request (HTTP ${status}).`, { status });
      throw new ApiError('unreadable', 'ReelRifter sent an answer that is not JSON.', { status, why: 'not-json' });
    }
    if (status >= 400) {
      const said = serverMessage(json);
      throw new ApiError('rejected', redact(said ?? `ReelRifter refused the request (HTTP ${status}).`), {
        status,
        ...(said ? { serverMessage: redact(said) } : {}),
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError('unreadable', 'ReelRifter sent an answer in a shape we do not understand.', { status, why: 'shape' });
    }
    return parsed.data;
  }

  return {
    me: async () => request(accountSchema, '/me'),
    watchlist: async (query = {}) =>
      request(watchlistPageSchema, '/watchlist', { query: parseQuery(watchlistQuerySchema, query) }),
    history: async (query = {}) => request(historyPageSchema, '/history', { query: parseQuery(historyQuerySchema, query) }),
    scrobble: async (body, opts = {}) => {
      const parsed = scrobbleRequestSchema.safeParse(body);
      if (!parsed.success)
        throw new ApiError('rejected', `Not a valid scrobble: ${parsed.error.issues[0]?.message ?? 'bad input'}.`, {
          why: 'invalid',
        });
      return request(scrobbleResponseSchema, '/scrobble', {
        method: 'POST',
        body: parsed.data,
        headers: opts.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {},
      });
    },
  };
}

/** The body as text, or null once it is past `maxBytes` (then the rest is not downloaded). */
export async function readAtMost(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

function parseQuery<S extends z.ZodType<Record<string, string | number | undefined>>>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError('rejected', `Invalid ${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'bad value'}.`, {
      why: 'invalid',
    });
  }
  return parsed.data;
}

function serverMessage(json: unknown): string | undefined {
  const parsed = errorEnvelopeSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { error } = parsed.data;
  const message = typeof error === 'string' ? error : error.message;
  return message?.slice(0, 300);
}
