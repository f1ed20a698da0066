import { MatchPattern } from 'wxt/utils/match-patterns';
import type { SelfHostedServer } from '../model/records';
import { hostPattern } from '../origins';
import { ANY_SITE } from './chosen';
import { sites } from './sites';

/**
 * Which sites a person may choose ("Scrobble on this site"): only a page no connector serves, on a
 * host no connector serves (amazon.com outside `/gp/video/` too: two scripts must never scrobble one
 * video), over https, or over plain http only on this machine or the local network (a self-hosted
 * player), where no one between can rewrite the page.
 */
export type Choosable = 'ok' | 'built-in' | 'insecure';

export function choosable(url: URL, servers: readonly SelfHostedServer[]): Choosable {
  const origin = `${url.origin}/`;
  const builtIn = sites.some(
    (site) => site.id !== ANY_SITE && site.matches.some((pattern) => new MatchPattern(hostPattern(pattern)).includes(origin)),
  );
  if (builtIn || servers.some((server) => server.site !== ANY_SITE && server.origin === url.origin)) return 'built-in';
  if (url.protocol === 'https:') return 'ok';
  return url.protocol === 'http:' && isLocalHost(url.hostname) ? 'ok' : 'insecure';
}

/** Loopback, link-local and private addresses, and the names only a local network resolves. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || /\.(?:localhost|local|lan|home\.arpa|internal)$/.test(host)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)?.slice(1).map(Number);
  if (v4) {
    const [a = -1, b = -1] = v4;
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
}
