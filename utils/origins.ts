export const DEFAULT_API_URL = 'https://reelrifter.com/api/public/v1';

/**
 * Origins a user may add from the options page, granted on demand: an API server (HTTPS, or HTTP on
 * this machine) or a self-hosted media server (often plain HTTP on the home network).
 */
export const OPTIONAL_ORIGINS = ['https://*/*', 'http://*/*'];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

export type ApiUrlCheck = { ok: true; url: string } | { ok: false; reason: 'invalid' | 'insecure' };

/** HTTPS everywhere; plain HTTP only for a server on this machine. Returns the URL without a trailing slash. */
export function checkApiUrl(input: string): ApiUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.username || url.password || url.search || url.hash) return { ok: false, reason: 'invalid' };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { ok: false, reason: 'insecure' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'invalid' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

/**
 * Chrome's match patterns can name a port; Firefox's cannot (a port there is refused or ignored), so
 * in Firefox a grant covers every port of its host.
 */
const PATTERNS_NAME_PORTS = typeof import.meta.env === 'object' && !import.meta.env.FIREFOX;

/** The match pattern covering a URL's host on any port: the build's API server, in the manifest. */
/** A match pattern's scheme and host, any path: the host a connector claims (its permission, and what cannot be chosen). */
export function hostPattern(pattern: string): string {
  return pattern.replace(/^([a-z*]+:\/\/[^/]+)\/.*$/, '$1/*');
}

export function originPattern(apiUrl: string): string {
  const url = new URL(apiUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The narrowest pattern the browser can grant for a server the person adds (an API server or a
 * self-hosted media server): its host and, where the browser allows, its port.
 */
export function serverPattern(address: string, namePort = PATTERNS_NAME_PORTS): string {
  const url = new URL(address);
  return `${url.protocol}//${url.hostname}${namePort && url.port ? `:${url.port}` : ''}/*`;
}

export type ServerUrlCheck = { ok: true; origin: string; pattern: string } | { ok: false };

/** A server address as people type it ("192.168.1.20:32400", "https://media.example.net/web/"). */
export function checkServerUrl(input: string): ServerUrlCheck {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return { ok: false };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || !url.hostname) {
    return { ok: false };
  }
  // A host of "*" would ask for every site: a server is one host.
  if (url.hostname.includes('*')) return { ok: false };
  return { ok: true, origin: url.origin, pattern: serverPattern(url.origin) };
}
