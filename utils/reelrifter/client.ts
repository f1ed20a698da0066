import { z } from 'zod/mini';
import { HttpError, requestJson } from '../http';
import {
  type Account,
  accountSchema,
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

/**
 * zod/mini loads no locale, so an issue's message would read only "Invalid input": the messages of
 * a refused scrobble (kept for the results export) and query are put into English here, where they are read.
 */
const english = { error: z.locales.en().localeError };

export interface ClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Runs before every request; may throw an HttpError to hold it back (the 60-a-minute ceiling). */
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
    throw new HttpError('invalid-token', 'That is not a ReelRifter access token. Tokens start with "rr_pat_".');
  }
  const token = parsedToken.data;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;

  async function request<T extends z.ZodMiniType>(
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
    await options.beforeRequest?.();
    return requestJson(url, {
      service: 'ReelRifter',
      schema,
      ...(init.method ? { method: init.method } : {}),
      headers: { Authorization: `Bearer ${token}`, ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
      secrets: [token],
      maxBytes: MAX_ANSWER_BYTES,
      timeoutMs,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  return {
    me: async () => request(accountSchema, '/me'),
    watchlist: async (query = {}) =>
      request(watchlistPageSchema, '/watchlist', { query: parseQuery(watchlistQuerySchema, query) }),
    history: async (query = {}) => request(historyPageSchema, '/history', { query: parseQuery(historyQuerySchema, query) }),
    scrobble: async (body, opts = {}) => {
      const parsed = scrobbleRequestSchema.safeParse(body, english);
      if (!parsed.success)
        throw new HttpError('rejected', `Not a valid scrobble: ${parsed.error.issues[0]?.message ?? 'bad input'}.`, {
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

function parseQuery<S extends z.ZodMiniType<Record<string, string | number | undefined>>>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query, english);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError('rejected', `Invalid ${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'bad value'}.`, {
      why: 'invalid',
    });
  }
  return parsed.data;
}
