import type { PageProfile } from '../model/playback';
import type { ProfileRecord, Result, SiteProfilesView } from '../model/records';
import { serial } from '../serial';
import { siteById } from '../sites/sites';
import { MAX_PROFILES, profilesItem } from '../store/items';

/**
 * "Profiles logged": the sites' profiles the extension has seen play (where a site's page names the
 * profile that watches), and which of them the person logs. A profile seen for the first time is
 * logged, unless the site marks it as a kids' profile: that one is off until the person turns it on.
 * Decided here, in the background, from the site connector's reading; kept on this device only.
 */

const inTurn = serial();

/** Whether what `profile` plays on `site` is logged; a profile seen for the first time is noted. */
export function profileLogged(site: string, profile: PageProfile, now = Date.now()): Promise<boolean> {
  return inTurn(async () => {
    const all = await profilesItem.read();
    const list = all[site] ?? [];
    const known = list.find((kept) => kept.name === profile.name);
    // The person's choice stands, whatever the site says of the profile later.
    if (known) return known.on;
    const kids = profile.kids === true;
    if (list.length < MAX_PROFILES && siteById(site)) {
      await profilesItem.write({ ...all, [site]: [...list, { name: profile.name, kids, on: !kids, seenAt: now }] });
    }
    return !kids;
  });
}

/** Turns the logging of one seen profile on or off. */
export function setProfileLogged(site: string, name: string, on: boolean): Promise<Result> {
  return inTurn(async () => {
    const all = await profilesItem.read();
    const list = all[site] ?? [];
    if (!list.some((kept) => kept.name === name)) return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
    await profilesItem.write({ ...all, [site]: list.map((kept) => (kept.name === name ? { ...kept, on } : kept)) });
    return { ok: true };
  });
}

/** A settings file's profiles, for the sites this version knows: its choice wins for a profile seen here too. */
export function mergeProfiles(wanted: Record<string, ProfileRecord[]>): Promise<void> {
  return inTurn(async () => {
    const kept = await profilesItem.read();
    for (const [site, profiles] of Object.entries(wanted)) {
      if (!siteById(site)) continue;
      const byName = new Map((kept[site] ?? []).map((profile) => [profile.name, profile]));
      for (const profile of profiles) byName.set(profile.name, profile);
      kept[site] = [...byName.values()].slice(0, MAX_PROFILES);
    }
    await profilesItem.write(kept);
  });
}

/** Every site's profiles seen, in the order they were first seen, the sites by name. */
export async function listProfiles(): Promise<SiteProfilesView[]> {
  const all = await profilesItem.read();
  return Object.entries(all)
    .filter(([, profiles]) => profiles.length > 0)
    .map(([site, profiles]) => ({ site, siteLabel: siteById(site)?.label ?? site, profiles }))
    .sort((a, b) => a.siteLabel.localeCompare(b.siteLabel));
}
