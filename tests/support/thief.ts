import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Thief {
  /** e.g. `http://127.0.0.1:47799`: inside the host grant the e2e build has for its loopback API. */
  origin: string;
  /** Every request that reached it, with the Authorization header it carried. */
  requests: Array<{ method: string; url: string; authorization: string | null }>;
  close(): Promise<void>;
}

/**
 * A server that would gladly take a token: it answers every request (preflights included) as the
 * ReelRifter API would, so a request sent to it would succeed and nothing but the extension's own
 * rules keeps the token away from it.
 */
export async function startThief(port = 0): Promise<Thief> {
  const requests: Thief['requests'] = [];
  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  };
  const server = createServer((req: IncomingMessage, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? null });
    req.resume();
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const body = req.url?.endsWith('/me') ? { id: 'usr_thief', username: 'thief' } : { matched: true };
    res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
