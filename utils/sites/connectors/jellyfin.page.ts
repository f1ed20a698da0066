import { answerPageRequests } from '../page-world';

/** The web app's client for its server; Jellyfin and Emby both keep it as `window.ApiClient`. */
interface ApiClient {
  _serverAddress?: unknown;
  _appName?: unknown;
  _deviceId?: unknown;
  _serverInfo?: { AccessToken?: unknown };
  serverAddress?: () => unknown;
  appName?: () => unknown;
  deviceId?: () => unknown;
  accessToken?: () => unknown;
}

type Session = Record<string, unknown> & { DeviceId?: unknown; NowPlayingItem?: Record<string, unknown> };

const ITEM_FIELDS = ['Type', 'Name', 'SeriesName', 'ParentIndexNumber', 'IndexNumber', 'ProductionYear', 'RunTimeTicks'];

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Only what names the item: the server's answer also lists streams, chapters and file paths. */
function trimmed(session: Session): Session {
  const item = session.NowPlayingItem;
  return {
    DeviceId: session.DeviceId,
    NowPlayingItem: item && Object.fromEntries(ITEM_FIELDS.filter((field) => field in item).map((field) => [field, item[field]])),
  };
}

/**
 * Runs in the web app's own world, where `ApiClient` holds the server's address, the signed-in
 * token and this browser's device id. Asks that server what this device plays; the token goes
 * nowhere else. The web app reports a start only as playback starts, so a fresh session may need
 * a second look.
 */
export function jellyfinPage(): void {
  answerPageRequests(async () => {
    const client = (window as { ApiClient?: ApiClient }).ApiClient;
    if (!client) return null;
    const server = text(client.serverAddress?.()) ?? text(client._serverAddress);
    const token = text(client.accessToken?.()) ?? text(client._serverInfo?.AccessToken);
    const deviceId = text(client.deviceId?.()) ?? text(client._deviceId);
    if (!server || !token || !deviceId) return null;
    // Emby serves its API under /emby and takes the token in its own header.
    const emby = /emby/i.test(text(client.appName?.()) ?? text(client._appName) ?? '');
    const url = new URL(`${server.replace(/\/+$/, '')}${emby ? '/emby' : ''}/Sessions`);
    url.searchParams.set('deviceId', deviceId);
    const headers: Record<string, string> = emby ? { 'X-Emby-Token': token } : { Authorization: `MediaBrowser Token="${token}"` };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) await pause(1_000);
      const response = await fetch(url, { headers });
      if (!response.ok) return null;
      const sessions: unknown = await response.json();
      const own = (Array.isArray(sessions) ? (sessions as Session[]) : []).filter((session) => session?.DeviceId === deviceId);
      if (own.some((session) => session.NowPlayingItem)) return { deviceId, sessions: own.map(trimmed) };
    }
    return null;
  });
}
