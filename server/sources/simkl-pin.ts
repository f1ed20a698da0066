/**
 * Simkl's PIN flow, the way an app gets a person's access token: the app asks `GET /oauth/pin` for a
 * code, shows it, and polls `GET /oauth/pin/<code>` while the person enters the code at
 * simkl.com/pin. Here that page is `GET /pin` on the stand-in itself, and a test approves a code
 * without a browser through `POST /__control/pin/approve`. simkl.ts routes the requests here after
 * its method and client_id checks. docs/import-sources.md lists the answers and the choices made.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { type Answer, badRequest, failure } from '../answers';
import type { ControlRoutes } from '../control';
import { CONTROL_PREFIX, iso } from '../state';

/** How often an app may check a code, and how long a code lives. */
export interface PinTiming {
  /** Seconds an app must leave between two checks of a code (0 = no limit). */
  intervalSeconds: number;
  /** Seconds a code can be approved and checked after it was issued. */
  expiresInSeconds: number;
}

export const PIN_DEFAULT_TIMING: PinTiming = { intervalSeconds: 5, expiresInSeconds: 900 };

/** The `message` of each `{"result":"KO"}` answer to a check. */
export const PIN_MESSAGES = {
  pending: 'Authorization pending',
  slowDown: 'Slow down',
  expired: 'Code expired',
  unknown: 'Unknown code',
} as const;

/** A code as `GET /__control/pin` and `pinCodes()` show it (the device code and the token left out). */
export interface PinCode {
  userCode: string;
  createdAt: string;
  expiresAt: string;
  intervalSeconds: number;
  approved: boolean;
  /** When the app last checked it; null before its first check. */
  lastCheckAt: string | null;
}

/** Which PIN request a path is: the code request, a check of one code, or the page. */
export type PinRoute = { kind: 'issue' } | { kind: 'check'; code: string } | { kind: 'page' };

export const pinTimingSchema = z
  .object({
    intervalSeconds: z.number().int().min(0).max(3600).optional(),
    expiresInSeconds: z.number().int().min(1).max(86_400).optional(),
  })
  .strict();

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const CODE = /^[A-Z0-9]{5}$/;
/** Codes kept at most, expired ones included (so a late check still hears "Code expired"); the oldest go first. */
const MAX_CODES = 1000;

interface PinRecord {
  userCode: string;
  deviceCode: string;
  createdAt: number;
  expiresAt: number;
  intervalMs: number;
  approved: boolean;
  lastCheckAt: number | null;
}

export function pinRouteOf(path: string): PinRoute | null {
  if (path === '/pin' || path === '/pin/') return { kind: 'page' };
  if (path === '/oauth/pin' || path === '/oauth/pin/') return { kind: 'issue' };
  const code = /^\/oauth\/pin\/([^/]+)$/.exec(path)?.[1];
  if (code === undefined) return null;
  try {
    return { kind: 'check', code: decodeURIComponent(code).toUpperCase() };
  } catch {
    return { kind: 'check', code };
  }
}

const html = (status: number, message: string | null, extraHeaders: Record<string, string> = {}): Answer => ({
  status,
  raw: [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Connect a device · Simkl stand-in</title></head><body>',
    '<h1>Connect a device</h1>',
    message === null ? '' : `<p role="status">${message}</p>`,
    '<form method="post" action="/pin">',
    '<label for="code">Code shown by the app</label> ',
    '<input id="code" name="code" maxlength="5" autocomplete="off" autocapitalize="characters" required autofocus> ',
    '<button type="submit">Connect</button>',
    '</form></body></html>',
  ].join('\n'),
  headers: {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; form-action 'self'",
    ...extraHeaders,
  },
});

export interface PinFlowOptions {
  /** What an approved code answers as `access_token`: the token /sync/* accepts. */
  token: string;
  now: () => number;
  timing: PinTiming;
  /** The page a person enters the code on, as `verification_url` says it. */
  verificationUrl: () => string;
}

export function pinFlow(options: PinFlowOptions) {
  const codes = new Map<string, PinRecord>();
  let timing = { ...options.timing };

  const live = (record: PinRecord | undefined): record is PinRecord => record !== undefined && options.now() < record.expiresAt;

  const newCode = () => {
    let code: string;
    do code = Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    while (codes.has(code));
    return code;
  };

  /** `GET /oauth/pin` (after the client_id check): a new code. `redirect` is accepted and ignored. */
  const issue = (): Answer => {
    const now = options.now();
    const record: PinRecord = {
      userCode: newCode(),
      deviceCode: randomBytes(20).toString('hex'),
      createdAt: now,
      expiresAt: now + timing.expiresInSeconds * 1000,
      intervalMs: timing.intervalSeconds * 1000,
      approved: false,
      lastCheckAt: null,
    };
    codes.set(record.userCode, record);
    for (const oldest of codes.keys()) {
      if (codes.size <= MAX_CODES) break;
      codes.delete(oldest);
    }
    return {
      status: 200,
      body: {
        result: 'OK',
        device_code: record.deviceCode,
        user_code: record.userCode,
        verification_url: options.verificationUrl(),
        expires_in: timing.expiresInSeconds,
        interval: timing.intervalSeconds,
      },
    };
  };

  /** `GET /oauth/pin/<code>` (after the client_id check). Every check counts toward the interval, whatever it answers. */
  const check = (code: string): Answer => {
    const ko = (message: string): Answer => ({ status: 200, body: { result: 'KO', message } });
    const record = codes.get(code);
    if (!record) return ko(PIN_MESSAGES.unknown);
    const now = options.now();
    if (!live(record)) return ko(PIN_MESSAGES.expired);
    const previous = record.lastCheckAt;
    record.lastCheckAt = now;
    if (previous !== null && now - previous < record.intervalMs) return ko(PIN_MESSAGES.slowDown);
    if (!record.approved) return ko(PIN_MESSAGES.pending);
    return { status: 200, body: { result: 'OK', access_token: options.token } };
  };

  /** Approves `code` (any case), or without one the newest live code not yet approved; the code approved, or null. */
  const approve = (code?: string): string | null => {
    const record =
      code === undefined
        ? [...codes.values()].reverse().find((candidate) => live(candidate) && !candidate.approved)
        : codes.get(code.trim().toUpperCase());
    if (!live(record)) return null;
    record.approved = true;
    return record.userCode;
  };

  /** `GET /pin` shows the form; `POST /pin` with `code=ABCDE` (form-encoded) approves the code, as the person would. */
  const page = (method: string, body: string): Answer => {
    if (method === 'GET' || method === 'HEAD') return html(200, null);
    if (method !== 'POST') return html(405, 'Use the form.', { Allow: 'GET, POST' });
    const code = (new URLSearchParams(body).get('code') ?? '').trim().toUpperCase();
    if (!CODE.test(code)) return html(400, 'Enter the 5-character code the app shows.');
    return approve(code) === null ? html(404, 'That code is not known, or has expired.') : html(200, 'Device connected.');
  };

  const setTiming = (next: Partial<PinTiming>) => {
    const parsed = pinTimingSchema.parse(next);
    timing = {
      intervalSeconds: parsed.intervalSeconds ?? timing.intervalSeconds,
      expiresInSeconds: parsed.expiresInSeconds ?? timing.expiresInSeconds,
    };
  };

  const list = (): PinCode[] =>
    [...codes.values()].map((record) => ({
      userCode: record.userCode,
      createdAt: iso(record.createdAt),
      expiresAt: iso(record.expiresAt),
      intervalSeconds: record.intervalMs / 1000,
      approved: record.approved,
      lastCheckAt: record.lastCheckAt === null ? null : iso(record.lastCheckAt),
    }));

  const control: ControlRoutes = {
    [`${CONTROL_PREFIX}/pin`]: { method: 'GET', run: () => ({ status: 200, body: list() }) },
    [`${CONTROL_PREFIX}/pin/approve`]: {
      method: 'POST',
      run: (value) => {
        const parsed = z
          .object({ code: z.string().optional() })
          .strict()
          .safeParse(value ?? {});
        if (!parsed.success) return badRequest('body must be empty or { "code"?: string }');
        const approved = approve(parsed.data.code);
        if (approved === null) return failure(404, 'NOT_FOUND', 'There is no live code to approve.');
        return { status: 200, body: { code: approved } };
      },
    },
    [`${CONTROL_PREFIX}/pin/settings`]: {
      method: 'POST',
      run: (value) => {
        const parsed = pinTimingSchema.safeParse(value ?? {});
        if (!parsed.success) return badRequest('body must be { "intervalSeconds"?: 0–3600, "expiresInSeconds"?: 1–86400 }');
        setTiming(parsed.data);
        return { status: 204 };
      },
    },
  };

  return {
    issue,
    check,
    page,
    approve,
    setTiming,
    list,
    control,
    /** Forgets every code and puts the timing back as the stand-in started. */
    reset: () => {
      codes.clear();
      timing = { ...options.timing };
    },
  };
}
