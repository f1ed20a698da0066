/**
 * The Simkl stand-in's PIN flow over HTTP with fetch: a code from /oauth/pin, its checks (pending,
 * slow down, approved, expired, unknown), approval through the /pin page and /__control/pin, the
 * token working on /sync, and what the request log keeps. The stand-in runs on a clock the tests move.
 */
// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIMKL_DEMO } from '../../../server/sources/demo';
import { PIN_MESSAGES, type SimklStandIn, startSimklStandIn } from '../../../server/sources/simkl';

let clock = Date.UTC(2025, 0, 1);
let simkl: SimklStandIn;

beforeAll(async () => {
  simkl = await startSimklStandIn({ pinIntervalSeconds: 1, pinExpiresInSeconds: 60, now: () => clock });
});
afterAll(() => simkl.close());
afterEach(() => simkl.reset());

const json = async <T = Record<string, unknown>>(response: Response): Promise<T> => (await response.json()) as T;

interface PinAnswer {
  result: string;
  device_code: string;
  user_code: string;
  verification_url: string;
  expires_in: number;
  interval: number;
}

const withClient = (path: string, clientId: string | null = SIMKL_DEMO.clientId) =>
  `${simkl.origin}${path}${clientId === null ? '' : `?client_id=${encodeURIComponent(clientId)}`}`;

async function newCode(): Promise<PinAnswer> {
  const response = await fetch(withClient('/oauth/pin'));
  expect(response.status).toBe(200);
  return json<PinAnswer>(response);
}

const check = async (code: string) =>
  json<{ result: string; message?: string; access_token?: string }>(await fetch(withClient(`/oauth/pin/${code}`)));

const control = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  fetch(`${simkl.origin}/__control${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const postPage = (code: string) =>
  fetch(`${simkl.origin}/pin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code }).toString(),
  });

describe('Simkl PIN flow', () => {
  it('GET /oauth/pin answers a new 5-character code, the page to enter it on, its lifetime and the interval', async () => {
    const first = await newCode();
    expect(first).toEqual({
      result: 'OK',
      device_code: expect.stringMatching(/^[0-9a-f]{40}$/),
      user_code: expect.stringMatching(/^[A-Z0-9]{5}$/),
      verification_url: `${simkl.origin}/pin`,
      expires_in: 60,
      interval: 1,
    });
    const second = await newCode();
    expect(second.user_code).not.toBe(first.user_code);
    expect(simkl.pinCodes().map((code) => code.userCode)).toEqual([first.user_code, second.user_code]);
    // redirect is accepted and changes nothing.
    expect((await fetch(`${withClient('/oauth/pin')}&redirect=${encodeURIComponent('https://app.example/done')}`)).status).toBe(
      200,
    );
  });

  it('pending, then slow down when checked sooner than the interval, then the token once approved; the token reads /sync', async () => {
    const { user_code: code } = await newCode();
    expect(await check(code)).toEqual({ result: 'KO', message: PIN_MESSAGES.pending });
    clock += 500;
    expect(await check(code)).toEqual({ result: 'KO', message: 'Slow down' });
    // The slowed-down check counts: a second later than it, the code is checked again.
    clock += 1000;
    expect(await check(code)).toEqual({ result: 'KO', message: 'Authorization pending' });

    const approved = await control('/pin/approve', { code });
    expect(approved.status).toBe(200);
    expect(await json(approved)).toEqual({ code });
    clock += 1000;
    const answer = await check(code);
    expect(answer).toEqual({ result: 'OK', access_token: SIMKL_DEMO.token });

    const movies = await fetch(withClient('/sync/all-items/movies'), {
      headers: { Authorization: `Bearer ${answer.access_token}` },
    });
    expect(movies.status).toBe(200);
    expect(Object.keys(await json(movies))).toEqual(['movies']);
    // Asked again later, an approved code answers the token again until it expires.
    clock += 1000;
    expect(await check(code)).toMatchObject({ result: 'OK' });
  });

  it('answers an unknown code KO "Unknown code", and takes the code in any case', async () => {
    expect(await check('ZZZZ9')).toEqual({ result: 'KO', message: 'Unknown code' });
    const { user_code: code } = await newCode();
    expect(await check(code.toLowerCase())).toEqual({ result: 'KO', message: 'Authorization pending' });
  });

  it('a code expires after expires_in seconds: checks say "Code expired" and it can no longer be approved', async () => {
    const { user_code: code } = await newCode();
    clock += 59_000;
    expect(simkl.approvePin(code)).toBe(code);
    clock += 1000;
    expect(await check(code)).toEqual({ result: 'KO', message: 'Code expired' });
    expect(simkl.approvePin(code)).toBeNull();
    const late = await control('/pin/approve', { code });
    expect(late.status).toBe(404);
    expect(await json(late)).toMatchObject({ error: { code: 'NOT_FOUND' }, status: 404 });
  });

  it('needs the configured client_id, on the code request and on each check', async () => {
    const { user_code: code } = await newCode();
    for (const clientId of [null, '', 'someone-else']) {
      for (const path of ['/oauth/pin', `/oauth/pin/${code}`]) {
        const response = await fetch(withClient(path, clientId));
        expect(response.status, `${path} ${clientId}`).toBe(401);
        expect(await json(response)).toMatchObject({ error: 'client_id_failed', code: 401 });
      }
    }
    const post = await fetch(withClient('/oauth/pin'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect((await fetch(withClient(`/oauth/pin/${code}/more`))).status).toBe(404);
  });

  it('the /pin page approves a code as the person would at simkl.com/pin', async () => {
    const page = await fetch(`${simkl.origin}/pin`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/pin">');
    expect(html).toContain('name="code"');

    const { user_code: code } = await newCode();
    const connected = await postPage(` ${code.toLowerCase()} `);
    expect(connected.status).toBe(200);
    expect(await connected.text()).toContain('Device connected');
    expect(await check(code)).toEqual({ result: 'OK', access_token: SIMKL_DEMO.token });

    expect((await postPage('ABC')).status).toBe(400);
    const unknown = await postPage(code === 'ZZZZ9' ? 'ZZZZ8' : 'ZZZZ9');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain('Device connected');
    expect((await fetch(`${simkl.origin}/pin`, { method: 'DELETE' })).status).toBe(405);
  });

  it('POST /__control/pin/approve without a code approves the newest live code not yet approved', async () => {
    expect((await control('/pin/approve', {})).status).toBe(404);
    const older = await newCode();
    const newer = await newCode();
    expect(await json(await control('/pin/approve', {}))).toEqual({ code: newer.user_code });
    expect(await json(await control('/pin/approve', {}))).toEqual({ code: older.user_code });
    expect((await control('/pin/approve', {})).status).toBe(404);
    expect((await control('/pin/approve', { code: 1 })).status).toBe(400);
  });

  it('GET /__control/pin lists the codes without device codes or tokens; settings change the next codes; reset forgets them', async () => {
    const { user_code: code } = await newCode();
    await check(code);
    const listed = await json<Array<Record<string, unknown>>>(await control('/pin'));
    expect(listed).toEqual([
      {
        userCode: code,
        createdAt: new Date(clock).toISOString(),
        expiresAt: new Date(clock + 60_000).toISOString(),
        intervalSeconds: 1,
        approved: false,
        lastCheckAt: new Date(clock).toISOString(),
      },
    ]);

    expect((await control('/pin/settings', { intervalSeconds: 0, expiresInSeconds: 5 })).status).toBe(204);
    const quick = await newCode();
    expect(quick).toMatchObject({ interval: 0, expires_in: 5 });
    expect(await check(quick.user_code)).toMatchObject({ message: 'Authorization pending' });
    expect(await check(quick.user_code)).toMatchObject({ message: 'Authorization pending' });
    // The first code keeps the interval it was issued with.
    expect(await check(code)).toMatchObject({ message: 'Slow down' });
    for (const bad of [{ intervalSeconds: -1 }, { expiresInSeconds: 0 }, { interval: 1 }]) {
      expect((await control('/pin/settings', bad)).status).toBe(400);
    }

    expect((await control('/reset', undefined, 'POST')).status).toBe(204);
    expect(await json(await control('/pin'))).toEqual([]);
    expect(await check(code)).toEqual({ result: 'KO', message: 'Unknown code' });
    expect(await newCode()).toMatchObject({ interval: 1, expires_in: 60 });
  });

  it('logs the PIN requests like the others, and never the token', async () => {
    const { user_code: code } = await newCode();
    simkl.approvePin(code);
    await check(code);
    await postPage(code);
    expect(simkl.requests().map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ['GET', '/oauth/pin', 200],
      ['GET', `/oauth/pin/${code}`, 200],
      ['POST', '/pin', 200],
    ]);
    expect(simkl.requests()[1]).toMatchObject({
      url: `/oauth/pin/${code}?client_id=${SIMKL_DEMO.clientId}`,
      authorization: false,
    });
    expect(JSON.stringify(simkl.requests())).not.toContain(SIMKL_DEMO.token);
    expect(JSON.stringify(await json(await control('/pin')))).not.toContain(SIMKL_DEMO.token);
  });

  it('refuses a bad interval or lifetime at start, and answers the verification_url it is given', async () => {
    await expect(startSimklStandIn({ pinIntervalSeconds: -1 })).rejects.toThrow();
    await expect(startSimklStandIn({ pinExpiresInSeconds: 0 })).rejects.toThrow();
    const other = await startSimklStandIn({ verificationUrl: 'https://simkl.com/pin' });
    try {
      const answer = await json<PinAnswer>(await fetch(`${other.origin}/oauth/pin?client_id=${SIMKL_DEMO.clientId}`));
      expect(answer).toMatchObject({ verification_url: 'https://simkl.com/pin', expires_in: 900, interval: 5 });
    } finally {
      await other.close();
    }
  });
});
