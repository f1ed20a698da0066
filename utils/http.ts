import type { z } from 'zod/mini';
import { cleanText } from './media';
import type { Failure, HttpFailureKind } from './model/records';

/**
 * The one way the background asks another server anything: ReelRifter (reelrifter/client.ts) and
 * the services the import reads from (import/sources/). One request reader (timeout, size cap,
 * JSON, schema), one error, one mapping to what the pages are told. A refusal's words are the
 * service's own: redacted of every key and token, cleaned, capped, and shown quoted as theirs.
 */

export interface HttpErrorDetails {
  status?: number;
  retryAfterSeconds?: number;
  /** Held back here, before asking (our own 60-a-minute ceiling). */
  local?: boolean;
  /** The service's own words for a refusal: redacted, cleaned, at most SAID_MAX characters. */
  serverMessage?: string;
  /** Which kind of unreadable answer, or of refusal made here before asking. */
  why?: Failure['why'];
  /** The timeout that passed. */
  seconds?: number;
}

/** Every failure of a request. Its message (English, for logs) never holds a key or a token. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    readonly details: HttpErrorDetails = {},
  ) {
    super(message);
  }

  /** Worth asking again later without the person changing anything. */
  get transient(): boolean {
    return this.kind === 'rate-limited' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}

/** What the pages are told of a failure: its kind, and the service's own words where it gave any. */
export function failureOf(error: unknown): Failure {
  if (!isHttpError(error)) return { kind: 'network' };
  const { serverMessage, status, why, seconds, local } = error.details;
  const failure: Failure = { kind: error.kind };
  if (serverMessage) failure.message = serverMessage;
  if (status) failure.status = status;
  if (why ?? local) failure.why = why ?? 'local';
  if (seconds) failure.seconds = seconds;
  return failure;
}

/** The longest a service's words are kept and shown. */
export const SAID_MAX = 200;

/** What stands where a key or a token was in a service's words. */
export const REDACTED = '[hidden]';

/** A request as requestJson and requestText send it. */
export interface RequestBase {
  /** Names the service in the log's words: "Simkl did not answer…". */
  service: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent form-encoded (`application/x-www-form-urlencoded`), instead of `body`. */
  form?: Record<string, string>;
  /** The browser's cookies for the address: sent only when asked (`include`, a site's own sign-in); none by default. */
  credentials?: RequestCredentials;
  /** Every key and token this request carries: none of them is ever in an error. */
  secrets: readonly string[];
  /** The largest answer read to the end. */
  maxBytes: number;
  timeoutMs: number;
  /** Stops the request at once (a cancelled import); the abort's reason is thrown as it is. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface RequestOptions<S extends z.ZodMiniType> extends RequestBase {
  schema: S;
}

/**
 * One request, read as JSON and checked against `schema` (extra fields are fine). Follows no
 * redirect (it could carry a token to another server) and sends no cookies unless asked.
 */
export async function requestJson<S extends z.ZodMiniType>(url: URL, options: RequestOptions<S>): Promise<z.infer<S>> {
  const { service } = options;
  const { status, text } = await request(url, options, 'application/json');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError('unreadable', `${service} sent an answer that is not JSON.`, { status, why: 'not-json' });
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new HttpError('unreadable', `${service} sent an answer in a shape we do not understand.`, { status, why: 'shape' });
  }
  return parsed.data;
}

/** One request for a page (a site's HTML), read as text: otherwise as requestJson. */
export async function requestText(url: URL, options: RequestBase): Promise<string> {
  return (await request(url, options, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8')).text;
}

/** The request both readers make: the answer's status and whole text once it is a success. */
async function request(url: URL, options: RequestBase, accept: string): Promise<{ status: number; text: string }> {
  const { service, timeoutMs } = options;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = { Accept: accept, ...options.headers };
  let body: string | undefined;
  if (options.form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  let text: string | null;
  try {
    response = await doFetch(url, {
      method: options.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      signal: options.signal ? anyOf(options.signal, timeout) : timeout,
      credentials: options.credentials ?? 'omit',
      cache: 'no-store',
      redirect: 'manual',
    });
    text = await readAtMost(response, options.maxBytes);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted || (error instanceof DOMException && error.name === 'TimeoutError')) {
      const seconds = Math.round(timeoutMs / 1000);
      throw new HttpError('timeout', `${service} did not answer within ${seconds} seconds.`, { seconds });
    }
    throw new HttpError('network', `Could not reach ${service}.`);
  }

  const status = response.status;
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    throw new HttpError('unreadable', `${service} answered with a redirect to another address, which is not followed.`, {
      status,
      why: 'redirect',
    });
  }
  const said = text === null ? undefined : wordsOf(text, options.secrets);
  const saying = said ? { serverMessage: said } : {};
  if (status === 401 || status === 403) {
    throw new HttpError('unauthorized', `${service} did not accept the key or token.`, { status, ...saying });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
    throw new HttpError('rate-limited', `${service} asked us to slow down.`, {
      status,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  if (status >= 500) throw new HttpError('server', `${service} had a problem (HTTP ${status}).`, { status });
  if (status >= 400) {
    throw new HttpError('rejected', said ?? `${service} refused the request (HTTP ${status}).`, { status, ...saying });
  }
  if (text === null) {
    throw new HttpError('unreadable', `${service} sent an answer too large to read.`, { status, why: 'too-large' });
  }
  return { status, text };
}

/** Aborted when either is (AbortSignal.any, where the browser has it). */
function anyOf(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const both = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) both.abort(signal.reason);
    else signal.addEventListener('abort', () => both.abort(signal.reason), { once: true });
  }
  return both.signal;
}

/**
 * The words in an error body, whichever envelope the service uses: `{message}`, `{error}` (a string
 * or `{message}`), `{status_message}` or a bare JSON string. Redacted of `secrets`, cleaned of
 * control and format characters, at most SAID_MAX characters.
 */
export function wordsOf(text: string, secrets: readonly string[]): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const field = (value: unknown, name: string) =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  const words = [
    json,
    field(json, 'message'),
    field(json, 'error'),
    field(field(json, 'error'), 'message'),
    field(json, 'status_message'),
  ].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return words === undefined ? undefined : redact(words, secrets) || undefined;
}

/** `text` with every secret (at least four characters) replaced, then cleaned and capped. */
export function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join(REDACTED);
  return cleanText(clean, SAID_MAX);
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
