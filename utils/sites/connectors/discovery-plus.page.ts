import { read } from '../../untrusted';
import { watchSiteRequests } from '../page-world';
import { answerFromCms, CLIENT_HEADERS, CMS } from './hbo-max.page';

/** The web client's values as universal-trakt-scrobbler sends them (2025-10), before the app has sent its own. */
const WEB_CLIENT = { 'x-disco-client': 'WEB:10.15.7:dplus:6.3.0', 'x-disco-params': 'realm=bolt,bid=dplus,features=ar' };
const BOOTSTRAP = '/session-context/headwaiter/v1/bootstrap';
const PART = /^[a-z]{1,20}$/;

/**
 * The market's API host from the app's bootstrap answer, `routing: {tenant, homeMarket, env, domain}`
 * (`default.<tenant>-<homeMarket>.<env>.<domain>`, as universal-trakt-scrobbler builds it), when it
 * is one of the platform's hosts.
 */
export function routedHost(answer: unknown): string | undefined {
  const routing = read.record(read.record(answer)?.routing);
  const [tenant, market, env] = [routing?.tenant, routing?.homeMarket, routing?.env].map(read.text);
  const domain = read.text(routing?.domain);
  if (!tenant || !market || !env || !domain || ![tenant, market, env].every((part) => PART.test(part))) return undefined;
  const host = `https://default.${tenant}-${market}.${env}.${domain}`;
  return CMS.test(host) ? host : undefined;
}

/**
 * Runs in Discovery+'s own world: the app's own `cms/routes` answer, or the route asked of the API
 * host its market uses, with the client headers the app sent. The host is the one the app's own
 * CMS requests went to (seen, or in the browser's resource timings), else the one its bootstrap
 * answer routes it to, asked with the headers of that bootstrap request; WBD's hosts sit on
 * discoveryplus.com and on the shared discomax.com.
 */
export function discoveryPlusPage(): void {
  let routed: { host: string; headers: Record<string, string> } | undefined;
  watchSiteRequests(
    (url) => CMS.test(url.origin) && url.pathname === BOOTSTRAP,
    ({ headers, answer }) => {
      const host = routedHost(answer);
      const sent = Object.fromEntries(
        CLIENT_HEADERS.flatMap((name) => {
          const value = headers[name];
          return value && /^[\x20-\x7e]{1,300}$/.test(value) ? [[name, value] as const] : [];
        }),
      );
      if (host) routed = { host, headers: sent['x-disco-client'] ? sent : WEB_CLIENT };
    },
  );
  answerFromCms({ cms: CMS, before: () => ({ host: routed?.host, headers: routed?.headers ?? WEB_CLIENT }) });
}
