import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { failureOf, HttpError, REDACTED, redact, requestJson, SAID_MAX, wordsOf } from '@/utils/http';
import { withRetries } from '@/utils/import/sources/source';

const KEY = 'rw_live_SECRETSECRET123';
const once = (status: number, body: string, headers: Record<string, string> = {}) => new Response(body, { status, headers });
const ask = (response: Response | (() => Promise<Response>), extra: { signal?: AbortSignal; maxBytes?: number } = {}) =>
  requestJson(new URL('https://api.example.test/x'), {
    service: 'Rewind',
    schema: z.object({ ok: z.boolean() }),
    secrets: [KEY],
    maxBytes: extra.maxBytes ?? 1024,
    timeoutMs: 5_000,
    ...(extra.signal ? { signal: extra.signal } : {}),
    fetch: typeof response === 'function' ? response : async () => response,
  });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('one reader for every service', () => {
  it('reads the words of every error envelope', async () => {
    for (const body of [
      { error: 'limit must be at most 100', status: 400 },
      { message: 'limit must be at most 100' },
      { error: { code: 'BAD_REQUEST', message: 'limit must be at most 100' } },
      { status_message: 'limit must be at most 100' },
      'limit must be at most 100',
    ]) {
      await expect(ask(once(400, JSON.stringify(body)))).rejects.toMatchObject({
        kind: 'rejected',
        details: { status: 400, serverMessage: 'limit must be at most 100' },
      });
    }
  });

  it('a service’s words never carry the key: redacted, cleaned of control and format characters, capped', async () => {
    const long = `Key ${KEY} is wrong\u202E\u0007 ${'x'.repeat(500)}`;
    const error = (await caught(ask(once(401, JSON.stringify({ message: long }))))) as HttpError;
    expect(error.kind).toBe('unauthorized');
    const said = error.details.serverMessage ?? '';
    expect(said).not.toContain(KEY);
    expect(said.startsWith(`Key ${REDACTED} is wrong x`)).toBe(true);
    expect(said.includes('\u202E') || said.includes('\u0007')).toBe(false);
    expect(said.length).toBeLessThanOrEqual(SAID_MAX);
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify(failureOf(error))).not.toContain(KEY);
    // A refusal's own message is the service's words, redacted too.
    const refused = (await caught(ask(once(422, JSON.stringify({ error: `no access for ${KEY}` }))))) as HttpError;
    expect(refused.message).toBe(`no access for ${REDACTED}`);
    expect(wordsOf('not json', [KEY])).toBeUndefined();
    expect(redact('ab abc', ['ab'])).toBe('ab abc');
  });

  it('maps status and shape to one error kind each, the same for every service', async () => {
    const cases: Array<[Response, string, Record<string, unknown>]> = [
      [once(429, '"Rate Limit Exceeded"', { 'Retry-After': '7' }), 'rate-limited', { retryAfterSeconds: 7 }],
      [once(503, ''), 'server', { status: 503 }],
      [once(404, '{}'), 'rejected', { status: 404 }],
      [once(307, '', { Location: 'https://elsewhere.example/' }), 'unreadable', { why: 'redirect' }],
      [once(200, '<html>'), 'unreadable', { why: 'not-json' }],
      [once(200, '{"ok":"yes"}'), 'unreadable', { why: 'shape' }],
      [once(200, JSON.stringify({ ok: true, pad: 'x'.repeat(2_000) })), 'unreadable', { why: 'too-large' }],
    ];
    for (const [response, kind, details] of cases) {
      await expect(ask(response)).rejects.toMatchObject({ kind, details });
    }
    await expect(ask(once(200, '{"ok":true}'))).resolves.toEqual({ ok: true });
    await expect(
      ask(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).rejects.toMatchObject({ kind: 'network' });
  });

  it('one mapping to what the pages are told keeps the kind, the status, the words and why', () => {
    expect(failureOf(new HttpError('rejected', 'x', { status: 400, serverMessage: 'no', why: 'invalid' }))).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'no',
      why: 'invalid',
    });
    expect(failureOf(new HttpError('timeout', 'x', { seconds: 15 }))).toEqual({ kind: 'timeout', seconds: 15 });
    expect(failureOf(new HttpError('rate-limited', 'x', { local: true }))).toEqual({ kind: 'rate-limited', why: 'local' });
    expect(failureOf(new Error('anything'))).toEqual({ kind: 'network' });
  });

  it('a request stopped by its caller ends at once with the caller’s reason, not as a timeout', async () => {
    const stop = new AbortController();
    const hanging = () =>
      new Promise<Response>((_, reject) =>
        stop.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const asked = caught(ask(hanging, { signal: stop.signal }));
    stop.abort(new DOMException('The read was stopped.', 'AbortError'));
    const error = (await asked) as DOMException;
    expect(error.message).toBe('The read was stopped.');
  });
});

describe('asking again', () => {
  it('a server error, a dropped connection and a timeout are asked again 1 s, 2 s, 4 s later, then given up on', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new HttpError('server', 'Rewind had a problem (HTTP 500).');
    };
    await expect(withRetries(failing, { sleep: async (ms) => void waits.push(ms) })).rejects.toMatchObject({ kind: 'server' });
    expect(calls).toBe(4);
    expect(waits).toEqual([1_000, 2_000, 4_000]);
  });

  it('a refusal a retry will not fix is not asked again', async () => {
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls += 1;
        throw new HttpError('unauthorized', 'no');
      }),
    ).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(calls).toBe(1);
  });

  it('a stop during a wait ends the waiting at once', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const asked = caught(
      withRetries(
        async () => {
          throw new HttpError('rate-limited', 'slow down', { retryAfterSeconds: 60 });
        },
        { signal: stop.signal },
      ),
    );
    setTimeout(() => stop.abort(new DOMException('stopped', 'AbortError')), 50);
    expect(((await asked) as DOMException).message).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
