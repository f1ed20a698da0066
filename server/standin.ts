/**
 * A stand-in for the ReelRifter public API, as docs/reelrifter-api.md describes it, on node:http, for
 * the demo and the tests. This file starts the server (listen, route, record, close); the rest lives
 * beside it in state.ts, parsing.ts, answers.ts, api.ts, faults.ts, control.ts (the control
 * endpoints) and console.ts, and is re-exported from here.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Answer, badRequest, CORS_HEADERS, failure, PREFLIGHT_HEADERS, parseJson, readBody, redact, send } from './answers';
import { type Api, type Handler, history, idempotencyKeyOf, me, scrobble, watchlist } from './api';
import { answerControl, isControlPath, standInControlRoutes } from './control';
import { type Fault, type FaultKind, faultAnswer } from './faults';
import { faultSchema } from './parsing';
import {
  createState,
  DEFAULT_BASE_PATH,
  hashToken,
  iso,
  MAX_BODY_BYTES,
  mintToken,
  type ReceivedScrobble,
  type RequestRecord,
  revokeToken,
  type StandInState,
  seedDemoData,
  type TokenRecord,
} from './state';

export { describeScrobble } from './console';
export type { Fault, FaultKind } from './faults';
export {
  CONTROL_PREFIX,
  createState,
  DEFAULT_BASE_PATH,
  DEMO_USER_ID,
  type HistoryItem,
  IDEMPOTENCY_WINDOW_MS,
  MAX_ACTIVE_TOKENS,
  type ReceivedScrobble,
  type RequestRecord,
  type StandInState,
  type TokenRecord,
  type User,
  type WatchlistItem,
  type WatchStatus,
} from './state';

import { closableWaits, faultSlot, hostName, isLoopbackName } from './plumbing';

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

/** Starts a stand-in on loopback; `state` lets a restarted server keep the previous one's users and tokens. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const host = options.host ?? '127.0.0.1';
  const onLoopback = isLoopbackName(host);
  const controlSecret = options.controlSecret ?? (onLoopback ? undefined : randomBytes(18).toString('base64url'));
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const state = options.state ?? createState(now());
  const api: Api = { state, now };
  const faults = faultSlot<Fault>((f, apiPath) => !f.paths || f.paths.includes(apiPath));
  const setFault = (next: Fault | null) => faults.set(next === null ? null : faultSchema.parse(next));
  const takeFault = (path: string) => faults.take(path);
  const sockets = new Set<Socket>();
  const waits = closableWaits();
  const wait = waits.wait;

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
    faults.set(null);
    state.received.length = 0;
    state.requests.length = 0;
    if (resetOptions.data) {
      state.watchlists.clear();
      state.history.clear();
      state.idempotency.clear();
      seedDemoData(state, now());
    }
  };

  const controlRoutes = standInControlRoutes({ state, now, setFault, reset });

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    // A page on another name that resolves here (DNS rebinding) must not read the stand-in.
    if (onLoopback && !isLoopbackName(hostName(req.headers.host))) {
      return send(res, failure(421, 'MISDIRECTED', 'This stand-in answers only to a loopback name such as 127.0.0.1.'));
    }
    const work = isControlPath(url.pathname)
      ? answerControl(req, res, url.pathname, controlRoutes, controlSecret)
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
        if (!waits.close()) return resolve();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
