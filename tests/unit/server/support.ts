/**
 * Shared by the stand-in's tests: a stand-in per test file (useStandIn), a token per test (freshToken),
 * and helpers to call the API and check its answers.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type StandIn, startStandIn } from '../../../server/standin';

export let standIn: StandIn;
export let demoToken: string;
export let userCount = 0;

/** Starts a stand-in for the calling test file, with a token for the demo user, and clears any fault after each test. */
export function useStandIn(): void {
  beforeAll(async () => {
    standIn = await startStandIn({});
    demoToken = standIn.mintToken();
  });
  afterAll(() => standIn.close());
  afterEach(() => standIn.setFault(null));
}

/** A token for a user of its own, so tests that write do not see each other's effects. */
export const freshToken = () => standIn.mintToken(`usr_test${++userCount}`);

export interface CallOptions {
  token?: string | null;
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? demoToken : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  return fetch(`${standIn.baseUrl}${path}`, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    signal: options.signal,
    redirect: 'manual',
  });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface WatchlistItem {
  id: string;
  tmdbId: number;
  title: string;
  mediaType: string;
  status: string;
  currentSeason: number | null;
  currentEpisode: number | null;
  updatedAt: string;
}
export interface HistoryItem {
  id: string;
  kind: string;
  tmdbId: number;
  season: number | null;
  episode: number | null;
  watchedAt: string;
  source: string | null;
}

export const scrobble = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  call('/scrobble', { token, body, headers });

export async function watchlistOf(token: string, query = ''): Promise<WatchlistItem[]> {
  const response = await call(`/watchlist${query}`, { token });
  expect(response.status).toBe(200);
  return (await json<{ items: WatchlistItem[] }>(response)).items;
}

export async function historyOf(token: string, query = ''): Promise<HistoryItem[]> {
  const response = await call(`/history${query}`, { token });
  expect(response.status).toBe(200);
  return (await json<{ items: HistoryItem[] }>(response)).items;
}

export async function expectError(response: Response, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = await json<{ error: { code: string; message: string }; status: number }>(response);
  expect(body.status).toBe(status);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  if (message) expect(body.error.message).toMatch(message);
  return body;
}
