import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disneyPlusPage } from '@/utils/sites/connectors/disney-plus.page';
import { hboMaxPage } from '@/utils/sites/connectors/hbo-max.page';
import { plexPage } from '@/utils/sites/connectors/plex.page';
import { primeVideoPage } from '@/utils/sites/connectors/prime-video.page';
import { keptAnswer } from '@/utils/sites/page-world';
import { pageWorld, type SentRequest } from './page-world-support';

/** The profile each site's page-world half hands back beside what plays, from the site's own account API. */
const fixture = (site: string, name: string): unknown =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../fixtures', site, name), 'utf8'));
const profileIn = (data: unknown) => (data as { profile?: unknown } | null)?.profile;

afterEach(() => vi.unstubAllGlobals());

describe('Disney+ (disney-plus.page.ts)', () => {
  const URL_ = 'https://www.disneyplus.com/en-us/play/f3f11053-d810-4b92-9c95-567bef5f215d';
  const signedIn = (world: ReturnType<typeof pageWorld>) =>
    world.window.localStorage.setItem(
      '__bam_sdk_access--disney-svod-3d9324fc_prod',
      JSON.stringify({ context: { token: 'e2e.disney.access-token', refreshToken: 'never-sent' } }),
    );
  const graphql = (name: string) => (request: SentRequest) =>
    request.url === 'https://disney.api.edge.bamgrid.com/v1/public/graphql' &&
    request.headers.authorization === 'Bearer e2e.disney.access-token'
      ? fixture('disney-plus', name)
      : undefined;

  it.each([
    ['graphql-me-kids.json', { name: 'Junior', kids: true }],
    ['graphql-me-adult.json', { name: 'Alex', kids: false }],
  ])('names the active profile from %s, asked once with the app’s own token', async (name, expected) => {
    const world = pageWorld(URL_, graphql(name));
    signedIn(world);
    disneyPlusPage();
    expect(profileIn(await world.ask('a'))).toEqual(expected);
    expect(profileIn(await world.ask('b'))).toEqual(expected);
    expect(world.sent).toHaveLength(1);
    expect(world.sent[0]?.method).toBe('POST');
  });

  it('asks nothing when signed out, and hands back no profile when the API refuses', async () => {
    const out = pageWorld(URL_, graphql('graphql-me-kids.json'));
    disneyPlusPage();
    expect(await out.ask('a')).toBeNull();
    expect(out.sent).toEqual([]);
    vi.unstubAllGlobals();
    const refused = pageWorld(URL_, () => undefined);
    signedIn(refused);
    disneyPlusPage();
    expect(await refused.ask('a')).toBeNull();
  });
});

describe('Max (hbo-max.page.ts)', () => {
  const URL_ = 'https://play.hbomax.com/video/watch/c0ffee00-1234-4abc-8def-001122334455/d0e1f2a3-1111-4000-8000-00000000d001';
  const HOST = 'https://default.any-amer.prd.api.hbomax.com';
  const account = (me: string) => (request: SentRequest) => {
    if (!request.headers['x-disco-client']) return undefined;
    if (request.url === `${HOST}/users/me`) return fixture('hbo-max', me);
    if (request.url === `${HOST}/users/me/profiles`) return fixture('hbo-max', 'users-me-profiles.json');
    return undefined;
  };

  it.each([
    ['users-me-kids.json', { name: 'Kids', kids: true }],
    ['users-me-adult.json', { name: 'Sam', kids: false }],
  ])('names the selected profile (%s) among the account’s, with the client headers', async (me, expected) => {
    const world = pageWorld(URL_, account(me));
    hboMaxPage();
    expect(profileIn(await world.ask('c0ffee00-1234-4abc-8def-001122334455'))).toEqual(expected);
  });

  it('hands back no profile when the account API does not answer', async () => {
    const world = pageWorld(URL_, () => undefined);
    hboMaxPage();
    expect(profileIn(await world.ask('c0ffee00-1234-4abc-8def-001122334455'))).toBeUndefined();
  });
});

describe('Prime Video (prime-video.page.ts)', () => {
  it.each([
    ['profiles-kids.json', { name: 'Kinder', kids: true }],
    ['profiles-adult.json', { name: 'Pat', kids: false }],
  ])('names the selected profile (%s) on amazon’s own sites', async (name, expected) => {
    const world = pageWorld('https://www.amazon.de/gp/video/detail/B0CN4CQ3GH/', (request) =>
      request.url.endsWith('/gp/video/api/getProfiles') ? fixture('prime-video', name) : undefined,
    );
    primeVideoPage();
    expect(await world.ask('B0CN4CQ3GH')).toEqual({ profile: expected });
  });

  it('on primevideo.com, asks each region in turn until one answers, then keeps its answer', async () => {
    const world = pageWorld('https://www.primevideo.com/detail/0KRGHGZCHKS920ZQGY5LBRF7MA/', (request) =>
      request.url.endsWith('/region/eu/api/getProfiles') ? fixture('prime-video', 'profiles-kids.json') : undefined,
    );
    primeVideoPage();
    expect(await world.ask('x')).toEqual({ profile: { name: 'Kinder', kids: true } });
    await world.ask('y');
    expect(world.sent.map((request) => new URL(request.url, 'https://www.primevideo.com').pathname)).toEqual([
      '/region/na/api/getProfiles',
      '/region/eu/api/getProfiles',
    ]);
  });
});

describe('Plex (plex.page.ts)', () => {
  const URL_ = 'https://app.plex.tv/desktop/#!/';
  const user = (name: string) => (request: SentRequest) =>
    request.url.startsWith('https://plex.tv/api/v2/user?') &&
    new URL(request.url).searchParams.get('X-Plex-Token') === 'e2e-account-token'
      ? fixture('plex', name)
      : undefined;
  const signedIn = (world: ReturnType<typeof pageWorld>, stored: Record<string, unknown> = {}) => {
    world.window.localStorage.setItem('myPlexAccessToken', 'e2e-account-token');
    world.window.localStorage.setItem('users', JSON.stringify({ users: [{ id: 1, authToken: 'e2e-account-token', ...stored }] }));
  };

  it.each([
    ['plex-user-kid.json', { name: 'Mia', kids: true }],
    ['plex-user-adult.json', { name: 'Jordan', kids: false }],
  ])('names the Plex Home user whose token the page uses, from plex.tv (%s)', async (name, expected) => {
    const world = pageWorld(URL_, user(name));
    signedIn(world);
    plexPage();
    expect(await world.ask('1')).toEqual({ profile: expected });
  });

  it('takes the user from localStorage when Plex Web keeps its name and preset there, asking nothing', async () => {
    const world = pageWorld(URL_, () => undefined);
    signedIn(world, { title: 'Theo', restrictionProfile: 'older_kid' });
    plexPage();
    expect(await world.ask('1')).toEqual({ profile: { name: 'Theo', kids: true } });
    expect(world.sent).toEqual([]);
  });
});

describe('keptAnswer', () => {
  it('asks once while an answer is fresh, again once it is old, and again after an empty one', async () => {
    vi.useFakeTimers();
    try {
      const ask = vi.fn<() => Promise<string | undefined>>().mockResolvedValueOnce(undefined).mockResolvedValue('Kids');
      const kept = keptAnswer(ask, 1_000);
      expect(await kept()).toBeUndefined();
      expect(await kept()).toBe('Kids');
      expect(await kept()).toBe('Kids');
      expect(ask).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1_001);
      await kept();
      expect(ask).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
