/**
 * A stand-in for the parts of www.netflix.com the import of the viewing activity reads, over real
 * HTTP, with a cookie for the sign-in (as the browser's own):
 *   GET  /viewingactivity  the activity page, whose `netflix.reactContext` (a script literal with
 *                          `\xHH` escapes) holds the session; signed out: 302 to /login
 *   GET  /login            a small sign-in page; POST /login signs in (sets the cookie)
 *   POST /api/aui/pathEvaluator/web/%5E2.0.0
 *                          `method=call&callPath=["aui","viewingActivity",page,size]` with the form
 *                          `param={"guid":…}&authURL=…`: a page of a profile's activity (empty past
 *                          the end); `method=get` with `path=["profilesList",…,"summary"]`: the
 *                          profiles, as a Falcor graph with refs
 *   GET  /nq/website/memberapi/release/metadata?movieid=  a show's (or film's) metadata
 * Controls (besides the harness's fault, requests and reset): POST /__control/sign-out,
 * /__control/sign-in, and /__control/rate-limit `{ times?, retryAfterSeconds? }` (the next N
 * requests answered 429 with Retry-After; default 1 and 1 s). Every API request is logged with the
 * time it came in (`atMs`), the profile asked for and the show whose metadata was asked.
 * Real base: https://www.netflix.com; here http://127.0.0.1:<port>. The shapes are the real
 * answers' as far as they are publicly known; the demo data is server/sources/demo-data/netflix.json.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { type Answer, badRequest } from '../answers';
import { CONTROL_PREFIX } from '../state';
import { type ListenOptions, type SourceRequest, type SourceStandIn, startSourceStandIn } from './harness';

// ─── The shapes (as the real answers have them; extra fields kept) ───────────────────────────────

const viewedItemSchema = z.looseObject({
  title: z.string(),
  movieID: z.number().int(),
  date: z.number(),
  bookmark: z.number().optional(),
  duration: z.number().optional(),
  series: z.number().int().optional(),
  seriesTitle: z.string().optional(),
  episodeTitle: z.string().optional(),
  seasonDescriptor: z.string().optional(),
  videoTitle: z.string().optional(),
});
export type NetflixViewedItem = z.infer<typeof viewedItemSchema>;

const profileSchema = z.looseObject({
  guid: z.string().min(1),
  profileName: z.string(),
  isKids: z.boolean(),
  isActive: z.boolean().optional(),
  isAccountOwner: z.boolean().optional(),
});
export type NetflixProfile = z.infer<typeof profileSchema>;

const episodeSchema = z.looseObject({ id: z.number().int(), seq: z.number().int(), title: z.string() });
const videoSchema = z.looseObject({
  type: z.enum(['show', 'movie']),
  id: z.number().int(),
  title: z.string(),
  hiddenEpisodeNumbers: z.boolean().optional(),
  seasons: z.array(z.looseObject({ seq: z.number().int(), episodes: z.array(episodeSchema) })).optional(),
});
export type NetflixVideo = z.infer<typeof videoSchema>;

const accountSchema = z.looseObject({
  userGuid: z.string().min(1),
  name: z.string(),
  isKids: z.boolean(),
  membershipStatus: z.string(),
  authURL: z.string().min(1),
});

const demoSchema = z.object({
  account: accountSchema,
  profiles: z.array(profileSchema),
  activity: z.record(z.string(), z.array(viewedItemSchema)),
  metadata: z.array(videoSchema),
});

function loadDemo() {
  const text = readFileSync(resolve(import.meta.dirname, 'demo-data', 'netflix.json'), 'utf8');
  const parsed = demoSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`server/sources/demo-data/netflix.json does not fit its schema:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const DEMO = loadDemo();

// ─── Demo values (printing them is intended) ──────────────────────────────────────────────────────

const ALEX = DEMO.profiles[0]?.guid ?? '';
export const NETFLIX_DEMO = {
  /** The sign-in cookie's name and value: `Cookie: NetflixId=<cookie>`. */
  cookieName: 'NetflixId',
  cookie: 'demo-netflix-id-00000000000000000000000000',
  /** The session's authURL, which every pathEvaluator call must carry. */
  authURL: DEMO.account.authURL,
  /** The signed-in profile (Alex), another (Sam) and a kids' one. */
  profiles: {
    alex: ALEX,
    sam: DEMO.profiles[1]?.guid ?? '',
    kids: DEMO.profiles[2]?.guid ?? '',
  },
} as const;

/** The `Cookie` header of a signed-in browser. */
export const NETFLIX_COOKIE_HEADER = `${NETFLIX_DEMO.cookieName}=${NETFLIX_DEMO.cookie}`;

/** The demo: each profile's activity (newest first), the profiles, the metadata. */
export const NETFLIX_ACTIVITY: Readonly<Record<string, readonly NetflixViewedItem[]>> = DEMO.activity;
export const NETFLIX_PROFILES: readonly NetflixProfile[] = DEMO.profiles;
export const NETFLIX_METADATA: readonly NetflixVideo[] = DEMO.metadata;

export const NETFLIX_PATH_EVALUATOR = '/api/aui/pathEvaluator/web/%5E2.0.0';
export const NETFLIX_METADATA_PATH = '/nq/website/memberapi/release/metadata';
/** The most viewings a page the stand-in gives. */
export const NETFLIX_MAX_PAGE = 100;

// ─── The stand-in ─────────────────────────────────────────────────────────────────────────────────

export interface NetflixStandInOptions extends ListenOptions {
  /** Each profile's viewings (by guid), newest first; default NETFLIX_ACTIVITY. */
  viewings?: Readonly<Record<string, readonly NetflixViewedItem[]>>;
  /** Default NETFLIX_PROFILES; the first is the one signed in. */
  profiles?: readonly NetflixProfile[];
  /** Default NETFLIX_METADATA. */
  metadata?: readonly NetflixVideo[];
}

/** What the log adds to each request. */
export interface NetflixRequestExtra {
  /** When it came in, in milliseconds since the epoch. */
  atMs: number;
  /** It carried the sign-in cookie. */
  cookie: boolean;
  /** The pathEvaluator call's `callPath` or `path`, as sent. */
  call?: string;
  /** The profile the activity was asked for. */
  profile?: string;
  /** The id whose metadata was asked for. */
  movieid?: string;
}

export interface NetflixStandIn extends SourceStandIn<NetflixRequestExtra> {
  signOut(): void;
  signIn(): void;
  /** The next `times` requests answer 429 with `Retry-After: <retryAfterSeconds>`. */
  rateLimit(times?: number, retryAfterSeconds?: number): void;
  profiles: readonly NetflixProfile[];
}

const json = (status: number, body: unknown): Answer => ({ status, body });
const html = (status: number, raw: string, headers: Record<string, string> = {}): Answer => ({
  status,
  raw,
  headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
});

/** The cookies a request carries. */
export function cookiesOf(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (Array.isArray(header) ? header.join(';') : (header ?? '')).split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

/**
 * A value as the page's script writes it: JSON whose strings escape a quote as `\x22` and `/`, `+`,
 * `=`, `<`, `>`, `&` and `'` as `\xHH`, as Netflix's pages do.
 */
export function scriptLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/"((?:[^"\\]|\\.)*)"/g, (_, inner: string) => {
    const escaped = inner
      .replace(/\\"/g, '\\x22')
      .replace(/[/+=<>&']/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `"${escaped}"`;
  });
}

function activityPage(account: z.infer<typeof accountSchema>, current: NetflixProfile): string {
  const context = {
    models: {
      userInfo: {
        data: { ...account, userGuid: current.guid, name: current.profileName, isKids: current.isKids },
      },
      serverDefs: { data: { BUILD_IDENTIFIER: 'vdemo0000', host: 'www.netflix.com' } },
      services: { data: { memberapi: { hostname: 'www.netflix.com', path: ['nq', 'website', 'memberapi'] } } },
      pageProperties: { data: { title: 'Viewing activity "demo"' } },
    },
  };
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Netflix</title></head><body>',
    '<div id="appMountPoint"><h1>Viewing activity</h1></div>',
    `<script>window.netflix = window.netflix || {} ;netflix.reactContext = ${scriptLiteral(context)};</script>`,
    `<script>netflix.falcorCache = ${scriptLiteral({ profiles: {} })};</script>`,
    '</body></html>',
  ].join('\n');
}

const LOGIN_PAGE = [
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Netflix</title></head><body>',
  '<h1>Sign In</h1>',
  '<p>The Netflix stand-in: one button signs in with the demo account.</p>',
  '<form method="post" action="/login"><button type="submit" data-uia="login-submit-button">Sign In</button></form>',
  '</body></html>',
].join('\n');

/** A JSON array from a query or form value, or undefined. */
function arrayOf(text: string | null): unknown[] | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const isEvaluator = (path: string) =>
  path === NETFLIX_PATH_EVALUATOR ||
  path === decodeURIComponent(NETFLIX_PATH_EVALUATOR) ||
  path === '/api/aui/pathEvaluator/web/%5e2.0.0';

export async function startNetflixStandIn(options: NetflixStandInOptions = {}): Promise<NetflixStandIn> {
  const viewings = options.viewings ?? NETFLIX_ACTIVITY;
  const profiles = options.profiles ?? NETFLIX_PROFILES;
  const metadata = options.metadata ?? NETFLIX_METADATA;
  const current = profiles[0];
  if (!current) throw new Error('Netflix stand-in: at least one profile is needed');
  const account = DEMO.account;
  let signedOut = false;

  const signedIn = (request: SourceRequest) =>
    !signedOut && cookiesOf(request.headers.cookie).get(NETFLIX_DEMO.cookieName) === NETFLIX_DEMO.cookie;

  const evaluate = (request: SourceRequest): Answer => {
    if (request.method !== 'POST') return json(405, { error: 'POST only' });
    const form = new URLSearchParams(request.body);
    if (form.get('authURL') !== account.authURL) return json(401, { error: 'unauthorized' });
    const query = request.url.searchParams;
    const method = query.get('method');
    if (method === 'call') {
      const call = arrayOf(query.get('callPath'));
      const [root, name, page, size] = call ?? [];
      if (root !== 'aui' || name !== 'viewingActivity') return json(400, { error: 'unknown callPath' });
      if (!Number.isInteger(page) || (page as number) < 0 || !Number.isInteger(size) || (size as number) < 1) {
        return json(400, { error: 'page and size must be whole numbers' });
      }
      const guid = (() => {
        try {
          const param: unknown = JSON.parse(form.get('param') ?? '');
          return typeof param === 'object' && param !== null ? (param as { guid?: unknown }).guid : undefined;
        } catch {
          return undefined;
        }
      })();
      if (typeof guid !== 'string' || !profiles.some((profile) => profile.guid === guid)) {
        return json(400, { error: 'no such profile' });
      }
      const all = viewings[guid] ?? [];
      const pageSize = Math.min(size as number, NETFLIX_MAX_PAGE);
      const start = (page as number) * pageSize;
      const value = {
        page,
        size: pageSize,
        vhSize: all.length,
        tz: 'Europe/London',
        trkid: 200257859,
        viewedItems: all.slice(start, start + pageSize),
      };
      return json(200, { jsonGraph: { aui: { viewingActivity: { $type: 'atom', value } } } });
    }
    if (method === 'get') {
      const path = arrayOf(form.get('path') ?? query.get('path'));
      if (path?.[0] !== 'profilesList') return json(400, { error: 'unknown path' });
      const profilesList: Record<string, unknown> = {};
      const byGuid: Record<string, unknown> = {};
      profiles.forEach((profile, index) => {
        profilesList[String(index)] = { $type: 'ref', value: ['profiles', profile.guid] };
        byGuid[profile.guid] = { summary: { $type: 'atom', value: { ...profile, isActive: profile.guid === current.guid } } };
      });
      profilesList.length = { $type: 'atom', value: profiles.length };
      return json(200, { jsonGraph: { profilesList, profiles: byGuid } });
    }
    return json(400, { error: 'unknown method' });
  };

  const handle = (request: SourceRequest): Answer => {
    const { path, method } = request;
    if (path === '/login') {
      if (method === 'POST') {
        signedOut = false;
        return html(302, '', {
          Location: '/viewingactivity',
          'Set-Cookie': `${NETFLIX_DEMO.cookieName}=${NETFLIX_DEMO.cookie}; Path=/; HttpOnly; SameSite=Lax`,
        });
      }
      return html(200, LOGIN_PAGE);
    }
    if (path === '/viewingactivity') {
      if (!signedIn(request)) return html(302, '', { Location: '/login' });
      return html(200, activityPage(account, current));
    }
    if (isEvaluator(path)) return signedIn(request) ? evaluate(request) : json(401, { error: 'unauthorized' });
    if (path === NETFLIX_METADATA_PATH && method === 'GET') {
      if (!signedIn(request)) return json(401, { error: 'unauthorized' });
      const id = Number(request.url.searchParams.get('movieid'));
      const video = metadata.find(
        (entry) => entry.id === id || entry.seasons?.some((season) => season.episodes.some((episode) => episode.id === id)),
      );
      if (!video) return json(404, { error: 'not found' });
      return json(200, { version: '2.1', trackIds: {}, video });
    }
    return json(404, { error: 'not found' });
  };

  const describe = (request: SourceRequest): NetflixRequestExtra => {
    const form = request.method === 'POST' ? new URLSearchParams(request.body) : undefined;
    const call = request.url.searchParams.get('callPath') ?? form?.get('path') ?? undefined;
    let profile: string | undefined;
    try {
      const guid = (JSON.parse(form?.get('param') ?? 'null') as { guid?: unknown } | null)?.guid;
      if (typeof guid === 'string') profile = guid;
    } catch {
      profile = undefined;
    }
    const movieid = request.path === NETFLIX_METADATA_PATH ? request.url.searchParams.get('movieid') : null;
    return {
      atMs: (options.now ?? Date.now)(),
      cookie: cookiesOf(request.headers.cookie).get(NETFLIX_DEMO.cookieName) === NETFLIX_DEMO.cookie,
      ...(call ? { call } : {}),
      ...(profile ? { profile } : {}),
      ...(movieid ? { movieid } : {}),
    };
  };

  const rateLimitSchema = z
    .object({
      times: z.number().int().min(1).max(1000).optional(),
      retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    })
    .strict();
  let harness: SourceStandIn<NetflixRequestExtra>;
  const rateLimit = (times = 1, retryAfterSeconds = 1) => harness.setFault({ kind: 'rateLimit', times, retryAfterSeconds });

  harness = await startSourceStandIn<NetflixRequestExtra>({
    ...options,
    name: 'Netflix stand-in',
    handle,
    describe,
    faultAnswer: (kind, fault) =>
      kind === 'rateLimit'
        ? {
            status: 429,
            body: { error: 'Too Many Requests' },
            ...(fault.retryAfterSeconds === undefined ? {} : { headers: { 'Retry-After': String(fault.retryAfterSeconds) } }),
          }
        : { status: 500, body: { error: 'Internal Server Error' } },
    onReset: () => {
      signedOut = false;
    },
    control: {
      [`${CONTROL_PREFIX}/sign-out`]: {
        method: 'POST',
        run: () => {
          signedOut = true;
          return { status: 204 };
        },
      },
      [`${CONTROL_PREFIX}/sign-in`]: {
        method: 'POST',
        run: () => {
          signedOut = false;
          return { status: 204 };
        },
      },
      [`${CONTROL_PREFIX}/rate-limit`]: {
        method: 'POST',
        run: (value) => {
          const parsed = rateLimitSchema.safeParse(value ?? {});
          if (!parsed.success) return badRequest('body must be { "times"?: number, "retryAfterSeconds"?: number }');
          rateLimit(parsed.data.times, parsed.data.retryAfterSeconds);
          return { status: 204 };
        },
      },
    },
  });

  return {
    ...harness,
    signOut: () => {
      signedOut = true;
    },
    signIn: () => {
      signedOut = false;
    },
    rateLimit,
    profiles,
  };
}
