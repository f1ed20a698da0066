/** The stand-in's faults: what each one answers, and that none of them applies a scrobble. */
import { describe, expect, it } from 'vitest';
import { startStandIn } from '../../../server/standin';
import { call, expectError, freshToken, historyOf, json, scrobble, standIn, userCount, useStandIn, watchlistOf } from './support';

useStandIn();

describe('faults', () => {
  it('error500 answers 500 for the next N requests and applies none of them', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'error500', times: 2 });
    const body = { title: 'Loki', season: 1, episode: 1 };
    await expectError(await scrobble(token, body), 500, 'INTERNAL');
    await expectError(await scrobble(token, body), 500, 'INTERNAL');
    expect(await json(await scrobble(token, body))).toMatchObject({ matched: true });
    expect(await historyOf(token)).toHaveLength(1);
    const mine = standIn.received().filter((r) => r.userId === `usr_test${userCount}`);
    expect(mine.map((r) => [r.status, r.fault])).toEqual([
      [500, 'error500'],
      [500, 'error500'],
      [200, null],
    ]);
  });

  it('rateLimit answers 429 with Retry-After and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'rateLimit', retryAfterSeconds: 7 });
    const response = await scrobble(token, { title: 'Barbie' });
    expect(response.headers.get('retry-after')).toBe('7');
    await expectError(response, 429, 'RATE_LIMITED');
    const second = await call('/me', { token });
    expect(second.status).toBe(429);
    standIn.setFault(null);
    expect(await watchlistOf(token)).toEqual([]);

    standIn.setFault({ kind: 'rateLimit', times: 1 });
    expect((await call('/me', { token })).headers.get('retry-after')).toBe('2');
    expect((await call('/me', { token })).status).toBe(200);
  });

  it('only hits the given paths', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'error500', paths: ['/scrobble'] });
    expect((await call('/me', { token })).status).toBe(200);
    expect((await scrobble(token, { title: 'Barbie' })).status).toBe(500);
  });

  it('drop closes the connection without an answer and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'drop', times: 1 });
    await expect(scrobble(token, { title: 'Barbie' })).rejects.toThrow();
    expect(standIn.received().at(-1)).toMatchObject({ status: 0, response: null, fault: 'drop', body: { title: 'Barbie' } });
    expect(await watchlistOf(token)).toEqual([]);
  });

  it('garbage answers 200 with a body that is not JSON and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'garbage', times: 1 });
    const response = await scrobble(token, { title: 'Barbie' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(await watchlistOf(token)).toEqual([]);
  });

  it("wrongJson answers 200 with well-formed JSON in no endpoint's shape and applies nothing", async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'wrongJson', times: 2 });
    const response = await scrobble(token, { title: 'Barbie' });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).not.toHaveProperty('matched');
    expect(await json(await call('/history', { token }))).not.toHaveProperty('items');
    expect(await watchlistOf(token)).toEqual([]);
    expect(standIn.received().at(-1)).toMatchObject({ status: 200, fault: 'wrongJson', body: { title: 'Barbie' } });
  });

  it('huge answers 200 with well-formed JSON of at least sizeBytes, and applies nothing', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'huge', times: 1, paths: ['/scrobble'] });
    const text = await (await scrobble(token, { title: 'Barbie' })).text();
    expect(text.length).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    const body = JSON.parse(text) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(1_000);
    expect(await watchlistOf(token)).toEqual([]);

    standIn.setFault({ kind: 'huge', times: 1, sizeBytes: 5_000 });
    const small = await (await call('/history', { token })).text();
    expect(small.length).toBeGreaterThanOrEqual(5_000);
    expect(small.length).toBeLessThan(5_500);
    expect(() => standIn.setFault({ kind: 'huge', sizeBytes: 0 })).toThrow();
  });

  it('slow holds the answer for delayMs, so a shorter client timeout fires', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'slow', delayMs: 400, times: 1 });
    const started = Date.now();
    await expect(call('/me', { token, signal: AbortSignal.timeout(100) })).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(350);

    standIn.setFault({ kind: 'slow', delayMs: 250, times: 1 });
    const waited = Date.now();
    const response = await call('/me', { token, signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(200);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(240);
  });

  it('slow handles a scrobble after the delay even if the client gave up, like a real server', async () => {
    const token = freshToken();
    standIn.setFault({ kind: 'slow', delayMs: 200, times: 1 });
    await expect(scrobble(token, { title: 'Barbie' }, {}).then(() => 'answered')).resolves.toBe('answered');
    standIn.setFault({ kind: 'slow', delayMs: 200, times: 1 });
    const controller = new AbortController();
    const pending = call('/scrobble', { token, body: { title: 'Wicked' }, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    expect((await watchlistOf(token)).map((item) => item.title)).toEqual(['Barbie']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await watchlistOf(token)).map((item) => item.title).sort()).toEqual(['Barbie', 'Wicked']);
  });

  it('close() does not wait for a slow answer', async () => {
    const server = await startStandIn({});
    const token = server.mintToken();
    server.setFault({ kind: 'slow' });
    const pending = fetch(`${server.baseUrl}/me`, { headers: { Authorization: `Bearer ${token}` } }).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('never faults a preflight, and the fault stays armed for the next request', async () => {
    standIn.setFault({ kind: 'error500', times: 1 });
    expect((await fetch(`${standIn.baseUrl}/me`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await call('/me')).status).toBe(500);
    expect((await call('/me')).status).toBe(200);
  });

  it('refuses an invalid fault', () => {
    expect(() => standIn.setFault({ kind: 'explode' } as never)).toThrow();
    expect(() => standIn.setFault({ kind: 'error500', times: 0 })).toThrow();
  });
});
