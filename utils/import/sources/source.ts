import { z } from 'zod/mini';
import { HttpError, requestJson } from '../../http';
import type { MessageKey } from '../../i18n';
import type { KeyField, ProfileView } from '../../model/import';

/**
 * What an import source is: one declaration (a file in this folder, listed in index.ts) saying who
 * it is, what a person gives to connect it, where it answers, and how it is read a page at a time.
 * The import page, the job, the key store, the schemas and the report all read the declarations.
 */
export interface ImportSource {
  id: string;
  label: MessageKey;
  /**
   * How it is read: a service's API with the key the person gives (`service`); a site the person is
   * signed in to, with the browser's own sign-in and no key (`site`); or export files the person
   * gives, read in the import page and never uploaded (`files`: no reader, no address).
   */
  kind: 'service' | 'site' | 'files';
  /** What it reads, and where a person finds it (files: which ones to give). */
  hint?: MessageKey;
  /** The top of the source's rating scale, for the report (Rewind rates 1–5, the others 1–10). */
  ratingScale: number;
  /** What a person types to connect it (the address, when asked, is the field named `apiUrl`). */
  fields: readonly KeyField[];
  /** Checks the fields as typed (trimmed strings) and as kept; the address is checked apart. */
  keySchema: z.ZodMiniType<Record<string, string>>;
  /** Where it answers: a fixed address (overridable at build time), one the person gives, or none (files). */
  address: { kind: 'fixed'; url: () => string } | { kind: 'asked' } | { kind: 'none' };
  /** A switch the person may turn on: read only what they rated. */
  ratedOnly?: MessageKey;
  /** Another way to connect than typing the fields: a PIN the person approves on the service's site. */
  pin?: PinFlow;
  /** `site`: the profiles that can be read, and which is signed in (the page asks which to read). */
  profiles?(apiUrl: string, options: Pick<ReaderOptions, 'fetch' | 'signal'>): Promise<SourceProfile[]>;
  /**
   * `files`: the site whose own record settles what the files cannot (episode numbers, runtimes, a
   * title that reads two ways), read with the person's sign-in when there is one (enrich.ts).
   */
  settledBy?: string;
  /** `site`: the site's own name, in every language ("Netflix"). */
  siteName?: string;
  /** `site`: where a signed-out person signs in (shown with the failure as a link). */
  signIn?(apiUrl: string): string;
  /** Every kind but `files` (whose items the page reads from the files and hands over). */
  reader?(key: SourceKey, options: ReaderOptions): SourceReader;
}

/** A profile of a site's account (Netflix's): kids' profiles are read only when chosen. */
export type SourceProfile = ProfileView;

/** A kept key: which source, the address it is for, and the declared fields. */
export type SourceKey = { source: string; apiUrl: string } & Record<string, string>;

export interface ReaderOptions {
  ratedOnly: boolean;
  /** `site`: the profile chosen (its id); the signed-in one when absent. */
  profile?: string;
  /** The extension's version, for services that ask an app to name itself. */
  version: string;
  /** Aborts the request under way at once (Cancel, Forget, a new Preview). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** The page the read stopped at: plain JSON, kept after every page so a stopped read resumes there. */
export type Cursor = Record<string, string | number | boolean>;

export interface Page {
  /** The items as the service gave them; the job cleans each (cleanItem) before keeping it. */
  items: unknown[];
  /** Where the next page is; null when everything was read. */
  next: Cursor | null;
  /** How many pages there are in all, when the service says (the progress bar, and the cap). */
  pages?: number;
  /** How many pages the list being read says it has, where that is not all (past READ_LIMITS, the read stops). */
  promised?: number;
}

export interface SourceReader {
  /** Reads the page at `cursor` (null: the first). */
  read(cursor: Cursor | null): Promise<Page>;
}

/** The PIN flow (Simkl's): a code to type on the service's site, then a token once approved. */
export interface PinFlow {
  /** The app's own client id, set at build time; without it the flow is not offered. */
  clientId(): string | undefined;
  start(apiUrl: string, clientId: string, options: Pick<ReaderOptions, 'fetch'>): Promise<PinCode>;
  check(apiUrl: string, clientId: string, userCode: string, options: Pick<ReaderOptions, 'fetch'>): Promise<PinCheck>;
}
export interface PinCode {
  userCode: string;
  verificationUrl: string;
  /** Seconds between checks, as the service asks. */
  interval: number;
  expiresIn: number;
}
export type PinCheck = { state: 'approved'; token: string } | { state: 'pending' | 'slow-down' | 'expired' };

// ---------------------------------------------------------------- reading

/** Well under the 30 s a Chrome service worker gives a fetch. */
export const SOURCE_TIMEOUT_MS = 15_000;
/** A whole Simkl library of several thousand titles fits in one answer; anything bigger is not read. */
export const SOURCE_MAX_BYTES = 16 * 1024 * 1024;

export interface GetOptions<S extends z.ZodMiniType> {
  service: string;
  schema: S;
  headers: Record<string, string>;
  /** The key and token this request carries: never in an error. */
  secrets: readonly string[];
  options: Pick<ReaderOptions, 'fetch' | 'sleep' | 'signal'>;
}

/** One GET to a source, with its retries: a 429 waited out, a server error or a dropped connection asked again. */
export function sourceGet<S extends z.ZodMiniType>(url: URL, get: GetOptions<S>): Promise<z.infer<S>> {
  const { fetch, signal, sleep } = get.options;
  return withRetries(
    () =>
      requestJson(url, {
        service: get.service,
        schema: get.schema,
        headers: get.headers,
        secrets: get.secrets,
        maxBytes: SOURCE_MAX_BYTES,
        timeoutMs: SOURCE_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
        ...(fetch ? { fetch } : {}),
      }),
    { ...(sleep ? { sleep } : {}), ...(signal ? { signal } : {}) },
  );
}

export interface RetryOptions {
  /** Attempts after the first, for a server error, a dropped connection or a timeout. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Stops the waiting at once. */
  signal?: AbortSignal;
  /** Told of each wait. */
  onWait?: (ms: number, error: HttpError) => void;
}

/** The longest a 429's Retry-After is waited out before giving up for now (Try again resumes). */
const MAX_RATE_WAIT_MS = 60_000;

/**
 * Asks again after a 429 (as long as the service says, within reason), and after a server error,
 * a dropped connection or a timeout (1 s, 2 s, 4 s); then gives up with the last error.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? ((ms: number) => pause(ms, options.signal));
  for (let tried = 0; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof HttpError) || !error.transient || tried >= retries) throw error;
      const wait =
        error.kind === 'rate-limited'
          ? Math.min(MAX_RATE_WAIT_MS, (error.details.retryAfterSeconds ?? 2 ** tried) * 1000)
          : 1000 * 2 ** tried;
      options.onWait?.(wait, error);
      await sleep(wait);
      if (options.signal?.aborted) throw options.signal.reason;
    }
  }
}

/** Waits `ms`, or less when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}

// ---------------------------------------------------------------- what a source says

/** Whole numbers from what a service sends as a number or as digits. */
export function whole(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The year of an ISO date ("1999-10-15"), or a year given as a number. */
export function yearOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1870 && value <= 2200 ? value : undefined;
  const match = typeof value === 'string' ? /^(\d{4})/.exec(value) : null;
  return match ? yearOf(Number(match[1])) : undefined;
}

/** A key field's text: trimmed, one line, at most 500 characters. */
export const keyText = z.string().check(z.trim(), z.minLength(1), z.maxLength(500));

export type { RawItem } from '../../model/import';
