import { answerPageRequests, recentAnswers, watchSiteRequests } from '../page-world';

/** The player's links back to the library; for an episode they run show, season, episode. */
export const ITEM_LINKS = '[class*="PlayerControlsMetadata"] a[href*="%2Flibrary%2Fmetadata%2F"]';

interface StoredServer {
  machineIdentifier?: unknown;
  accessToken?: unknown;
  connections?: { uri?: unknown }[];
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function originOf(address: string | undefined): string | undefined {
  try {
    return address ? new URL(address).origin : undefined;
  } catch {
    return undefined;
  }
}

/** The servers Plex Web keeps in localStorage `users` for the signed-in accounts, with their tokens and addresses. */
function storedServers(): StoredServer[] {
  try {
    const stored: { users?: { servers?: StoredServer[] }[] } = JSON.parse(localStorage.getItem('users') ?? '{}');
    return (stored.users ?? []).flatMap((user) => user.servers ?? []);
  } catch {
    return [];
  }
}

/**
 * Where the server answers. Plex Web served by a server (`:32400/web`) talks to it at the page's
 * own address; app.plex.tv uses one of the addresses the server published, the one it already
 * talked to if the browser still lists it.
 */
function serverAddress(server: StoredServer | undefined): string | undefined {
  const addresses = (server?.connections ?? []).flatMap((connection) => text(connection?.uri) ?? []);
  const ownPage = location.pathname.startsWith('/web');
  if (ownPage && (!server || addresses.some((address) => originOf(address) === location.origin))) return location.origin;
  const contacted = new Set(performance.getEntriesByType('resource').map((entry) => originOf(entry.name)));
  return addresses.find((address) => contacted.has(originOf(address))) ?? addresses[0];
}

/** Only what the connector reads of an item: the server's answer also lists files, paths and streams. */
function trimmed(answer: unknown): unknown {
  const item = (answer as { MediaContainer?: { Metadata?: Record<string, unknown>[] } } | null)?.MediaContainer?.Metadata?.[0];
  if (!item || typeof item !== 'object') return null;
  const fields = ['ratingKey', 'type', 'title', 'year', 'grandparentTitle', 'parentIndex', 'index', 'duration'];
  return { MediaContainer: { Metadata: [Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]))] } };
}

const METADATA_PATH = /\/library\/metadata\/(\d+)$/;

/**
 * Runs in Plex Web's own world, where its sign-in state lives. Plex Web asks its server for an
 * item's metadata as the player opens it: that answer is read as it arrives (the way MALSync reads
 * Plex since February 2026), so most viewings cost no request and no token of ours. When it was not
 * seen (the player opened before this script, a cached item), the server that holds what the player
 * shows is asked, with the token the page itself uses for that server.
 */
export function plexPage(): void {
  const seen = recentAnswers<unknown>();
  watchSiteRequests(
    (url) => METADATA_PATH.test(url.pathname),
    ({ url, answer }) => {
      const item = trimmed(answer);
      const key = METADATA_PATH.exec(url.pathname)?.[1];
      if (item && key) seen.keep(key, item);
    },
  );
  answerPageRequests(async () => {
    const href = Array.from(document.querySelectorAll(ITEM_LINKS)).at(-1)?.getAttribute('href') ?? '';
    const ratingKey = /%2Flibrary%2Fmetadata%2F(\d+)(?![0-9a-z])/i.exec(href)?.[1];
    const machine = /\/server\/([\w-]+)\//.exec(href)?.[1];
    if (!ratingKey) return null;
    const known = seen.get(ratingKey);
    if (known) return known;
    const server = machine ? storedServers().find((s) => s.machineIdentifier === machine) : undefined;
    const address = serverAddress(server);
    if (!address) return null;
    const url = new URL(`${address.replace(/\/+$/, '')}/library/metadata/${ratingKey}`);
    // The account-wide token only for the server this page itself is served by: never to an address
    // read from the page's storage.
    const token =
      text(server?.accessToken) ??
      (originOf(address) === location.origin ? text(localStorage.getItem('myPlexAccessToken')) : undefined);
    // In the query, as Plex Web sends it: a plain GET needs no preflight from app.plex.tv.
    if (token) url.searchParams.set('X-Plex-Token', token);
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    return response.ok ? trimmed(await response.json()) : null;
  });
}
