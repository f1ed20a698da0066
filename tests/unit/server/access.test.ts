/** Who may talk to the stand-in: loopback names, the control secret, and a redirect fault. */

import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startStandIn } from '../../../server/standin';
import { call, standIn, useStandIn } from './support';

useStandIn();

/** A GET with the Host header a browser on a rebound name would send (fetch does not let a caller set it). */
function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { headers: { ...headers, Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('who may talk to the stand-in', () => {
  it('on loopback, answers only loopback names: a rebound name cannot read what it received', async () => {
    expect(await getWithHost(`${standIn.origin}/__control/received`, `evil.example:${standIn.port}`)).toBe(421);
    expect(await getWithHost(`${standIn.baseUrl}/me`, 'evil.example')).toBe(421);
    for (const name of [`127.0.0.1:${standIn.port}`, `localhost:${standIn.port}`, 'localhost']) {
      expect(await getWithHost(`${standIn.origin}/__control/received`, name)).toBe(200);
    }
  });

  it('off loopback, the control endpoints need the secret it prints', async () => {
    const open = await startStandIn({ host: '0.0.0.0' });
    try {
      expect(open.controlSecret).toMatch(/^[\w-]{20,}$/);
      const url = `http://127.0.0.1:${open.port}/__control/received`;
      expect(await getWithHost(url, `192.168.1.5:${open.port}`)).toBe(403);
      expect(await getWithHost(url, `192.168.1.5:${open.port}`, { 'X-Control-Secret': 'guess' })).toBe(403);
      expect(await getWithHost(url, `192.168.1.5:${open.port}`, { 'X-Control-Secret': open.controlSecret ?? '' })).toBe(200);
      // The API itself answers any name there: clients reach it by the machine's address.
      expect(await getWithHost(`http://127.0.0.1:${open.port}/api/public/v1/me`, `192.168.1.5:${open.port}`)).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('a redirect fault answers 307 to the address it names', async () => {
    standIn.setFault({ kind: 'redirect', location: 'http://127.0.0.1:9/steal', paths: ['/me'] });
    const response = await call('/me');
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://127.0.0.1:9/steal');
  });
});
