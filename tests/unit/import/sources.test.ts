import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanItem } from '@/utils/import/clean';
import { REWIND_PAGE, rewindReader } from '@/utils/import/sources/rewind';
import { ALL_RATINGS, parseLastWatched, simklPin, simklReader, simklUrl } from '@/utils/import/sources/simkl';
import type { Cursor, SourceReader } from '@/utils/import/sources/source';
import { tmdbReader } from '@/utils/import/sources/tmdb';
import type { SourceItem } from '@/utils/model/import';
import {
  REWIND_DEMO,
  REWIND_RATINGS,
  SIMKL_DEMO,
  SIMKL_LIBRARY,
  syntheticSources,
  TMDB_DEMO,
} from '../../../server/sources/demo';
import { type RewindStandIn, startRewindStandIn } from '../../../server/sources/rewind';
import { type SimklStandIn, startSimklStandIn } from '../../../server/sources/simkl';
import { startTmdbStandIn, type TmdbStandIn } from '../../../server/sources/tmdb';

let simkl: SimklStandIn;
let tmdb: TmdbStandIn;
let rewind: RewindStandIn;
const noWait = async () => undefined;

beforeAll(async () => {
  [simkl, tmdb, rewind] = await Promise.all([startSimklStandIn(), startTmdbStandIn(), startRewindStandIn()]);
});
afterAll(async () => {
  await Promise.all([simkl.close(), tmdb.close(), rewind.close()]);
});

/** Every page a reader gives, from the first, as a person's preview would read them. */
async function readAll(reader: SourceReader, source = 'test'): Promise<{ items: SourceItem[]; pages: number }> {
  const items: SourceItem[] = [];
  let cursor: Cursor | null = null;
  let pages = 0;
  do {
    const page = await reader.read(cursor);
    // As the job keeps them: cleaned at the boundary.
    items.push(...page.items.flatMap((raw) => cleanItem(raw, source) ?? []));
    cursor = page.next;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

const simklConfig = (patch = {}) => ({
  baseUrl: simkl.origin,
  clientId: SIMKL_DEMO.clientId,
  token: SIMKL_DEMO.token,
  ratedOnly: false,
  appName: 'reelrifter-scrobbler',
  appVersion: '0.1.0',
  ...patch,
});
/** A Simkl reader; `fetch` may stand in for the network. */
const simklRead = ({ fetch, ...patch }: Record<string, unknown> & { fetch?: typeof globalThis.fetch } = {}) =>
  simklReader(simklConfig(patch), { sleep: noWait, ...(fetch ? { fetch } : {}) });

describe('Simkl', () => {
  it('reads the whole library, one request per type, naming the app on each', async () => {
    simkl.reset();
    const { items, pages } = await readAll(simklRead());
    expect(pages).toBe(3);
    const requests = simkl.requests();
    expect(requests.map((r) => r.path)).toEqual(['/sync/all-items/movies', '/sync/all-items/shows', '/sync/all-items/anime']);
    for (const request of requests) {
      expect(new URL(request.url, simkl.origin).searchParams.get('client_id')).toBe(SIMKL_DEMO.clientId);
      expect(request).toMatchObject({ appName: 'reelrifter-scrobbler', appVersion: '0.1.0', authorization: true });
    }
    const total = Object.values(SIMKL_LIBRARY).reduce((sum, list) => sum + (list?.length ?? 0), 0);
    expect(items).toHaveLength(total);
  });

  it('with rated items only, asks for every rating, so only rated items come back', async () => {
    simkl.reset();
    const { items } = await readAll(simklRead({ ratedOnly: true }));
    expect(simkl.requests().map((r) => r.path)).toEqual(
      ['movies', 'shows', 'anime'].map((type) => `/sync/ratings/${type}/${ALL_RATINGS}`),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.list === 'rated' && typeof item.rating === 'number')).toBe(true);
  });

  it('sends only the exact type words and a checked rating list', () => {
    expect(() => simklUrl(simklConfig(), 'tv_shows' as never)).toThrow();
    expect(simklUrl(simklConfig({ ratedOnly: true }), 'shows').pathname).toBe('/sync/ratings/shows/1,2,3,4,5,6,7,8,9,10');
  });

  it('refuses an answer of other types when its own is missing (the API ignoring the type word)', async () => {
    const crossType = vi.fn<typeof fetch>(
      async () => new Response(JSON.stringify({ shows: [{ show: { title: 'Dark' } }] }), { status: 200 }),
    );
    const reader = simklRead({ fetch: crossType });
    await expect(reader.read(null)).rejects.toMatchObject({ kind: 'unreadable', details: { why: 'shape' } });
  });

  it('reads shows by their last watched episode, and anime without a season', async () => {
    simkl.reset();
    const { items } = await readAll(simklRead());
    const anime = items.find((item) => item.anime && item.lastEpisode);
    expect(anime?.lastEpisode).toEqual({ episode: anime?.lastEpisode?.episode });
    expect(anime?.lastEpisode?.season).toBeUndefined();
    const show = items.find((item) => item.mediaType === 'TV' && !item.anime && item.lastEpisode);
    expect(show?.lastEpisode?.season).toBeGreaterThan(0);
    expect(parseLastWatched('S01E05')).toEqual({ season: 1, episode: 5 });
    expect(parseLastWatched('E148')).toEqual({ episode: 148 });
    expect(parseLastWatched(null)).toBeUndefined();
    expect(parseLastWatched('season 1')).toBeUndefined();
  });

  it('a wrong client id or token is said so', async () => {
    await expect(simklRead({ clientId: 'nope' }).read(null)).rejects.toMatchObject({ kind: 'unauthorized' });
    await expect(simklRead({ token: 'nope' }).read(null)).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});

describe('a TMDB-style account', () => {
  const reader = ({ sleep = noWait, ...patch }: { sleep?: (ms: number) => Promise<void>; token?: string } = {}) =>
    tmdbReader({ baseUrl: tmdb.origin, token: TMDB_DEMO.accessToken, ...patch }, { sleep });

  it('asks for the account, then every page of rated, favourites and watchlist, films and shows', async () => {
    tmdb.reset();
    const { items } = await readAll(reader());
    const paths = tmdb.requests().map((r) => r.path);
    expect(paths[0]).toBe('/api/account');
    for (const section of ['rated', 'favorites', 'watchlist']) {
      for (const media of ['movies', 'tv']) expect(paths).toContain(`/api/account/${TMDB_DEMO.accountId}/${section}/${media}`);
    }
    expect(items.some((item) => item.list === 'watchlist')).toBe(true);
    expect(items.filter((item) => item.mediaType === 'TV').every((item) => !item.lastEpisode && !item.watched)).toBe(true);
    expect(items.filter((item) => item.mediaType === 'MOVIE' && item.list !== 'watchlist').every((item) => item.watched)).toBe(
      true,
    );
  });

  it('follows total_pages: a list longer than a page is read to its end', async () => {
    const many = await startTmdbStandIn({ lists: syntheticSources(300).tmdb });
    try {
      const { items } = await readAll(tmdbReader({ baseUrl: many.origin, token: TMDB_DEMO.accessToken }, { sleep: noWait }));
      expect(items).toHaveLength(300);
      expect(many.requests().filter((r) => r.url.includes('page=2')).length).toBeGreaterThan(0);
    } finally {
      await many.close();
    }
  });

  it('a wrong token is said so, in the words the API used', async () => {
    const error = await reader({ token: 'wrong' })
      .read(null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unauthorized', details: { status: 401, serverMessage: 'You are not authenticated' } });
  });

  it('a 429 with its bare string body is waited out, then the page is read', async () => {
    tmdb.reset();
    tmdb.setFault({ kind: 'rateLimit', times: 2, retryAfterSeconds: 3 });
    const waits: number[] = [];
    const account = await reader({ sleep: async (ms: number) => void waits.push(ms) }).read(null);
    expect(account.next).toMatchObject({ account: String(TMDB_DEMO.accountId) });
    expect(waits).toEqual([3_000, 3_000]);
  });
});

describe('Rewind', () => {
  const reader = (patch = {}) => rewindReader({ baseUrl: rewind.origin, key: REWIND_DEMO.liveKey, ...patch }, { sleep: noWait });

  it(`reads every page, ${REWIND_PAGE} at a time, following total_pages`, async () => {
    const many = await startRewindStandIn({ ratings: syntheticSources(250).rewind });
    try {
      const { items, pages } = await readAll(rewindReader({ baseUrl: many.origin, key: REWIND_DEMO.liveKey }, { sleep: noWait }));
      expect(pages).toBe(3);
      expect(items).toHaveLength(250);
      expect(many.requests().map((r) => new URL(r.url, many.origin).searchParams.get('limit'))).toEqual(['100', '100', '100']);
    } finally {
      await many.close();
    }
  });

  it('every item is a watched, rated film', async () => {
    const { items } = await readAll(reader());
    expect(items).toHaveLength(REWIND_RATINGS.length);
    expect(items.every((item) => item.watched && item.mediaType === 'MOVIE' && item.list === 'rated')).toBe(true);
  });

  it('an admin key works too; a wrong key is said so, in its error envelope', async () => {
    await expect(reader({ key: REWIND_DEMO.adminKey }).read(null)).resolves.toMatchObject({ next: null });
    const error = await reader({ key: 'rw_live_wrongwrongwrong' })
      .read(null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unauthorized', details: { status: 401 } });
  });
});

describe('Simkl’s PIN', () => {
  it('gives a code and where to type it, says pending until approved, then the token', async () => {
    simkl.reset();
    simkl.setPinTiming({ intervalSeconds: 0 });
    const clientId = SIMKL_DEMO.clientId;
    const code = await simklPin.start(simkl.origin, clientId, {});
    expect(code.userCode).toMatch(/^[A-Z0-9]{5}$/);
    expect(code.verificationUrl).toBe(`${simkl.origin}/pin`);
    await expect(simklPin.check(simkl.origin, clientId, code.userCode, {})).resolves.toEqual({ state: 'pending' });
    simkl.approvePin(code.userCode);
    await expect(simklPin.check(simkl.origin, clientId, code.userCode, {})).resolves.toEqual({
      state: 'approved',
      token: SIMKL_DEMO.token,
    });
    await expect(simklPin.check(simkl.origin, clientId, 'ZZZZZ', {})).resolves.toEqual({ state: 'expired' });
  });

  it('asked too soon, it says slow down; a wrong client id is refused in Simkl’s words', async () => {
    simkl.reset();
    simkl.setPinTiming({ intervalSeconds: 60 });
    const code = await simklPin.start(simkl.origin, SIMKL_DEMO.clientId, {});
    await simklPin.check(simkl.origin, SIMKL_DEMO.clientId, code.userCode, {});
    await expect(simklPin.check(simkl.origin, SIMKL_DEMO.clientId, code.userCode, {})).resolves.toEqual({ state: 'slow-down' });
    await expect(simklPin.start(simkl.origin, 'not-our-app', {})).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});
