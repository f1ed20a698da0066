import { beforeEach, describe, expect, it } from 'vitest';
import { listProfiles, profileLogged, setProfileLogged } from '@/utils/scrobble/profiles';
import { queuedEntries } from '@/utils/scrobble/queue';
import { readTabPlayback } from '@/utils/scrobble/tabs';
import { MAX_PROFILES } from '@/utils/store/items';
import { fold, freshStart, report } from './support';

beforeEach(freshStart);

const KIDS = { name: 'Kids', kids: true };
const SAM = { name: 'Sam' };
const watching = (profile: { name: string; kids?: boolean }) => report({ position: 70, forwardSeconds: 70, profile });

/** "Profiles logged": which of a site's profiles are logged, decided in the background. */
describe('profiles logged', () => {
  it("a kids' profile seen for the first time is off: nothing it watches is queued, the tab says which profile", async () => {
    const { next } = await fold(watching(KIDS), 1);
    expect(await queuedEntries()).toEqual([]);
    expect(next).toBeNull();
    expect(await readTabPlayback(1)).toMatchObject({ profileOff: 'Kids' });
    expect(await listProfiles()).toEqual([
      { site: 'netflix', siteLabel: 'Netflix', profiles: [{ name: 'Kids', kids: true, on: false, seenAt: expect.any(Number) }] },
    ]);
  });

  it('any other profile is logged, and listed as on', async () => {
    await fold(watching(SAM), 1);
    expect((await queuedEntries()).map((e) => e.action)).toEqual(['watching']);
    expect((await readTabPlayback(1))?.profileOff).toBeUndefined();
    expect((await listProfiles())[0]?.profiles).toMatchObject([{ name: 'Sam', kids: false, on: true }]);
  });

  it('turned on, the kids profile is logged from its next report; turned off, an adult one is not', async () => {
    await fold(watching(KIDS), 1);
    expect(await setProfileLogged('netflix', 'Kids', true)).toEqual({ ok: true });
    await fold(report({ position: 80, forwardSeconds: 80, profile: KIDS }), 1);
    expect((await queuedEntries()).map((e) => e.action)).toEqual(['watching']);

    await freshStart();
    await profileLogged('netflix', SAM);
    await setProfileLogged('netflix', 'Sam', false);
    await fold(watching(SAM), 2);
    expect(await queuedEntries()).toEqual([]);
    expect(await readTabPlayback(2)).toMatchObject({ profileOff: 'Sam' });
  });

  it("the person's choice stands, whatever the site says of the profile later; an unknown one cannot be set", async () => {
    await profileLogged('netflix', SAM);
    expect(await profileLogged('netflix', { name: 'Sam', kids: true })).toBe(true);
    expect((await setProfileLogged('netflix', 'Nobody', true)).ok).toBe(false);
  });

  it('a page that names no profile is logged as before', async () => {
    await fold(report({ position: 70, forwardSeconds: 70 }), 1);
    expect((await queuedEntries()).map((e) => e.action)).toEqual(['watching']);
    expect(await listProfiles()).toEqual([]);
  });

  it('is bounded: a page inventing profiles keeps at most a handful per site, and a kids one past it is still off', async () => {
    for (let i = 0; i < MAX_PROFILES + 5; i++) await profileLogged('netflix', { name: `P${i}` });
    expect((await listProfiles())[0]?.profiles).toHaveLength(MAX_PROFILES);
    expect(await profileLogged('netflix', { name: 'More kids', kids: true })).toBe(false);
    // A site no connector knows keeps nothing.
    await profileLogged('no-such-site', SAM);
    expect((await listProfiles()).map((s) => s.site)).toEqual(['netflix']);
  });
});
