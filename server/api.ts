/** The API endpoints: GET /me, /watchlist and /history, and POST /scrobble with what it applies. */
import type { IncomingMessage } from 'node:http';
import { type Answer, badRequest, failure, parseJson } from './answers';
import { isFinale, type MatchQuery, matchTitle } from './catalogue';
import { decodeCursor, encodeCursor, parseLimit, scrobbleBodySchema } from './parsing';
import { IDEMPOTENCY_WINDOW_MS, iso, nextId, type StandInState, WATCH_STATUSES, type WatchStatus } from './state';

export type Handler = (ctx: { userId: string; url: URL; body: string; req: IncomingMessage }) => Answer & { replayed?: boolean };

export interface Api {
  state: StandInState;
  now: () => number;
}

export function me(api: Api, userId: string): Answer {
  const user = api.state.users.get(userId);
  if (!user) return failure(401, 'UNAUTHORIZED', 'The access token is not valid or has been revoked.');
  return { status: 200, body: { id: user.id, username: user.username, name: user.name, createdAt: user.createdAt } };
}

export function watchlist(api: Api, userId: string, url: URL): Answer {
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

export function history(api: Api, userId: string, url: URL): Answer {
  const limit = parseLimit(url.searchParams.get('limit'));
  if (typeof limit === 'string') return badRequest(limit);
  const items = [...(api.state.history.get(userId) ?? [])]
    .sort((a, b) => (a.watchedAt === b.watchedAt ? (a.id < b.id ? 1 : -1) : a.watchedAt < b.watchedAt ? 1 : -1))
    .slice(0, limit);
  return { status: 200, body: { items } };
}

export function idempotencyKeyOf(req: IncomingMessage): string | null {
  const header = req.headers['idempotency-key'];
  return typeof header === 'string' ? header : null;
}

export function scrobble(api: Api, userId: string, body: string, req: IncomingMessage): Answer & { replayed?: boolean } {
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
