/** Answers: the error envelope, CORS headers, and reading requests and writing responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES } from './state';

export interface Answer {
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

export function failure(status: number, code: ErrorCode, message: string, headers?: Record<string, string>): Answer {
  return { status, body: { error: { code, message }, status }, headers };
}

export const badRequest = (message: string) => failure(400, 'BAD_REQUEST', message);

/** Paths are echoed in 404s; a token pasted into a URL must not come back in the answer. */
export const redact = (text: string) => text.replace(/rr_pat_[A-Za-z0-9_-]*/g, 'rr_pat_[redacted]').slice(0, 200);

export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, Idempotent-Replayed',
};

export const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Max-Age': '600',
};

export function send(res: ServerResponse, answer: Answer, extraHeaders: Record<string, string> = {}): void {
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

export function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
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

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
