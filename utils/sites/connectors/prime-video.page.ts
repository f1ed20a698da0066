import { answerPageRequests, keptAnswer, type SeenProfile, seenProfile } from '../page-world';

/**
 * Where the site lists the account's profiles, the one that watches marked `isSelected`: on amazon's
 * own sites `/gp/video/api/getProfiles`; on primevideo.com under the account's region, which the
 * page does not say, so each is asked in turn until one answers.
 */
function profileAddresses(): string[] {
  return /(^|\.)primevideo\.com$/.test(location.hostname)
    ? ['na', 'eu', 'fe'].map((region) => `/region/${region}/api/getProfiles`)
    : ['/gp/video/api/getProfiles'];
}

type Profile = { name?: unknown; isSelected?: unknown; ageGroup?: unknown };

/**
 * The profile that watches, asked of the site's own API with the page's session at most once in ten
 * minutes. A kids' profile: one whose `ageGroup` (the profiles page's own field) is not "ADULT".
 */
async function askActiveProfile(): Promise<SeenProfile | undefined> {
  for (const address of profileAddresses()) {
    const response = await fetch(address, { credentials: 'include', headers: { Accept: 'application/json' } }).catch(() => null);
    const profiles: unknown = response?.ok ? (await response.json().catch(() => null))?.profiles : null;
    if (!Array.isArray(profiles)) continue;
    const chosen = (profiles as Profile[]).find((profile) => profile?.isSelected === true);
    return seenProfile(chosen?.name, typeof chosen?.ageGroup === 'string' && chosen.ageGroup !== 'ADULT');
  }
  return undefined;
}

/** Runs in Prime Video's own world: its profiles API answers only the page's own requests, with its session. */
export function primeVideoPage(): void {
  const activeProfile = keptAnswer(askActiveProfile);
  answerPageRequests(async () => {
    const profile = await activeProfile();
    return profile ? { profile } : null;
  });
}
