import { answerPageRequests, keptAnswer, recentAnswers, type SeenProfile, seenProfile, watchSiteRequests } from '../page-world';

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

interface StoredUser {
  authToken?: unknown;
  title?: unknown;
  username?: unknown;
  restrictionProfile?: unknown;
  servers?: StoredServer[];
}

/** The accounts Plex Web keeps in localStorage `users` (the signed-in one and its Plex Home's), with their servers. */
function storedUsers(): StoredUser[] {
  try {
    const stored: { users?: StoredUser[] } = JSON.parse(localStorage.getItem('users') ?? '{}');
    return Array.isArray(stored.users) ? stored.users.filter((user) => user && typeof user === 'object') : [];
  } catch {
    return [];
  }
}

/** The servers of those accounts, with their tokens and addresses. */
const storedServers = (): StoredServer[] => storedUsers().flatMap((user) => user.servers ?? []);

/** The token of the account the page is signed in with (Plex Web's `myPlexAccessToken`). */
const accountToken = () => text(localStorage.getItem('myPlexAccessToken'));

/** Plex's presets for a managed user who is a child or a teen (`restrictionProfile`). */
const KIDS_PRESETS = new Set(['little_kid', 'older_kid', 'teen']);
const profileOf = (user: StoredUser | undefined): SeenProfile | undefined =>
  user && seenProfile(text(user.title) ?? text(user.username), KIDS_PRESETS.has(String(user.restrictionProfile)));

/**
 * The Plex Home user who watches: the one whose token the page uses (`myPlexAccessToken`). Its
 * name and restriction preset from localStorage when Plex Web keeps them there, otherwise from
 * plex.tv's own account API (`/api/v2/user`: `title`, `restrictionProfile`), asked with that token
 * as Plex Web asks it, at most once in ten minutes.
 */
async function askActiveUser(): Promise<SeenProfile | undefined> {
  const token = accountToken();
  if (!token) return undefined;
  const stored = storedUsers().find((user) => user.authToken === token);
  const own = stored && 'restrictionProfile' in stored ? profileOf(stored) : undefined;
  if (own) return own;
  const url = new URL('https://plex.tv/api/v2/user');
  url.searchParams.set('X-Plex-Token', token);
  const client = text(localStorage.getItem('clientID'));
  if (client) url.searchParams.set('X-Plex-Client-Identifier', client);
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  return response.ok ? profileOf(await response.json()) : undefined;
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
  const activeUser = keptAnswer(askActiveUser);
  watchSiteRequests(
    (url) => METADATA_PATH.test(url.pathname),
    ({ url, answer }) => {
      const item = trimmed(answer);
      const key = METADATA_PATH.exec(url.pathname)?.[1];
      if (item && key) seen.keep(key, item);
    },
  );
  answerPageRequests(async () => {
    const [item, profile] = await Promise.all([playerItem(seen), activeUser()]);
    return item || profile ? { ...(item ?? {}), ...(profile ? { profile } : {}) } : null;
  });
}

/** What the player shows, as the server names it: Plex Web's own answer if seen, else asked. */
async function playerItem(seen: ReturnType<typeof recentAnswers<unknown>>): Promise<object | null> {
  const href = Array.from(document.querySelectorAll(ITEM_LINKS)).at(-1)?.getAttribute('href') ?? '';
  const ratingKey = /%2Flibrary%2Fmetadata%2F(\d+)(?![0-9a-z])/i.exec(href)?.[1];
  const machine = /\/server\/([\w-]+)\//.exec(href)?.[1];
  if (!ratingKey) return null;
  const known = seen.get(ratingKey);
  if (known) return known as object;
  const server = machine ? storedServers().find((s) => s.machineIdentifier === machine) : undefined;
  const address = serverAddress(server);
  if (!address) return null;
  const url = new URL(`${address.replace(/\/+$/, '')}/library/metadata/${ratingKey}`);
  // The account-wide token only for the server this page itself is served by: never to an address
  // read from the page's storage.
  const token = text(server?.accessToken) ?? (originOf(address) === location.origin ? accountToken() : undefined);
  // In the query, as Plex Web sends it: a plain GET needs no preflight from app.plex.tv.
  if (token) url.searchParams.set('X-Plex-Token', token);
  const response = await fetch(url, { headers: { Accept: 'application/json' } }).catch(() => null);
  return response?.ok ? (trimmed(await response.json().catch(() => null)) as object | null) : null;
}
