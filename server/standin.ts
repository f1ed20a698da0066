/**
 * A stand-in for the ReelRifter public API (seeds/004) on node:http, for the demo and the tests.
 * Where seeds/004 is silent, the choices are written down in docs/reelrifter-api.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { type CatalogueEntry, isFinale, type MatchQuery, type MediaType, matchTitle } from './catalogue';

export const DEFAULT_BASE_PATH = '/api/public/v1';
export const CONTROL_PREFIX = '/__control';
export const DEMO_USER_ID = 'usr_demo';
export const MAX_ACTIVE_TOKENS = 20;
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_BODY_BYTES = 64 * 1024;
const TITLE_MAX = 500;
const SOURCE_MAX = 200;
const HUGE_DEFAULT_BYTES = 8 * 1024 * 1024;
const HUGE_MAX_BYTES = 256 * 1024 * 1024;

export type WatchStatus = 'WANT_TO_WATCH' | 'WATCHING' | 'FINISHED' | 'DROPPED' | 'ON_HOLD';
const WATCH_STATUSES: readonly WatchStatus[] = ['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD'];

export interface User {
  id: string;
  username: string;
  name: string;
  createdAt: string;
}

export interface TokenRecord {
  userId: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface WatchlistItem {
  id: string;
  tmdbId: number;
  title: string;
  mediaType: MediaType;
  year: number | null;
  status: WatchStatus;
  currentSeason: number | null;
  currentEpisode: number | null;
  updatedAt: string;
}

export interface HistoryItem {
  id: string;
  kind: 'movie' | 'episode';
  tmdbId: number;
  title: string;
  mediaType: MediaType;
  year: number | null;
  season: number | null;
  episode: number | null;
  watchedAt: string;
  source: string | null;
}

export type FaultKind = 'error500' | 'rateLimit' | 'slow' | 'drop' | 'garbage' | 'wrongJson' | 'huge' | 'refuse' | 'redirect';

export interface Fault {
  kind: FaultKind;
  /** Apply to the next N API requests, then clear; omitted = until cleared. */
  times?: number;
  /** rateLimit only; default 2. */
  retryAfterSeconds?: number;
  /** slow only; default 35000. */
  delayMs?: number;
  /** huge only: the body's size in bytes, at least; default 8 MiB. */
  sizeBytes?: number;
  /** Only these API paths (e.g. "/scrobble"); omitted = all. */
  paths?: string[];
  /** redirect only: where a 307 sends the request (another origin, as a hijacked server would). */
  location?: string;
}

/** One POST /scrobble as the stand-in saw it. */
export interface ReceivedScrobble {
  at: string;
  body: unknown;
  idempotencyKey: string | null;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  response: unknown;
  replayed: boolean;
  userId: string | null;
  /** The fault that answered instead of the handler, if any. */
  fault: FaultKind | null;
}

/** One API request (preflights and control calls excluded). `url` is exactly what the client sent. */
export interface RequestRecord {
  at: string;
  method: string;
  path: string;
  url: string;
  status: number;
  userId: string | null;
}

interface StoredAnswer {
  at: number;
  status: number;
  body: unknown;
}

/** Everything a restarted stand-in needs to carry on where the last one stopped. */
export interface StandInState {
  users: Map<string, User>;
  /** Keyed by the SHA-256 hex digest of the raw token; the raw token is never kept. */
  tokens: Map<string, TokenRecord>;
  watchlists: Map<string, WatchlistItem[]>;
  history: Map<string, HistoryItem[]>;
  /** Keyed by user id and Idempotency-Key. */
  idempotency: Map<string, StoredAnswer>;
  received: ReceivedScrobble[];
  requests: RequestRecord[];
  nextId: number;
}

export interface StandInOptions {
  port?: number;
  host?: string;
  basePath?: string;
  state?: StandInState;
  onScrobble?: (received: ReceivedScrobble) => void;
  /** Milliseconds since the epoch; tests move it to cross the idempotency window. */
  now?: () => number;
  /**
   * What the control endpoints require in `X-Control-Secret`. Bound off loopback, a random one is
   * made when none is given (`StandIn.controlSecret`, printed by server/main.ts).
   */
  controlSecret?: string;
}

export interface StandIn {
  origin: string;
  /** Set when the control endpoints need `X-Control-Secret`. */
  controlSecret: string | undefined;
  baseUrl: string;
  port: number;
  state: StandInState;
  mintToken(userId?: string, label?: string): string;
  revokeToken(raw: string): void;
  setFault(fault: Fault | null): void;
  received(): ReceivedScrobble[];
  requests(): RequestRecord[];
  /** API requests that have arrived and not been answered yet (a slow fault holds them). */
  inFlight(): number;
  /** Clears the fault and the received and request logs; `data: true` also restores the seeded lists. */
  reset(options?: { data?: boolean }): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- state

const hashToken = (raw: string) => createHash('sha256').update(raw, 'utf8').digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 60 * 60 * 1000;

function nextId(state: StandInState, prefix: 'wl' | 'h'): string {
  state.nextId += 1;
  return `${prefix}_${String(state.nextId).padStart(6, '0')}`;
}

function catalogueEntry(title: string, year: number): CatalogueEntry {
  const found = matchTitle({ title, year });
  if (!found) throw new Error(`stand-in seed: ${title} (${year}) is not in the catalogue`);
  return found.entry;
}

const SEED_WATCHLIST: ReadonlyArray<[string, number, WatchStatus, number | null, number | null, number]> = [
  ['Severance', 2022, 'WATCHING', 2, 3, 2],
  ['Andor', 2022, 'WATCHING', 1, 6, 20],
  ['Dune: Part Two', 2024, 'WANT_TO_WATCH', null, null, 30],
  ['Breaking Bad', 2008, 'FINISHED', 5, 16, 50],
  ['Oppenheimer', 2023, 'FINISHED', null, null, 72],
  ['The Bear', 2022, 'ON_HOLD', 2, 4, 96],
  ['Stranger Things', 2016, 'WANT_TO_WATCH', null, null, 120],
  ['The Witcher', 2019, 'DROPPED', 1, 3, 200],
  ['Parasite', 2019, 'WANT_TO_WATCH', null, null, 240],
];

const SEED_HISTORY: ReadonlyArray<[string, number, number | null, number | null, number]> = [
  ['Severance', 2022, 2, 3, 2],
  ['Andor', 2022, 1, 6, 20],
  ['Severance', 2022, 2, 2, 26],
  ['Breaking Bad', 2008, 5, 16, 50],
  ['Breaking Bad', 2008, 5, 15, 51],
  ['Oppenheimer', 2023, null, null, 72],
];

function seedDemoData(state: StandInState, now: number): void {
  state.watchlists.set(
    DEMO_USER_ID,
    SEED_WATCHLIST.map(([title, year, status, season, episode, hoursAgo]) => {
      const entry = catalogueEntry(title, year);
      return {
        id: nextId(state, 'wl'),
        tmdbId: entry.tmdbId,
        title: entry.title,
        mediaType: entry.mediaType,
        year: entry.year,
        status,
        currentSeason: season,
        currentEpisode: episode,
        updatedAt: iso(now - hoursAgo * HOUR),
      };
    }),
  );
  state.history.set(
    DEMO_USER_ID,
    SEED_HISTORY.map(([title, year, season, episode, hoursAgo]) => {
      const entry = catalogueEntry(title, year);
      return {
        id: nextId(state, 'h'),
        kind: entry.mediaType === 'TV' ? 'episode' : 'movie',
        tmdbId: entry.tmdbId,
        title: entry.title,
        mediaType: entry.mediaType,
        year: entry.year,
        season,
        episode,
        watchedAt: iso(now - hoursAgo * HOUR),
        source: 'seed',
      };
    }),
  );
}

/** A fresh state: the demo user with a seeded watchlist and history, no tokens. */
export function createState(now: number = Date.now()): StandInState {
  const state: StandInState = {
    users: new Map([
      [DEMO_USER_ID, { id: DEMO_USER_ID, username: 'demo', name: 'Demo Viewer', createdAt: iso(now - 90 * 24 * HOUR) }],
    ]),
    tokens: new Map(),
    watchlists: new Map(),
    history: new Map(),
    idempotency: new Map(),
    received: [],
    requests: [],
    nextId: 0,
  };
  seedDemoData(state, now);
  return state;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62.charAt(byte % 62);
    }
  }
  return out;
}

function mintToken(state: StandInState, now: number, userId = DEMO_USER_ID, label = 'stand-in'): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId)) throw new Error('userId must be 1 to 64 letters, digits, "_" or "-"');
  if (label.length > 100) throw new Error('label must be at most 100 characters');
  const active = [...state.tokens.values()].filter((t) => t.userId === userId && t.revokedAt === null).length;
  if (active >= MAX_ACTIVE_TOKENS) {
    throw new Error(`User ${userId} already has ${MAX_ACTIVE_TOKENS} active tokens; revoke one before minting another.`);
  }
  if (!state.users.has(userId)) {
    const username = userId.replace(/^usr_/, '') || userId;
    state.users.set(userId, { id: userId, username, name: username, createdAt: iso(now) });
  }
  const raw = `rr_pat_${randomBase62(32)}`;
  state.tokens.set(hashToken(raw), { userId, label, createdAt: iso(now), lastUsedAt: null, revokedAt: null });
  return raw;
}

function revokeToken(state: StandInState, now: number, raw: string): void {
  const record = state.tokens.get(hashToken(raw));
  if (record && record.revokedAt === null) record.revokedAt = iso(now);
}

// ---------------------------------------------------------------- parsing

const faultSchema = z
  .object({
    kind: z.enum(['error500', 'rateLimit', 'slow', 'drop', 'garbage', 'wrongJson', 'huge', 'refuse', 'redirect']),
    times: z.number().int().min(1).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    sizeBytes: z.number().int().min(1).max(HUGE_MAX_BYTES).optional(),
    paths: z.array(z.string().startsWith('/')).optional(),
    location: z.url().optional(),
  })
  .strict();

const count = (name: string, max: number) => {
  const message = `${name} must be an integer from 0 to ${max}`;
  return z.number({ error: message }).int({ error: message }).min(0, { error: message }).max(max, { error: message });
};

const scrobbleBodySchema = z.object(
  {
    title: z
      .string({ error: (issue) => (issue.input === undefined ? 'title is required' : 'title must be a string') })
      .trim()
      .min(1, { error: 'title must not be empty' })
      .max(TITLE_MAX, { error: `title must be at most ${TITLE_MAX} characters` }),
    mediaType: z.enum(['TV', 'MOVIE'], { error: 'mediaType must be TV or MOVIE' }).nullish(),
    season: count('season', 10_000).nullish(),
    episode: count('episode', 100_000).nullish(),
    year: count('year', 9999).nullish(),
    action: z.enum(['watched', 'watching'], { error: 'action must be watched or watching' }).nullish(),
    source: z
      .string({ error: 'source must be a string' })
      .trim()
      .max(SOURCE_MAX, { error: `source must be at most ${SOURCE_MAX} characters` })
      .nullish(),
  },
  { error: 'body must be a JSON object' },
);

const cursorSchema = z.object({ u: z.iso.datetime(), i: z.string().min(1) });

function encodeCursor(item: WatchlistItem): string {
  return Buffer.from(JSON.stringify({ u: item.updatedAt, i: item.id })).toString('base64url');
}

function decodeCursor(cursor: string): z.infer<typeof cursorSchema> | null {
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(cursor)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function parseLimit(value: string | null): number | string {
  if (value === null) return 50;
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 200) return 'limit must be an integer from 1 to 200';
  return Number(value);
}

// ---------------------------------------------------------------- answers

interface Answer {
  status: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

type ErrorCode =
  | 'UNAUTHORIZED'
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'FORBIDDEN'
  | 'MISDIRECTED'
  | 'UNPROCESSABLE';

function failure(status: number, code: ErrorCode, message: string, headers?: Record<string, string>): Answer {
  return { status, body: { error: { code, message }, status }, headers };
}

const badRequest = (message: string) => failure(400, 'BAD_REQUEST', message);

/** Paths are echoed in 404s; a token pasted into a URL must not come back in the answer. */
const redact = (text: string) => text.replace(/rr_pat_[A-Za-z0-9_-]*/g, 'rr_pat_[redacted]').slice(0, 200);

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, Idempotent-Replayed',
};

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Max-Age': '600',
};

function send(res: ServerResponse, answer: Answer, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed || res.socket?.destroyed) return;
  // No keep-alive: a client must never reuse a pooled connection to a stand-in that has since been closed and restarted.
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    Connection: 'close',
    ...extraHeaders,
    ...answer.headers,
  };
  let payload = answer.raw;
  if (payload === undefined && answer.body !== undefined) payload = JSON.stringify(answer.body);
  if (payload !== undefined) headers['Content-Type'] ??= 'application/json; charset=utf-8';
  res.writeHead(answer.status, headers);
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', reject);
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

// ---------------------------------------------------------------- the API

type Handler = (ctx: { userId: string; url: URL; body: string; req: IncomingMessage }) => Answer & { replayed?: boolean };

interface Api {
  state: StandInState;
  now: () => number;
}

function me(api: Api, userId: string): Answer {
  const user = api.state.users.get(userId);
  if (!user) return failure(401, 'UNAUTHORIZED', 'The access token is not valid or has been revoked.');
  return { status: 200, body: { id: user.id, username: user.username, name: user.name, createdAt: user.createdAt } };
}

function watchlist(api: Api, userId: string, url: URL): Answer {
  const status = url.searchParams.get('status');
  if (status !== null && !WATCH_STATUSES.includes(status as WatchStatus)) {
    return badRequest(`status must be one of ${WATCH_STATUSES.join(', ')}`);
  }
  const mediaType = url.searchParams.get('mediaType');
  if (mediaType !== null && mediaType !== 'TV' && mediaType !== 'MOVIE') return badRequest('mediaType must be TV or MOVIE');
  const limit = parseLimit(url.searchParams.get('limit'));
  if (typeof limit === 'string') return badRequest(limit);
  const rawCursor = url.searchParams.get('cursor');
  const cursor = rawCursor === null ? null : decodeCursor(rawCursor);
  if (rawCursor !== null && cursor === null) return badRequest('cursor is not valid; pass nextCursor from a previous answer');

  const matching = (api.state.watchlists.get(userId) ?? [])
    .filter((item) => (status === null || item.status === status) && (mediaType === null || item.mediaType === mediaType))
    .sort((a, b) => (a.updatedAt === b.updatedAt ? (a.id < b.id ? -1 : 1) : a.updatedAt < b.updatedAt ? 1 : -1));
  const after = cursor
    ? matching.filter((item) => item.updatedAt < cursor.u || (item.updatedAt === cursor.u && item.id > cursor.i))
    : matching;
  const items = after.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = after.length > limit && last ? encodeCursor(last) : null;
  return { status: 200, body: { items, nextCursor } };
}

function history(api: Api, userId: string, url: URL): Answer {
  const limit = parseLimit(url.searchParams.get('limit'));
  if (typeof limit === 'string') return badRequest(limit);
  const items = [...(api.state.history.get(userId) ?? [])]
    .sort((a, b) => (a.watchedAt === b.watchedAt ? (a.id < b.id ? 1 : -1) : a.watchedAt < b.watchedAt ? 1 : -1))
    .slice(0, limit);
  return { status: 200, body: { items } };
}

function idempotencyKeyOf(req: IncomingMessage): string | null {
  const header = req.headers['idempotency-key'];
  return typeof header === 'string' ? header : null;
}

function scrobble(api: Api, userId: string, body: string, req: IncomingMessage): Answer & { replayed?: boolean } {
  const { state } = api;
  const now = api.now();
  const key = idempotencyKeyOf(req);
  if (key !== null && !/^[\x20-\x7e]{1,255}$/.test(key)) {
    return badRequest('Idempotency-Key must be 1 to 255 printable ASCII characters');
  }
  const storeKey = key === null ? null : `${userId}\n${key}`;
  if (storeKey !== null) {
    const stored = state.idempotency.get(storeKey);
    if (stored && now - stored.at < IDEMPOTENCY_WINDOW_MS) {
      return { status: stored.status, body: stored.body, headers: { 'Idempotent-Replayed': 'true' }, replayed: true };
    }
    state.idempotency.delete(storeKey);
  }

  const json = parseJson(body);
  if (!json.ok) return badRequest('body must be valid JSON');
  const parsed = scrobbleBodySchema.safeParse(json.value);
  if (!parsed.success) return badRequest(parsed.error.issues[0]?.message ?? 'body is not a valid scrobble');
  const input = parsed.data;
  const season = input.season ?? undefined;
  const episode = input.episode ?? undefined;
  const hasEpisodeInfo = season !== undefined || episode !== undefined;
  if (input.mediaType === 'MOVIE' && hasEpisodeInfo) return badRequest('season and episode are only allowed for mediaType TV');

  const query: MatchQuery = { title: input.title, mediaType: input.mediaType ?? (hasEpisodeInfo ? 'TV' : undefined) };
  if (input.year != null) query.year = input.year;
  if (season !== undefined) query.season = season;
  if (episode !== undefined) query.episode = episode;
  const match = matchTitle(query);
  const answer: Answer = match
    ? { status: 200, body: applyScrobble(api, userId, match, input.action ?? 'watched', input.source ?? null, now) }
    : { status: 200, body: { matched: false } };
  if (storeKey !== null) state.idempotency.set(storeKey, { at: now, status: answer.status, body: answer.body });
  return answer;
}

function applyScrobble(
  api: Api,
  userId: string,
  match: NonNullable<ReturnType<typeof matchTitle>>,
  action: 'watched' | 'watching',
  source: string | null,
  now: number,
) {
  const { state } = api;
  const { entry, season, episode, special } = match;
  const list = state.watchlists.get(userId) ?? [];
  state.watchlists.set(userId, list);
  let item = list.find((candidate) => candidate.tmdbId === entry.tmdbId);
  if (!item) {
    item = {
      id: nextId(state, 'wl'),
      tmdbId: entry.tmdbId,
      title: entry.title,
      mediaType: entry.mediaType,
      year: entry.year,
      status: 'WANT_TO_WATCH',
      currentSeason: null,
      currentEpisode: null,
      updatedAt: iso(now),
    };
    list.push(item);
  }

  const watchedEpisode = action === 'watched' && season !== undefined && episode !== undefined;
  if (entry.mediaType === 'MOVIE') {
    if (action === 'watched') item.status = 'FINISHED';
    else if (item.status !== 'FINISHED') item.status = 'WATCHING';
  } else {
    if (watchedEpisode && !special && isLater(season, episode, item.currentSeason, item.currentEpisode)) {
      item.currentSeason = season;
      item.currentEpisode = episode;
    }
    if (item.status !== 'FINISHED') {
      const done =
        watchedEpisode &&
        !special &&
        item.currentSeason !== null &&
        item.currentEpisode !== null &&
        isFinale(entry, item.currentSeason, item.currentEpisode);
      item.status = done ? 'FINISHED' : 'WATCHING';
    }
  }
  item.updatedAt = iso(now);

  if (action === 'watched' && (entry.mediaType === 'MOVIE' || watchedEpisode)) {
    const rows = state.history.get(userId) ?? [];
    state.history.set(userId, rows);
    rows.push({
      id: nextId(state, 'h'),
      kind: entry.mediaType === 'MOVIE' ? 'movie' : 'episode',
      tmdbId: entry.tmdbId,
      title: entry.title,
      mediaType: entry.mediaType,
      year: entry.year,
      season: season ?? null,
      episode: episode ?? null,
      watchedAt: iso(now),
      source,
    });
  }

  return {
    matched: true,
    action,
    item: {
      tmdbId: entry.tmdbId,
      title: entry.title,
      mediaType: entry.mediaType,
      year: entry.year,
      ...(season === undefined ? {} : { season }),
      ...(episode === undefined ? {} : { episode }),
    },
    status: item.status,
  };
}

function isLater(season: number, episode: number, currentSeason: number | null, currentEpisode: number | null): boolean {
  if (currentSeason === null || currentEpisode === null) return true;
  return season > currentSeason || (season === currentSeason && episode > currentEpisode);
}

// ---------------------------------------------------------------- the server

/** What a fault answers instead of the API; null means no answer at all (the socket is dropped). */
function faultAnswer(fault: Fault): Answer | null {
  switch (fault.kind) {
    case 'error500':
      return failure(500, 'INTERNAL', 'The server had an internal problem; try again later.');
    case 'refuse':
      // A refusal a retry won't fix by itself: the client keeps the entry as failed for the user.
      return failure(422, 'UNPROCESSABLE', 'The server could not process this scrobble.');
    case 'rateLimit':
      return failure(429, 'RATE_LIMITED', 'Too many requests; wait before retrying.', {
        'Retry-After': String(fault.retryAfterSeconds ?? 2),
      });
    case 'garbage':
      // Labelled JSON on purpose: a client must not trust Content-Type over the body.
      return { status: 200, raw: '<html><body>502 Bad Gateway</body></html>', headers: { 'Content-Type': 'application/json' } };
    case 'wrongJson':
      // Well-formed JSON in no shape any endpoint answers (the answer wrapped in an envelope, as another API version might).
      return { status: 200, body: { data: { ok: true }, meta: { version: 'v0' } } };
    case 'huge':
      return { status: 200, raw: hugeBody(fault.sizeBytes ?? HUGE_DEFAULT_BYTES) };
    case 'redirect':
      // 307 keeps the method and the body: a client that follows it sends the scrobble there.
      return { status: 307, headers: { Location: fault.location ?? 'http://127.0.0.1:1/' } };
    default:
      return null;
  }
}

/**
 * Well-formed JSON of at least `bytes` bytes, shaped like a list answer: an `items` array of history
 * rows, each valid on its own, far more of them than any `limit` allows.
 */
function hugeBody(bytes: number): string {
  const row = (n: number) =>
    JSON.stringify({
      id: `h_huge_${n}`,
      kind: 'movie',
      tmdbId: 990_000_000 + n,
      title: `Huge Answer Film ${n}`,
      mediaType: 'MOVIE',
      year: 2000,
      season: null,
      episode: null,
      watchedAt: '2024-01-01T00:00:00.000Z',
      source: 'huge fault',
    });
  const rows: string[] = [];
  let size = '{"items":[]}'.length;
  while (size < bytes) {
    const next = row(rows.length + 1);
    rows.push(next);
    size += next.length + 1;
  }
  return `{"items":[${rows.join(',')}]}`;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const isLoopbackName = (name: string | undefined) => name !== undefined && LOOPBACK_NAMES.has(name.toLowerCase());

/** The name in a Host header, without its port. */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.replace(/:\d*$/, '');
}

/** Starts a stand-in on loopback; `state` lets a restarted server keep the previous one's users and tokens. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const host = options.host ?? '127.0.0.1';
  const onLoopback = isLoopbackName(host);
  const controlSecret = options.controlSecret ?? (onLoopback ? undefined : randomBytes(18).toString('base64url'));
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const state = options.state ?? createState(now());
  const api: Api = { state, now };
  let fault: { fault: Fault; remaining: number | undefined } | null = null;
  let closed = false;
  const sockets = new Set<Socket>();
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: (alive: boolean) => void }>();

  const setFault = (next: Fault | null) => {
    fault = next === null ? null : { fault: faultSchema.parse(next), remaining: next.times };
  };

  /** Takes the current fault for this request, counting it down. */
  const takeFault = (apiPath: string): Fault | null => {
    if (!fault) return null;
    const current = fault;
    if (current.fault.paths && !current.fault.paths.includes(apiPath)) return null;
    if (current.remaining !== undefined) {
      current.remaining -= 1;
      if (current.remaining <= 0) fault = null;
    }
    return current.fault;
  };

  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          waits.delete(entry);
          resolve(!closed);
        }, ms),
        resolve,
      };
      waits.add(entry);
    });

  const userFor = (req: IncomingMessage): { userId: string; token: TokenRecord } | { error: Answer } => {
    const header = req.headers.authorization;
    if (!header)
      return { error: failure(401, 'UNAUTHORIZED', 'Missing Authorization header; send "Authorization: Bearer rr_pat_…".') };
    const token = /^Bearer +(rr_pat_[A-Za-z0-9_-]+) *$/i.exec(header)?.[1];
    if (!token)
      return { error: failure(401, 'UNAUTHORIZED', 'The Authorization header must be "Bearer" followed by an rr_pat_ token.') };
    const record = state.tokens.get(hashToken(token));
    if (!record || record.revokedAt !== null) {
      return { error: failure(401, 'UNAUTHORIZED', 'The access token is not valid or has been revoked.') };
    }
    return { userId: record.userId, token: record };
  };

  const endpoints: Record<string, { method: 'GET' | 'POST'; handler: Handler }> = {
    '/me': { method: 'GET', handler: ({ userId }) => me(api, userId) },
    '/watchlist': { method: 'GET', handler: ({ userId, url }) => watchlist(api, userId, url) },
    '/history': { method: 'GET', handler: ({ userId, url }) => history(api, userId, url) },
    '/scrobble': { method: 'POST', handler: ({ userId, body, req }) => scrobble(api, userId, body, req) },
  };

  const route = (
    req: IncomingMessage,
    method: string,
    url: URL,
    apiPath: string | null,
    body: { text: string; tooLarge: boolean },
  ): { answer: Answer; userId: string | null; replayed: boolean } => {
    const endpoint = apiPath === null ? undefined : endpoints[apiPath];
    if (!endpoint) {
      return {
        answer: failure(404, 'NOT_FOUND', `There is no endpoint at ${redact(url.pathname)}.`),
        userId: null,
        replayed: false,
      };
    }
    if (endpoint.method !== method) {
      const answer = failure(405, 'METHOD_NOT_ALLOWED', `${apiPath} only accepts ${endpoint.method}.`, {
        Allow: `${endpoint.method}, OPTIONS`,
      });
      return { answer, userId: null, replayed: false };
    }
    const auth = userFor(req);
    if ('error' in auth) return { answer: auth.error, userId: null, replayed: false };
    auth.token.lastUsedAt = iso(now());
    if (body.tooLarge)
      return { answer: badRequest(`body must be at most ${MAX_BODY_BYTES / 1024} KiB`), userId: auth.userId, replayed: false };
    const { replayed = false, ...answer } = endpoint.handler({ userId: auth.userId, url, body: body.text, req });
    return { answer, userId: auth.userId, replayed };
  };

  let inFlight = 0;
  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string, url: URL) => {
    inFlight += 1;
    try {
      await answerApi(req, res, method, url);
    } finally {
      inFlight -= 1;
    }
  };

  const answerApi = async (req: IncomingMessage, res: ServerResponse, method: string, url: URL) => {
    const inBase = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
    const apiPath = inBase ? url.pathname.slice(basePath.length) || '/' : null;
    const body = await readBody(req);
    const isScrobble = apiPath === '/scrobble' && method === 'POST';
    const peekUser = () => {
      const auth = userFor(req);
      return 'userId' in auth ? auth.userId : null;
    };
    const record = (status: number, response: unknown, userId: string | null, replayed: boolean, faultKind: FaultKind | null) => {
      const at = iso(now());
      state.requests.push({ at, method, path: apiPath ?? url.pathname, url: req.url ?? '', status, userId });
      if (!isScrobble) return;
      const parsedBody = parseJson(body.text);
      const received: ReceivedScrobble = {
        at,
        body: parsedBody.ok ? parsedBody.value : body.text,
        idempotencyKey: idempotencyKeyOf(req),
        status,
        response,
        replayed,
        userId,
        fault: faultKind,
      };
      state.received.push(received);
      options.onScrobble?.(received);
    };

    let active = apiPath === null ? null : takeFault(apiPath);
    if (active?.kind === 'slow') {
      if (!(await wait(active.delayMs ?? 35_000))) return;
      active = null;
    }
    if (active) {
      const answer = faultAnswer(active);
      if (answer) send(res, answer, CORS_HEADERS);
      else req.socket.destroy();
      record(answer?.status ?? 0, answer ? (answer.body ?? answer.raw) : null, peekUser(), false, active.kind);
      return;
    }

    const { answer, userId, replayed } = route(req, method, url, apiPath, body);
    send(res, answer, CORS_HEADERS);
    record(answer.status, answer.body ?? null, userId, replayed, null);
  };

  const reset = (resetOptions: { data?: boolean } = {}) => {
    fault = null;
    state.received.length = 0;
    state.requests.length = 0;
    if (resetOptions.data) {
      state.watchlists.clear();
      state.history.clear();
      state.idempotency.clear();
      seedDemoData(state, now());
    }
  };

  const controlBodySchemas = {
    tokens: z.object({ userId: z.string().optional(), label: z.string().optional() }),
    revoke: z.object({ token: z.string() }),
    reset: z.object({ data: z.boolean().optional() }),
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, method: string, path: string) => {
    // Browsers always send Origin on cross-origin writes; refusing it keeps web pages off the control plane.
    if (req.headers.origin !== undefined) {
      return send(res, failure(403, 'FORBIDDEN', 'Control endpoints are not available to web pages.'));
    }
    if (controlSecret !== undefined && req.headers['x-control-secret'] !== controlSecret) {
      return send(res, failure(403, 'FORBIDDEN', 'Control endpoints need the X-Control-Secret the stand-in printed.'));
    }
    const body = await readBody(req);
    const json = body.text.trim() === '' ? { ok: true as const, value: undefined } : parseJson(body.text);
    if (!json.ok) return send(res, badRequest('body must be valid JSON'));
    const routes: Record<string, { method: string; run: () => Answer }> = {
      [`${CONTROL_PREFIX}/fault`]: {
        method: 'POST',
        run: () => {
          const parsed = z.union([z.null(), faultSchema]).safeParse(json.value);
          if (!parsed.success) return badRequest('body must be a Fault object or null');
          setFault(parsed.data);
          return { status: 204 };
        },
      },
      [`${CONTROL_PREFIX}/tokens`]: {
        method: 'POST',
        run: () => {
          const parsed = controlBodySchemas.tokens.safeParse(json.value ?? {});
          if (!parsed.success) return badRequest('body must be { "userId"?: string, "label"?: string }');
          try {
            return { status: 200, body: { token: mintToken(state, now(), parsed.data.userId, parsed.data.label) } };
          } catch (error) {
            return badRequest(error instanceof Error ? error.message : 'could not mint a token');
          }
        },
      },
      [`${CONTROL_PREFIX}/revoke`]: {
        method: 'POST',
        run: () => {
          const parsed = controlBodySchemas.revoke.safeParse(json.value);
          if (!parsed.success) return badRequest('body must be { "token": string }');
          revokeToken(state, now(), parsed.data.token);
          return { status: 204 };
        },
      },
      [`${CONTROL_PREFIX}/received`]: { method: 'GET', run: () => ({ status: 200, body: state.received }) },
      [`${CONTROL_PREFIX}/requests`]: { method: 'GET', run: () => ({ status: 200, body: state.requests }) },
      [`${CONTROL_PREFIX}/reset`]: {
        method: 'POST',
        run: () => {
          const parsed = controlBodySchemas.reset.safeParse(json.value ?? {});
          if (!parsed.success) return badRequest('body must be empty or { "data"?: boolean }');
          reset(parsed.data);
          return { status: 204 };
        },
      },
    };
    const target = routes[path];
    if (!target) return send(res, failure(404, 'NOT_FOUND', `There is no control endpoint at ${redact(path)}.`));
    if (target.method !== method) {
      return send(res, failure(405, 'METHOD_NOT_ALLOWED', `${path} only accepts ${target.method}.`, { Allow: target.method }));
    }
    send(res, target.run());
  };

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    // A page on another name that resolves here (DNS rebinding) must not read the stand-in.
    if (onLoopback && !isLoopbackName(hostName(req.headers.host))) {
      return send(res, failure(421, 'MISDIRECTED', 'This stand-in answers only to a loopback name such as 127.0.0.1.'));
    }
    const work =
      url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)
        ? handleControl(req, res, method, url.pathname)
        : method === 'OPTIONS'
          ? Promise.resolve(send(res, { status: 204 }, { ...CORS_HEADERS, ...PREFLIGHT_HEADERS }))
          : handleApi(req, res, method, url);
    work.catch(() => {
      send(res, failure(500, 'INTERNAL', 'The stand-in failed to handle the request.'), CORS_HEADERS);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} on ${host} is already in use.`) : error);
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('stand-in: server has no TCP address');
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    origin,
    controlSecret,
    baseUrl: `${origin}${basePath}`,
    port: address.port,
    state,
    mintToken: (userId, label) => mintToken(state, now(), userId, label),
    revokeToken: (raw) => revokeToken(state, now(), raw),
    setFault,
    received: () => [...state.received],
    requests: () => [...state.requests],
    inFlight: () => inFlight,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        for (const entry of waits) {
          clearTimeout(entry.timer);
          entry.resolve(false);
        }
        waits.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------- console lines

const printable = (text: string, max = 80) => {
  const clean = text.replace(/\p{Cc}/gu, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};

function describeRequest(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '(no JSON object)';
  const fields = body as Record<string, unknown>;
  const action = fields.action === 'watching' ? 'watching' : 'watched';
  const title = typeof fields.title === 'string' ? JSON.stringify(printable(fields.title)) : '(no title)';
  const year = typeof fields.year === 'number' ? ` (${fields.year})` : '';
  const season = typeof fields.season === 'number' ? `S${fields.season}` : '';
  const episode = typeof fields.episode === 'number' ? `E${fields.episode}` : '';
  const numbers = season || episode ? ` ${season}${episode}` : '';
  return `${action} ${title}${year}${numbers}`;
}

function describeOutcome(received: ReceivedScrobble): string {
  if (received.status === 0) return `connection dropped (${received.fault} fault)`;
  const response = received.response as Record<string, unknown> | null;
  const suffix = received.fault ? ` (${received.fault} fault)` : received.replayed ? ' (replayed)' : '';
  if (received.status !== 200 || typeof response !== 'object' || response === null || received.fault) {
    const error = (response?.error ?? null) as { code?: unknown; message?: unknown } | null;
    const detail = error && typeof error.message === 'string' ? ` ${String(error.code)}: ${printable(error.message, 160)}` : '';
    return `HTTP ${received.status}${detail}${suffix}`;
  }
  if (response.matched !== true) return `not matched${suffix}`;
  const item = response.item as { title: string; year: number; mediaType: string };
  return `matched ${item.title} (${item.year}) [${item.mediaType}] status=${String(response.status)}${suffix}`;
}

/** One human line per scrobble, e.g. `scrobble watched "Severance" S2E4 → matched Severance (2022) [TV] status=WATCHING`. */
export function describeScrobble(received: ReceivedScrobble): string {
  return `scrobble ${describeRequest(received.body)} → ${describeOutcome(received)}`;
}
