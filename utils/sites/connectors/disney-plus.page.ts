import { answerPageRequests, keptAnswer, type SeenProfile, seenProfile } from '../page-world';

interface PlayerMetadata {
  mediaPlaybackCriteria?: { metadata?: { title?: { text?: unknown }; subtitle?: { text?: unknown } } };
}

/** Disney+'s GraphQL endpoint, the one its web app asks for the account. */
const GRAPHQL = 'https://disney.api.edge.bamgrid.com/v1/public/graphql';
const ME =
  'query EntitledGraphMeQuery { me { account { activeProfile { id } profiles { id name attributes { kidsModeEnabled } } } } }';

/** The access token the web app's SDK keeps in localStorage (`__bam_sdk_access--disney-svod…`: `context.token`). */
function accessToken(): string | undefined {
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i) ?? '';
    if (!key.startsWith('__bam_sdk_access--disney-svod')) continue;
    try {
      const token: unknown = JSON.parse(localStorage.getItem(key) ?? '{}')?.context?.token;
      if (typeof token === 'string' && /^[\w.-]{10,8000}$/.test(token)) return token;
    } catch {
      // not the SDK's record
    }
  }
  return undefined;
}

type Profile = { id?: unknown; name?: unknown; attributes?: { kidsModeEnabled?: unknown } };

/**
 * The profile that watches, as the account API names it: `activeProfile.id` among `profiles`, with
 * its name and `kidsModeEnabled`, asked with the app's own token at most once in ten minutes.
 */
async function askActiveProfile(): Promise<SeenProfile | undefined> {
  const token = accessToken();
  if (!token) return undefined;
  const response = await fetch(GRAPHQL, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ operationName: 'EntitledGraphMeQuery', query: ME, variables: {} }),
  });
  if (!response.ok) return undefined;
  const account = (await response.json())?.data?.me?.account;
  const id = account?.activeProfile?.id;
  const profile = (Array.isArray(account?.profiles) ? (account.profiles as Profile[]) : []).find((p) => p?.id === id);
  return id ? seenProfile(profile?.name, profile?.attributes?.kidsModeEnabled === true) : undefined;
}

/**
 * Runs in Disney+'s own world: the player element keeps what plays as a property, which the
 * content script's isolated world cannot see. Hands back the two lines of text and the profile
 * that watches, nothing else.
 */
export function disneyPlusPage(): void {
  const activeProfile = keptAnswer(askActiveProfile);
  answerPageRequests(async () => {
    const player = document.querySelector<Element & { mediaPlayer?: PlayerMetadata }>('disney-web-player');
    const ui = document.querySelector<Element & { mediaPlayerApi?: PlayerMetadata }>('disney-web-player-ui');
    const metadata = (player?.mediaPlayer ?? ui?.mediaPlayerApi)?.mediaPlaybackCriteria?.metadata;
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 500) : undefined);
    const profile = await activeProfile();
    if (!metadata && !profile) return null;
    return {
      ...(metadata ? { title: text(metadata.title?.text), subtitle: text(metadata.subtitle?.text) } : {}),
      ...(profile ? { profile } : {}),
    };
  });
}
