/**
 * The control endpoints (`/__control/…`) a test or script drives a stand-in with: how every stand-in
 * here answers them (refused to web pages, behind `X-Control-Secret` off loopback, JSON in and out,
 * in the ReelRifter envelope), and the ReelRifter stand-in's own set (faults, tokens, the logs,
 * reset). The import-source stand-ins (server/sources/harness.ts) answer theirs the same way.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Answer, badRequest, failure, parseJson, readBody, redact, send } from './answers';
import type { Fault } from './faults';
import { controlBodySchemas } from './parsing';
import { CONTROL_PREFIX, mintToken, revokeToken, type StandInState } from './state';

/** One control endpoint: `run` gets the request's JSON body (undefined when it is empty). */
export interface ControlRoute {
  method: 'GET' | 'POST';
  run: (value: unknown) => Answer;
}

/** Control endpoints by path (`/__control/fault`…). */
export type ControlRoutes = Record<string, ControlRoute>;

export const isControlPath = (path: string) => path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);

/** Answers a request for the control path `path` from `routes`. */
export async function answerControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  routes: ControlRoutes,
  controlSecret: string | undefined,
): Promise<void> {
  const method = req.method ?? 'GET';
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
  const target = routes[path];
  if (!target) return send(res, failure(404, 'NOT_FOUND', `There is no control endpoint at ${redact(path)}.`));
  if (target.method !== method) {
    return send(res, failure(405, 'METHOD_NOT_ALLOWED', `${path} only accepts ${target.method}.`, { Allow: target.method }));
  }
  send(res, target.run(json.value));
}

/** What the ReelRifter stand-in's control endpoints act on. */
export interface StandInControl {
  state: StandInState;
  now: () => number;
  setFault(fault: Fault | null): void;
  reset(options: { data?: boolean }): void;
}

/** The ReelRifter stand-in's control endpoints (docs/reelrifter-api.md). */
export function standInControlRoutes({ state, now, setFault, reset }: StandInControl): ControlRoutes {
  return {
    [`${CONTROL_PREFIX}/fault`]: {
      method: 'POST',
      run: (value) => {
        const parsed = controlBodySchemas.fault.safeParse(value);
        if (!parsed.success) return badRequest('body must be a Fault object or null');
        setFault(parsed.data);
        return { status: 204 };
      },
    },
    [`${CONTROL_PREFIX}/tokens`]: {
      method: 'POST',
      run: (value) => {
        const parsed = controlBodySchemas.tokens.safeParse(value ?? {});
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
      run: (value) => {
        const parsed = controlBodySchemas.revoke.safeParse(value);
        if (!parsed.success) return badRequest('body must be { "token": string }');
        revokeToken(state, now(), parsed.data.token);
        return { status: 204 };
      },
    },
    [`${CONTROL_PREFIX}/received`]: { method: 'GET', run: () => ({ status: 200, body: state.received }) },
    [`${CONTROL_PREFIX}/requests`]: { method: 'GET', run: () => ({ status: 200, body: state.requests }) },
    [`${CONTROL_PREFIX}/reset`]: {
      method: 'POST',
      run: (value) => {
        const parsed = controlBodySchemas.reset.safeParse(value ?? {});
        if (!parsed.success) return badRequest('body must be empty or { "data"?: boolean }');
        reset(parsed.data);
        return { status: 204 };
      },
    },
  };
}
