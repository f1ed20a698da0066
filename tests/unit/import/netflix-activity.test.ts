import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '@/utils/http';
import {
  episodeNumbers,
  lastAsked,
  NETFLIX_PACE_MS,
  netflixActivity,
  netflixActivityReader,
  netflixProfiles,
  readReactContext,
  sessionOf,
} from '@/utils/import/sources/netflix-activity';
import type { Cursor, RawItem, SourceReader } from '@/utils/import/sources/source';
import {
  NETFLIX_ACTIVITY,
  NETFLIX_COOKIE_HEADER,
  NETFLIX_DEMO,
  NETFLIX_METADATA_PATH,
  NETFLIX_PATH_EVALUATOR,
  type NetflixStandIn,
  scriptLiteral,
  startNetflixStandIn,
} from '../../../server/sources/netflix';

let netflix: NetflixStandIn;
beforeAll(async () => {
  netflix = await startNetflixStandIn({ port: 0 });
});
afterAll(() => netflix.close());

/** What the reader asked fetch for: each request's credentials mode and form body. */
let sent: Array<{ url: string; credentials: RequestCredentials | undefined; body: string | undefined }>;
/** Every wait the reader asked for (none is really waited). */
let waits: number[];
beforeEach(() => {
  netflix.reset();
  sent = [];
  waits = [];
  slots = [];
  // Each test starts as if the site had not been asked for a while.
  lastAsked.clear();
});
/** When each wait would have ended: the moment the request after it goes (nothing is really waited). */
let slots: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
  slots.push(Date.now() + ms);
};

/** The moments requests go, in order, are a second apart at least. */
function expectPaced(): void {
  const sorted = [...slots].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i += 1) {
    expect((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)).toBeGreaterThanOrEqual(NETFLIX_PACE_MS - 5);
  }
}

/** A browser signed in to the stand-in: Node's fetch has no cookie jar, so the cookie is added here. */
const signedIn: typeof fetch = (input, init) => {
  sent.push({
    url: String(input),
    credentials: init?.credentials,
    body: typeof init?.body === 'string' ? init.body : undefined,
  });
  return fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Cookie: NETFLIX_COOKIE_HEADER } });
};
const noCookie: typeof fetch = (input, init) => fetch(input, init);

const reader = (patch: { profile?: string; pageSize?: number; fetch?: typeof fetch } = {}) =>
  netflixActivityReader(
    {
      baseUrl: netflix.origin,
      ...(patch.profile ? { profile: patch.profile } : {}),
      ...(patch.pageSize ? { pageSize: patch.pageSize } : {}),
    },
    { fetch: patch.fetch ?? signedIn, sleep },
  );

async function readAll(source: SourceReader, from: Cursor | null = null) {
  const items: RawItem[] = [];
  const cursors: Array<Cursor | null> = [];
  let cursor = from;
  do {
    const page = await source.read(cursor);
    items.push(...(page.items as RawItem[]));
    cursor = page.next;
    cursors.push(cursor);
  } while (cursor);
  return { items, cursors };
}

const activityPages = () =>
  netflix
    .requests()
    .filter((r) => r.path === NETFLIX_PATH_EVALUATOR && r.status === 200)
    .map((r) => JSON.parse(r.call ?? 'null'));
const metadataAsked = () =>
  netflix
    .requests()
    .filter((r) => r.path === NETFLIX_METADATA_PATH)
    .map((r) => r.movieid);

async function failureOf(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

const alex = NETFLIX_ACTIVITY[NETFLIX_DEMO.profiles.alex] ?? [];

describe('Netflix viewing activity: reading', () => {
  it('reads every page until an empty one, with the sign-in cookies, and keeps a plain cursor', async () => {
    const { items, cursors } = await readAll(reader({ pageSize: 5 }));
    expect(activityPages()).toEqual([0, 1, 2, 3].map((page) => ['aui', 'viewingActivity', page, 5]));
    expect(cursors).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }, null]);
    // Every viewing but the one without a title.
    expect(items).toHaveLength(alex.length - 1);
    expect(sent.every((request) => request.credentials === 'include')).toBe(true);
    expect(netflix.requests().every((request) => request.cookie)).toBe(true);
  });

  it("asks for Netflix's own page of 100 by default, and says how many pages there are", async () => {
    const page = await reader().read(null);
    expect(activityPages()).toEqual([['aui', 'viewingActivity', 0, 100]]);
    expect(page.items).toHaveLength(alex.length - 1);
    expect(page.pages).toBe(2);
    expect(page.next).toEqual({ page: 1 });
  });

  it("numbers each episode from its show's metadata, asked once per show however many episodes", async () => {
    const { items } = await readAll(reader({ pageSize: 5 }));
    expect(metadataAsked()).toEqual(['81231974', '80100172']);
    const episodes = items.filter((item) => item.mediaType === 'TV');
    expect(episodes.map((item) => [item.title, item.lastEpisode])).toEqual([
      ['Wednesday', { season: 2, episode: 2 }],
      ['Wednesday', { season: 2, episode: 1 }],
      ['Wednesday', { season: 1, episode: 2 }],
      ['Wednesday', { season: 1, episode: 1 }],
      ['Wednesday', { season: 1, episode: 1 }],
      // Not in the metadata: no number, never a guess.
      ['Dark', undefined],
      ['Dark', { season: 2, episode: 1 }],
      ['Dark', { season: 1, episode: 2 }],
      ['Dark', { season: 1, episode: 1 }],
    ]);
    expect(episodes.every((item) => item.watched && item.list === 'library' && item.source === 'netflix-activity')).toBe(true);
    expect(episodes[5]).not.toHaveProperty('lastEpisode');
  });

  it('gives films as watched, with the date, how far they got and how long they run', async () => {
    const { items } = await readAll(reader());
    const films = items.filter((item) => item.mediaType === 'MOVIE');
    expect(films).toEqual([
      {
        source: 'netflix-activity',
        list: 'library',
        mediaType: 'MOVIE',
        title: 'Glass Onion: A Knives Out Mystery',
        ids: {},
        watched: true,
        watchedAt: '2025-08-30T19:00:00.000Z',
        progress: 1,
        runtimeSeconds: 8340,
      },
      expect.objectContaining({ title: 'The Irishman', progress: 0.335 }),
      // Bookmark 0: how far is not said.
      expect.not.objectContaining({ progress: expect.anything() }),
    ]);
    expect(films[2]?.title).toBe('Roma');
    const latest = items[0];
    expect(latest).toMatchObject({
      title: 'Wednesday',
      episodeTitle: "Woe's That Noise",
      progress: 0.424,
      runtimeSeconds: 3540,
      watchedAt: '2025-09-06T21:10:00.000Z',
    });
  });

  it('paces itself: at least a second between any two requests', async () => {
    await readAll(reader({ pageSize: 5 }));
    const asked = netflix.requests().length;
    expect(asked).toBe(1 + 4 + 2);
    // Nothing is really waited here, so every request after the first waits for its own second.
    expect(waits).toHaveLength(asked - 1);
    expectPaced();
  });

  it('keeps readers asking at once a second apart too (each takes its moment before it waits)', async () => {
    await Promise.all([readAll(reader({ pageSize: 5 })), netflixProfiles(netflix.origin, { fetch: signedIn, sleep })]);
    expect(waits.length).toBe(netflix.requests().length - 1);
    expectPaced();
  });

  it('waits a 429 out as long as Netflix says, then goes on', async () => {
    netflix.rateLimit(2, 1);
    const { items } = await readAll(reader());
    expect(items).toHaveLength(alex.length - 1);
    const statuses = netflix.requests().map((r) => [r.path, r.status]);
    expect(statuses.slice(0, 3)).toEqual([
      ['/viewingactivity', 429],
      ['/viewingactivity', 429],
      ['/viewingactivity', 200],
    ]);
    expect(waits.filter((wait) => wait === 1000).length).toBeGreaterThanOrEqual(2);
  });

  it('asks again after a server error', async () => {
    netflix.setFault({ kind: 'error500', times: 1, paths: [NETFLIX_METADATA_PATH] });
    const { items } = await readAll(reader());
    expect(metadataAsked()).toEqual(['81231974', '81231974', '80100172']);
    expect(items.find((item) => item.title === 'Wednesday')?.lastEpisode).toEqual({ season: 2, episode: 2 });
  });

  it('resumes from a cursor with a fresh reader', async () => {
    const { items } = await readAll(reader({ pageSize: 5 }), { page: 2 });
    expect(activityPages()).toEqual([
      ['aui', 'viewingActivity', 2, 5],
      ['aui', 'viewingActivity', 3, 5],
    ]);
    expect(items.map((item) => item.title)).toEqual(['The Irishman', 'Roma']);
  });

  it("reads the chosen profile's activity, sending its guid; the signed-in one otherwise", async () => {
    await readAll(reader());
    expect(netflix.requests().flatMap((r) => r.profile ?? [])).toEqual([NETFLIX_DEMO.profiles.alex, NETFLIX_DEMO.profiles.alex]);
    netflix.reset();
    const { items } = await readAll(reader({ profile: NETFLIX_DEMO.profiles.sam }));
    expect(netflix.requests().flatMap((r) => r.profile ?? [])).toEqual([NETFLIX_DEMO.profiles.sam, NETFLIX_DEMO.profiles.sam]);
    expect(items.map((item) => [item.title, item.lastEpisode])).toEqual([
      ['Dark', { season: 1, episode: 1 }],
      ['Knives Out', undefined],
    ]);
  });

  it('sends the session authURL read from the page, escapes and all', async () => {
    await reader().read(null);
    const form = new URLSearchParams(sent.find((request) => request.url.includes('pathEvaluator'))?.body ?? '');
    expect(form.get('authURL')).toBe(NETFLIX_DEMO.authURL);
    expect(JSON.parse(form.get('param') ?? '')).toEqual({ guid: NETFLIX_DEMO.profiles.alex });
  });

  it('is declared as a site, read with the chosen profile', async () => {
    expect(netflixActivity).toMatchObject({ id: 'netflix-activity', kind: 'site', ratingScale: 10, fields: [] });
    expect(netflixActivity.signIn?.(netflix.origin)).toBe(`${netflix.origin}/login`);
    expect(netflixActivity.keySchema.safeParse({}).success).toBe(true);
    const declared = netflixActivity.reader?.(
      { source: 'netflix-activity', apiUrl: netflix.origin },
      { ratedOnly: false, version: '0.1.0', profile: NETFLIX_DEMO.profiles.kids, fetch: signedIn, sleep },
    );
    const page = await declared?.read(null);
    expect(page?.items).toEqual([expect.objectContaining({ title: 'The Sea Beast', mediaType: 'MOVIE' })]);
    expect(netflix.requests().flatMap((r) => r.profile ?? [])).toEqual([NETFLIX_DEMO.profiles.kids]);
  });
});

describe('Netflix viewing activity: signed out', () => {
  const secretFree = (error: HttpError) => {
    const said = `${error.message} ${JSON.stringify(error.details)}`;
    expect(said).not.toContain(NETFLIX_DEMO.cookie);
    expect(said).not.toContain(NETFLIX_DEMO.authURL);
    expect(said).not.toContain('auth+url');
  };

  it('without the cookie, the redirect to the sign-in page is a clear failure, never an empty list', async () => {
    const error = await failureOf(reader({ fetch: noCookie }).read(null));
    expect(error.kind).toBe('signed-out');
    expect(error.transient).toBe(false);
    expect(error.message).toBe('Netflix says nobody is signed in.');
    expect(netflix.requests().map((r) => [r.path, r.status])).toEqual([['/viewingactivity', 302]]);
    secretFree(error);
  });

  it('signed out between pages: the next page fails the same way', async () => {
    const source = reader({ pageSize: 5 });
    await source.read(null);
    netflix.signOut();
    const error = await failureOf(source.read({ page: 1 }));
    expect(error.kind).toBe('signed-out');
    secretFree(error);
  });

  it('a page whose session is anonymous is signed out; a page without one is unreadable', () => {
    const page = (data: unknown) =>
      `<script>netflix.reactContext = ${scriptLiteral({ models: { userInfo: { data } } })};</script>`;
    expect(() => sessionOf(page({ membershipStatus: 'ANONYMOUS', authURL: 'x' }))).toThrow(
      expect.objectContaining({ kind: 'signed-out' }),
    );
    expect(() => sessionOf(page({ userGuid: 'G', membershipStatus: 'ANONYMOUS', authURL: 'x' }))).toThrow(
      expect.objectContaining({ kind: 'signed-out' }),
    );
    expect(() => sessionOf('<html><body>Hello</body></html>')).toThrow(expect.objectContaining({ kind: 'unreadable' }));
    expect(sessionOf(page({ userGuid: 'G', name: 'Al "Ace"', authURL: 'a/b+c=', membershipStatus: 'CURRENT_MEMBER' }))).toEqual({
      guid: 'G',
      name: 'Al "Ace"',
      kids: false,
      authUrl: 'a/b+c=',
    });
  });

  it('reads the script literal: \\xHH escapes, an escaped backslash kept', () => {
    const literal = String.raw`<script>netflix.reactContext = {"a":"say \x22hi\x22 \x2F \\x22"};</script>`;
    expect(readReactContext(literal)).toEqual({ a: 'say "hi" / \\x22' });
  });
});

describe('Netflix profiles', () => {
  it('lists every profile, the signed-in one first, kids flagged', async () => {
    const profiles = await netflixProfiles(netflix.origin, { fetch: signedIn, sleep });
    expect(profiles).toEqual([
      { id: NETFLIX_DEMO.profiles.alex, name: 'Alex', kids: false, current: true },
      { id: NETFLIX_DEMO.profiles.sam, name: 'Sam', kids: false, current: false },
      { id: NETFLIX_DEMO.profiles.kids, name: 'Kids', kids: true, current: false },
    ]);
    expect(waits).toHaveLength(1);
  });

  it('keeps to one request a second with the read that follows it (the pace is the site’s, not each reader’s)', async () => {
    await netflixProfiles(netflix.origin, { fetch: signedIn, sleep });
    await netflixActivityReader({ baseUrl: netflix.origin }, { fetch: signedIn, sleep }).read(null);
    // The read's first request waited for the listing's last: every request after the first waited.
    expect(waits.length).toBe(netflix.requests().length - 1);
    expectPaced();
  });

  it('falls back to the signed-in profile alone when the list is not given', async () => {
    netflix.setFault({ kind: 'error500', paths: [NETFLIX_PATH_EVALUATOR] });
    const profiles = await netflixProfiles(netflix.origin, { fetch: signedIn, sleep });
    expect(profiles).toEqual([{ id: NETFLIX_DEMO.profiles.alex, name: 'Alex', kids: false, current: true }]);
  });

  it('signed out is a failure, not an empty list', async () => {
    netflix.signOut();
    const error = await failureOf(netflixProfiles(netflix.origin, { fetch: signedIn, sleep }));
    expect(error.kind).toBe('signed-out');
  });
});

describe('episode numbers from the metadata', () => {
  const video = (hidden?: boolean) => ({
    video: {
      ...(hidden === undefined ? {} : { hiddenEpisodeNumbers: hidden }),
      seasons: [
        { seq: 1, episodes: [{ id: 11, seq: 1 }, { episodeId: 12, seq: 2 }, { id: 13 }] },
        { episodes: [{ id: 21, seq: 1 }] },
      ],
    },
  });

  it('by episode id (`id` or `episodeId`); an episode or a season without its number gives none', () => {
    expect([...episodeNumbers(video(false))]).toEqual([
      [11, { season: 1, episode: 1 }],
      [12, { season: 1, episode: 2 }],
    ]);
  });

  it('none where the site hides the numbering', () => {
    expect(episodeNumbers(video(true)).size).toBe(0);
  });
});

describe('the Netflix stand-in', () => {
  it('serves a sign-in page, and signs in with a cookie', async () => {
    const login = await fetch(`${netflix.origin}/login`);
    expect(await login.text()).toContain('Sign In');
    const signIn = await fetch(`${netflix.origin}/login`, { method: 'POST', redirect: 'manual' });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get('set-cookie')).toContain(NETFLIX_COOKIE_HEADER);
  });
});
