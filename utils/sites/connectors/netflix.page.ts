import { answerPageRequests, type SeenProfile, seenProfile } from '../page-world';

interface NetflixGlobals {
  reactContext?: {
    models?: {
      services?: { data?: { memberapi?: { hostname?: unknown; path?: unknown[] } } };
      serverDefs?: { data?: { BUILD_IDENTIFIER?: unknown } };
      /** The profile chosen at "Who's watching?": its name, and whether Netflix made it a kids' profile. */
      userInfo?: { data?: { name?: unknown; isKids?: unknown } };
    };
  };
  appContext?: { state?: { playerApp?: { getState?: () => unknown } } };
}

type Session = { videoId?: unknown; playing?: unknown; paused?: unknown };

const ID = /^\d{1,12}$/;
const netflix = () => (window as { netflix?: NetflixGlobals }).netflix;

/** The id the player itself plays: the session playing, else one not paused, else the first. */
function playingId(): string | undefined {
  try {
    const state = netflix()?.appContext?.state?.playerApp?.getState?.() as
      | { videoPlayer?: { playbackStateBySessionId?: Record<string, Session | null> } }
      | undefined;
    const sessions = Object.values(state?.videoPlayer?.playbackStateBySessionId ?? {}).filter((s): s is Session => !!s);
    const session = sessions.find((s) => s.playing === true) ?? sessions.find((s) => s.paused === false) ?? sessions[0];
    const id = String(session?.videoId ?? '');
    return ID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the metadata API is, best first: the address the page's own configuration gives
 * (`reactContext…memberapi`), then the paths Netflix has used, newest first. Only on Netflix's hosts.
 */
function metadataBases(): string[] {
  const models = netflix()?.reactContext?.models;
  const api = models?.services?.data?.memberapi;
  const build = String(models?.serverDefs?.data?.BUILD_IDENTIFIER ?? '');
  const path = String(api?.path?.[0] ?? '');
  const own =
    typeof api?.hostname === 'string' && /(^|\.)netflix\.com$/.test(api.hostname) && /^\/[\w/.-]{1,100}$/.test(path)
      ? [`https://${api.hostname}${path}`]
      : [];
  const builds = /^[\w.-]{1,40}$/.test(build) ? [`/nq/website/memberapi/${build}`, `/api/shakti/${build}`] : [];
  return [...new Set([...own, '/nq/website/memberapi/release', ...builds, '/api/shakti/mre'])];
}

/**
 * Runs in Netflix's own world: its metadata API answers only requests made by the page itself.
 * Hands back the id the player plays (which wins over the URL's) and that id's metadata, in English.
 */
export function netflixPage(): void {
  answerPageRequests(async (id) => {
    if (!ID.test(id)) return null;
    const asked = playingId() ?? id;
    const profile = activeProfile();
    for (const base of metadataBases()) {
      const response = await fetch(`${base}/metadata?languages=en-US&movieid=${asked}`, { credentials: 'include' }).catch(
        () => null,
      );
      const metadata: unknown = response?.ok ? await response.json().catch(() => null) : null;
      if (metadata && typeof metadata === 'object' && 'video' in metadata) return { playingId: asked, metadata, profile };
    }
    return profile ? { playingId: asked, metadata: null, profile } : null;
  });
}

/** The profile that watches, as the page's own configuration names it; the content script checks it. */
function activeProfile(): SeenProfile | undefined {
  const user = netflix()?.reactContext?.models?.userInfo?.data;
  return seenProfile(user?.name, user?.isKids === true);
}
