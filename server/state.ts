/**
 * The stand-in's state: the records it keeps, its limits, the seeded demo data, and minting and
 * revoking tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type CatalogueEntry, type MediaType, matchTitle } from './catalogue';
import type { FaultKind } from './faults';

export const DEFAULT_BASE_PATH = '/api/public/v1';
export const CONTROL_PREFIX = '/__control';
export const DEMO_USER_ID = 'usr_demo';
export const MAX_ACTIVE_TOKENS = 20;
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_BODY_BYTES = 64 * 1024;
export const TITLE_MAX = 500;
export const SOURCE_MAX = 200;
export const HUGE_DEFAULT_BYTES = 8 * 1024 * 1024;
export const HUGE_MAX_BYTES = 256 * 1024 * 1024;

export type WatchStatus = 'WANT_TO_WATCH' | 'WATCHING' | 'FINISHED' | 'DROPPED' | 'ON_HOLD';
export const WATCH_STATUSES: readonly WatchStatus[] = ['WANT_TO_WATCH', 'WATCHING', 'FINISHED', 'DROPPED', 'ON_HOLD'];

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

export const hashToken = (raw: string) => createHash('sha256').update(raw, 'utf8').digest('hex');
export const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 60 * 60 * 1000;

export function nextId(state: StandInState, prefix: 'wl' | 'h'): string {
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

export function seedDemoData(state: StandInState, now: number): void {
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

export function mintToken(state: StandInState, now: number, userId = DEMO_USER_ID, label = 'stand-in'): string {
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

export function revokeToken(state: StandInState, now: number, raw: string): void {
  const record = state.tokens.get(hashToken(raw));
  if (record && record.revokedAt === null) record.revokedAt = iso(now);
}
