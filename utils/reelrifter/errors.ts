export type ApiErrorKind =
  | 'invalid-token'
  | 'unauthorized'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'rejected'
  | 'unreadable';

/**
 * Every failure the client reports. Messages are written here or taken from the
 * server's error envelope; neither ever contains the token.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterSeconds?: number;
      local?: boolean;
      /** The server's own words, for a refused request. */
      serverMessage?: string;
      /** Which kind of unreadable answer, or of refusal made here before asking. */
      why?: 'not-json' | 'shape' | 'too-large' | 'redirect' | 'invalid';
      /** The timeout that passed. */
      seconds?: number;
    } = {},
  ) {
    super(message);
  }

  /** Worth sending again later without the user changing anything. */
  get transient(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
