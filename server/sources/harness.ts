/**
 * The shared harness under the import-source stand-ins (Simkl, the TMDB-style account API, Rewind):
 * a node:http server that answers only to loopback names, keeps a request log, plays faults, and
 * answers control endpoints as the ReelRifter stand-in does (server/control.ts). Each service gives
 * it a `handle` for its API, its own words for the faults that answer in the service's style, and
 * any control endpoints of its own (Simkl's PIN approval, the TMDB stand-in's hostile modes).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { type Answer, badRequest, failure, readBody, send } from '../answers';
import { answerControl, type ControlRoutes, isControlPath } from '../control';
import { closableWaits, faultSlot, hostName, isLoopbackName } from '../plumbing';
import { CONTROL_PREFIX, iso } from '../state';

export type { Answer } from '../answers';
export type { ControlRoutes } from '../control';
export { hostName, isLoopbackName } from '../plumbing';

export type SourceFaultKind = 'error500' | 'rateLimit' | 'drop' | 'slow' | 'garbage';

export interface SourceFault {
  kind: SourceFaultKind;
  /** Apply to the next N matching requests, then clear; omitted = until cleared. */
  times?: number;
  /** Only requests whose path starts with one of these (e.g. "/sync/ratings"); omitted = all. */
  paths?: string[];
  /** rateLimit only: sent as Retry-After when given; no Retry-After header otherwise. */
  retryAfterSeconds?: number;
  /** slow only: how long the answer is held back; default 35000 ms. */
  delayMs?: number;
}

export const sourceFaultSchema = z
  .object({
    kind: z.enum(['error500', 'rateLimit', 'drop', 'slow', 'garbage']),
    times: z.number().int().min(1).optional(),
    paths: z.array(z.string().startsWith('/')).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
  })
  .strict();

export const DEFAULT_SLOW_MS = 35_000;

/**
 * One API request (preflights and control calls excluded). `url` is the request target exactly as
 * sent; the Authorization header is never kept, only whether there was one.
 */
export interface SourceRequestRecord {
  at: string;
  method: string;
  path: string;
  url: string;
  /** 0 when a fault dropped the connection. */
  status: number;
  authorization: boolean;
  /** The fault that answered instead of the service (or, for slow, held its answer back), if any. */
  fault: SourceFaultKind | null;
}

/** What a service's handler sees of a request. */
export interface SourceRequest {
  method: string;
  path: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** The bearer credential, or null when the Authorization header is missing or not "Bearer <value>". */
  bearer: string | null;
  /** The request body as text (the first 64 KiB). */
  body: string;
}

export interface ListenOptions {
  /** Default 127.0.0.1. Off loopback, the control endpoints need `X-Control-Secret`. */
  host?: string;
  /** 0 (the default) = any free port. */
  port?: number;
  /** What the control endpoints require in `X-Control-Secret`; bound off loopback a random one is made when none is given. */
  controlSecret?: string;
  /** Milliseconds since the epoch, for the request log. */
  now?: () => number;
}

export interface HarnessOptions<Extra extends object> extends ListenOptions {
  /** Names the service in messages and errors ("Simkl stand-in"). */
  name: string;
  handle: (request: SourceRequest) => Answer;
  /** The service's own answer to the error500 and rateLimit faults (and to a handler that throws). */
  faultAnswer: (kind: 'error500' | 'rateLimit', fault: SourceFault) => Answer;
  /** Extra fields for each request-log entry. */
  describe?: (request: SourceRequest) => Extra;
  /** The service's own control endpoints, beside the shared fault, requests and reset. */
  control?: ControlRoutes;
  /** Called by reset() (and POST /__control/reset), to put the service's own state back as it started. */
  onReset?: () => void;
}

export interface SourceStandIn<Extra extends object = Record<never, never>> {
  /** `http://127.0.0.1:<port>`: the service's base URL. */
  origin: string;
  port: number;
  /** Set when the control endpoints need `X-Control-Secret`. */
  controlSecret: string | undefined;
  setFault(fault: SourceFault | null): void;
  requests(): Array<SourceRequestRecord & Extra>;
  /** Clears the fault and the request log, and puts the service's own state back as it started. */
  reset(): void;
  close(): Promise<void>;
}

/** The bearer credential in an Authorization header; the scheme is case-insensitive. */
export function bearerOf(header: string | undefined): string | null {
  return /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1] ?? null;
}

export const SOURCE_CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
};

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, User-Agent',
  'Access-Control-Allow-Methods': 'GET, OPTIONS',
  'Access-Control-Max-Age': '600',
};

/** Answers that are the same whatever the service: a 200 that is not JSON, labelled as JSON. */
const GARBAGE: Answer = {
  status: 200,
  raw: '<html><body>502 Bad Gateway</body></html>',
  headers: { 'Content-Type': 'application/json' },
};

function urlOf(target: string | undefined): URL {
  const raw = target ?? '/';
  // Concatenating keeps "//x" a path; new URL("//x", base) would read it as a host.
  return raw.startsWith('/') ? new URL(`http://stand-in.invalid${raw}`) : new URL(raw, 'http://stand-in.invalid');
}

export async function startSourceStandIn<Extra extends object = Record<never, never>>(
  options: HarnessOptions<Extra>,
): Promise<SourceStandIn<Extra>> {
  const host = options.host ?? '127.0.0.1';
  const onLoopback = isLoopbackName(host);
  const controlSecret = options.controlSecret ?? (onLoopback ? undefined : randomBytes(18).toString('base64url'));
  const now = options.now ?? Date.now;
  const log: Array<SourceRequestRecord & Extra> = [];
  const faults = faultSlot<SourceFault>((f, path) => !f.paths || f.paths.some((prefix) => path.startsWith(prefix)));
  const setFault = (next: SourceFault | null) => faults.set(next === null ? null : sourceFaultSchema.parse(next));
  const takeFault = (path: string) => faults.take(path);
  const sockets = new Set<Socket>();
  const waits = closableWaits();
  const wait = waits.wait;

  const reset = () => {
    faults.set(null);
    log.length = 0;
    options.onReset?.();
  };

  const answerApi = async (req: IncomingMessage, res: ServerResponse, received: Omit<SourceRequest, 'body'>) => {
    const request: SourceRequest = { ...received, body: (await readBody(req)).text };
    const record = (status: number, kind: SourceFaultKind | null) => {
      const extra = options.describe?.(request) ?? ({} as Extra);
      log.push({
        at: iso(now()),
        method: request.method,
        path: request.path,
        url: req.url ?? '',
        status,
        authorization: req.headers.authorization !== undefined,
        fault: kind,
        ...extra,
      });
    };

    const active = takeFault(request.path);
    if (active?.kind === 'slow') {
      // Held back, then answered as usual; a stand-in closed meanwhile answers nothing.
      if (!(await wait(active.delayMs ?? DEFAULT_SLOW_MS))) return;
    } else if (active) {
      const kind = active.kind;
      const answer = kind === 'drop' ? null : kind === 'garbage' ? GARBAGE : options.faultAnswer(kind, active);
      if (answer) send(res, answer, SOURCE_CORS_HEADERS);
      else req.socket.destroy();
      record(answer?.status ?? 0, kind);
      return;
    }

    let answer: Answer;
    try {
      answer = options.handle(request);
    } catch {
      answer = options.faultAnswer('error500', { kind: 'error500' });
    }
    send(res, answer, SOURCE_CORS_HEADERS);
    record(answer.status, active ? 'slow' : null);
  };

  const controlRoutes: ControlRoutes = {
    ...options.control,
    [`${CONTROL_PREFIX}/fault`]: {
      method: 'POST',
      run: (value) => {
        const parsed = z.union([z.null(), sourceFaultSchema]).safeParse(value);
        if (!parsed.success) return badRequest('body must be a Fault object or null');
        setFault(parsed.data);
        return { status: 204 };
      },
    },
    [`${CONTROL_PREFIX}/requests`]: { method: 'GET', run: () => ({ status: 200, body: log }) },
    [`${CONTROL_PREFIX}/reset`]: {
      method: 'POST',
      run: () => {
        reset();
        return { status: 204 };
      },
    },
  };

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = urlOf(req.url);
    // A page on another name that resolves here (DNS rebinding) must not read the stand-in.
    if (onLoopback && !isLoopbackName(hostName(req.headers.host))) {
      return send(res, failure(421, 'MISDIRECTED', `This ${options.name} answers only to a loopback name such as 127.0.0.1.`));
    }
    const request: Omit<SourceRequest, 'body'> = {
      method,
      path: url.pathname,
      url,
      headers: req.headers,
      bearer: bearerOf(req.headers.authorization),
    };
    const work = isControlPath(url.pathname)
      ? answerControl(req, res, url.pathname, controlRoutes, controlSecret)
      : method === 'OPTIONS'
        ? Promise.resolve(send(res, { status: 204 }, { ...SOURCE_CORS_HEADERS, ...PREFLIGHT_HEADERS }))
        : answerApi(req, res, request);
    work.catch(() => {
      send(res, options.faultAnswer('error500', { kind: 'error500' }), SOURCE_CORS_HEADERS);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' ? new Error(`${options.name}: port ${options.port} on ${host} is already in use.`) : error,
      );
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`${options.name}: server has no TCP address`);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    origin,
    port: address.port,
    controlSecret,
    setFault,
    requests: () => log.map((entry) => ({ ...entry })),
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

/** A query value that must be a whole number: undefined when absent, NaN when it is not digits. */
export function wholeParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  return /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}
