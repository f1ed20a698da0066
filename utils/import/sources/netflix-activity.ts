import { z } from 'zod/mini';
import { HttpError, type RequestBase, requestJson, requestText } from '../../http';
import { netflixUrl } from '../addresses';
import {
  type Cursor,
  type ImportSource,
  pause,
  type RawItem,
  type ReaderOptions,
  SOURCE_MAX_BYTES,
  SOURCE_TIMEOUT_MS,
  type SourceProfile,
  type SourceReader,
  whole,
  withRetries,
} from './source';

/**
 * Netflix's viewing activity, read from www.netflix.com with the browser's own sign-in (its
 * cookies; no key): the session from the activity page (`netflix.reactContext`), then every page of
 * the profile's activity (`aui` → `viewingActivity`, 100 a page from page 0, until an empty page),
 * and for each show met, once, the site's metadata, which numbers its episodes. At most one request
 * a second, whatever it is for; a 429 is waited out and a server error asked again.
 *
 * The cursor is `{ page }` alone: the metadata already read is kept in the reader, so a reader made
 * afresh (a stopped worker resuming) asks again, once, for a show it meets.
 */
export const NETFLIX_PAGE = 100;
/** The least time between two requests' starts. */
export const NETFLIX_PACE_MS = 1000;

const SERVICE = 'Netflix';
const ACTIVITY_PAGE = '/viewingactivity';
const PATH_EVALUATOR = '/api/aui/pathEvaluator/web/%5E2.0.0';
const METADATA = '/nq/website/memberapi/release/metadata';

export interface NetflixSession {
  /** The profile signed in now. */
  guid: string;
  name?: string;
  kids: boolean;
  /** Sent with every call (a form field): a secret, never in an error. */
  authUrl: string;
}

export interface NetflixConfig {
  baseUrl: string;
  /** The profile to read (its guid); the signed-in one when absent. */
  profile?: string;
  /** Viewings a page; Netflix's own page is 100. */
  pageSize?: number;
}

type Options = Pick<ReaderOptions, 'fetch' | 'signal' | 'sleep'>;

export const signedOut = () => new HttpError('signed-out', 'Netflix says nobody is signed in.');

// ---------------------------------------------------------------- the session

const CONTEXT = /netflix\.reactContext\s*=\s*(\{[\s\S]*?\});\s*<\/script>/;

/**
 * The page's `netflix.reactContext`: a script's object literal, JSON but for its `\xHH` escapes
 * (`\x22` for a quote). Undefined when the page has none, or it does not read.
 */
export function readReactContext(html: string): unknown {
  const literal = CONTEXT.exec(html)?.[1];
  if (literal === undefined) return undefined;
  try {
    return JSON.parse(asJson(literal));
  } catch {
    return undefined;
  }
}

/** A script's escapes as JSON has them: `\xHH` → `\u00HH`, `\'` → `'`; an escaped backslash stays. */
function asJson(literal: string): string {
  return literal.replace(/\\(?:x([0-9a-fA-F]{2})|(')|([\s\S]))/g, (all, hex?: string, quote?: string) =>
    hex ? `\\u00${hex}` : quote ? quote : all,
  );
}

const optionalText = z.catch(z.optional(z.string()), undefined);
const userInfoSchema = z.object({
  models: z.object({
    userInfo: z.object({
      data: z.object({
        userGuid: optionalText,
        name: optionalText,
        authURL: optionalText,
        membershipStatus: optionalText,
        isKids: z.catch(z.optional(z.boolean()), undefined),
      }),
    }),
  }),
});

/** Who is signed in, from the activity page; signed out when nobody is, and unreadable when the page has no session. */
export function sessionOf(html: string): NetflixSession {
  const parsed = userInfoSchema.safeParse(readReactContext(html));
  if (!parsed.success) {
    throw new HttpError('unreadable', 'Netflix sent a page without the session we read.', { why: 'shape' });
  }
  const { userGuid, name, authURL, membershipStatus, isKids } = parsed.data.models.userInfo.data;
  if (!userGuid?.trim() || membershipStatus === 'ANONYMOUS') throw signedOut();
  if (!authURL?.trim()) throw new HttpError('unreadable', 'Netflix sent a session we cannot use.', { why: 'shape' });
  return { guid: userGuid.trim(), ...(name?.trim() ? { name: name.trim() } : {}), kids: isKids === true, authUrl: authURL };
}

// ---------------------------------------------------------------- asking

/** What every request of one reader (or one profiles list) shares: the address, the pace, the secrets. */
/**
 * When each site was last asked anything, shared by every reader and profile listing of this
 * worker: the listing the page asks for, the read that follows and the files' settling keep to one
 * request a second between them.
 */
export const lastAsked = new Map<string, number>();

class NetflixClient {
  private readonly sleep: (ms: number) => Promise<void>;
  readonly secrets: string[] = [];
  readonly base: string;

  constructor(
    baseUrl: string,
    private readonly options: Options,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.sleep = options.sleep ?? ((ms) => pause(ms, options.signal));
  }

  /** One request, paced, with its retries; a redirect or a refusal of the sign-in is nobody signed in. */
  private async ask<T>(send: (common: RequestBase) => Promise<T>): Promise<T> {
    const { fetch, signal } = this.options;
    const common = {
      service: SERVICE,
      credentials: 'include' as const,
      secrets: this.secrets,
      maxBytes: SOURCE_MAX_BYTES,
      timeoutMs: SOURCE_TIMEOUT_MS,
      ...(signal ? { signal } : {}),
      ...(fetch ? { fetch } : {}),
    };
    try {
      return await withRetries(
        async () => {
          await this.pace();
          return send(common);
        },
        { sleep: this.sleep, ...(signal ? { signal } : {}) },
      );
    } catch (error) {
      if (error instanceof HttpError && (error.kind === 'unauthorized' || error.details.why === 'redirect')) throw signedOut();
      throw error;
    }
  }

  /** Waits until a second has passed since the last request started. */
  private async pace(): Promise<void> {
    // The slot is taken before waiting for it: two readers asking at once get a second apart.
    const now = Date.now();
    const at = Math.max(now, (lastAsked.get(this.base) ?? Number.NEGATIVE_INFINITY) + NETFLIX_PACE_MS);
    lastAsked.set(this.base, at);
    if (at > now) await this.sleep(at - now);
    if (this.options.signal?.aborted) throw this.options.signal.reason;
  }

  async session(): Promise<NetflixSession> {
    const html = await this.ask((common) => requestText(new URL(`${this.base}${ACTIVITY_PAGE}`), common));
    const session = sessionOf(html);
    // As sent, form-encoded, as well as raw: an error that echoes the request names neither.
    this.secrets.push(
      session.authUrl,
      encodeURIComponent(session.authUrl),
      new URLSearchParams({ a: session.authUrl }).toString().slice(2),
    );
    return session;
  }

  /** A pathEvaluator call: `query` says what, `form` carries the arguments and the session's authURL. */
  evaluate<S extends z.ZodMiniType>(
    session: NetflixSession,
    query: Record<string, string>,
    form: Record<string, string>,
    schema: S,
  ) {
    const url = new URL(`${this.base}${PATH_EVALUATOR}`);
    for (const [name, value] of Object.entries({ ...query, falcor_server: '0.1.0' })) url.searchParams.set(name, value);
    return this.ask((common) =>
      requestJson(url, { ...common, schema, method: 'POST', form: { ...form, authURL: session.authUrl } }),
    );
  }

  metadata(showId: number) {
    const url = new URL(`${this.base}${METADATA}`);
    url.searchParams.set('movieid', String(showId));
    return this.ask((common) => requestJson(url, { ...common, schema: metadataSchema }));
  }
}

// ---------------------------------------------------------------- profiles

const profilesSchema = z.object({
  jsonGraph: z.object({
    profilesList: z.record(z.string(), z.unknown()),
    profiles: z.catch(z.record(z.string(), z.unknown()), {}),
  }),
});
const refSchema = z.object({ value: z.tuple([z.literal('profiles'), z.string()]) });
const summarySchema = z.object({
  guid: optionalText,
  profileName: optionalText,
  isKids: z.catch(z.optional(z.boolean()), undefined),
});
const atomSchema = z.object({ summary: z.unknown() });

/** The account's profiles as `profilesList` → `profiles[guid].summary` gives them (a Falcor graph, with refs). */
function profilesOf(graph: z.infer<typeof profilesSchema>['jsonGraph']): Array<Omit<SourceProfile, 'current'>> {
  return Object.entries(graph.profilesList)
    .filter(([index]) => /^\d+$/.test(index))
    .sort(([a], [b]) => Number(a) - Number(b))
    .flatMap(([, ref]) => {
      const guid = refSchema.safeParse(ref).data?.value[1];
      const node = guid === undefined ? undefined : atomSchema.safeParse(graph.profiles[guid]).data?.summary;
      // The summary is an atom (`{$type, value}`), or the value itself once materialised.
      const unwrapped = typeof node === 'object' && node !== null && '$type' in node ? (node as { value?: unknown }).value : node;
      const summary = summarySchema.safeParse(unwrapped).data;
      const id = summary?.guid ?? guid;
      if (!id) return [];
      return [{ id, name: summary?.profileName?.trim() ?? '', kids: summary?.isKids === true }];
    });
}

/**
 * The profiles that can be read, the signed-in one first. The list comes from `profilesList`; when
 * that is not answered as expected, the signed-in profile alone (nobody signed in still fails).
 */
export async function netflixProfiles(apiUrl: string, options: Options = {}): Promise<SourceProfile[]> {
  const client = new NetflixClient(apiUrl, options);
  const session = await client.session();
  let listed: Array<Omit<SourceProfile, 'current'>> = [];
  try {
    const answer = await client.evaluate(
      session,
      { method: 'get' },
      { path: JSON.stringify(['profilesList', { from: 0, to: 9 }, 'summary']) },
      profilesSchema,
    );
    listed = profilesOf(answer.jsonGraph);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof HttpError && error.kind === 'signed-out') throw error;
  }
  const own = listed.find((profile) => profile.id === session.guid);
  const current: SourceProfile = {
    id: session.guid,
    name: own?.name || session.name || '',
    kids: own?.kids ?? session.kids,
    current: true,
  };
  return [current, ...listed.filter((profile) => profile.id !== session.guid).map((profile) => ({ ...profile, current: false }))];
}

// ---------------------------------------------------------------- activity

const activitySchema = z.object({
  jsonGraph: z.object({
    aui: z.object({
      viewingActivity: z.object({
        value: z.object({
          viewedItems: z.array(z.unknown()),
          vhSize: z.catch(z.optional(z.number()), undefined),
        }),
      }),
    }),
  }),
});
const number = z.catch(z.optional(z.number()), undefined);
const viewedSchema = z.object({
  movieID: z.optional(z.unknown()),
  series: z.optional(z.unknown()),
  seriesTitle: optionalText,
  episodeTitle: optionalText,
  title: optionalText,
  videoTitle: optionalText,
  date: number,
  bookmark: number,
  duration: number,
});
type Viewed = z.infer<typeof viewedSchema>;

const metadataSchema = z.object({
  video: z.object({
    hiddenEpisodeNumbers: z.catch(z.optional(z.boolean()), undefined),
    seasons: z.catch(z.array(z.unknown()), []),
  }),
});
const seasonSchema = z.object({ seq: z.optional(z.unknown()), episodes: z.catch(z.array(z.unknown()), []) });
const episodeSchema = z.object({ id: z.optional(z.unknown()), episodeId: z.optional(z.unknown()), seq: z.optional(z.unknown()) });

type Numbers = Map<number, { season: number; episode: number }>;

/**
 * Each episode's season and number, by its id, from a show's metadata. None when the site hides the
 * numbering (collections, whose order is the site's own: the live connector reads them the same way)
 * or an episode lacks its season's or its own number.
 */
export function episodeNumbers(metadata: z.infer<typeof metadataSchema>): Numbers {
  const numbers: Numbers = new Map();
  if (metadata.video.hiddenEpisodeNumbers === true) return numbers;
  for (const rawSeason of metadata.video.seasons) {
    const season = seasonSchema.safeParse(rawSeason).data;
    const seasonNumber = whole(season?.seq);
    if (!season || seasonNumber === undefined) continue;
    for (const rawEpisode of season.episodes) {
      const episode = episodeSchema.safeParse(rawEpisode).data;
      const id = whole(episode?.id) ?? whole(episode?.episodeId);
      const number = whole(episode?.seq);
      if (id !== undefined && number !== undefined) numbers.set(id, { season: seasonNumber, episode: number });
    }
  }
  return numbers;
}

/** One viewing as an item: a film, or an episode of its show (numbered when the metadata numbers it). */
export function itemOfViewing(viewed: Viewed, numbers: ReadonlyMap<number, Numbers | null>): RawItem | undefined {
  const show = whole(viewed.series);
  const title = (show !== undefined ? viewed.seriesTitle : (viewed.title ?? viewed.videoTitle))?.trim();
  if (!title) return undefined;
  const id = whole(viewed.movieID);
  const lastEpisode = show !== undefined && id !== undefined ? numbers.get(show)?.get(id) : undefined;
  const { date, bookmark, duration } = viewed;
  const watchedAt = date !== undefined && Number.isFinite(date) && date > 0 ? new Date(date).toISOString() : undefined;
  const progress =
    bookmark !== undefined && duration !== undefined && bookmark > 0 && duration > 0
      ? Math.round(Math.min(1, bookmark / duration) * 1000) / 1000
      : undefined;
  return {
    source: 'netflix-activity',
    list: 'library',
    mediaType: show !== undefined ? 'TV' : 'MOVIE',
    title,
    ids: {},
    watched: true,
    ...(lastEpisode ? { lastEpisode: { ...lastEpisode } } : {}),
    ...(show !== undefined && viewed.episodeTitle?.trim() ? { episodeTitle: viewed.episodeTitle.trim() } : {}),
    ...(watchedAt ? { watchedAt } : {}),
    ...(progress !== undefined ? { progress } : {}),
    ...(duration !== undefined && duration > 0 && Number.isFinite(duration) ? { runtimeSeconds: Math.round(duration) } : {}),
  };
}

export function netflixActivityReader(config: NetflixConfig, options: Options = {}): SourceReader {
  const client = new NetflixClient(config.baseUrl, options);
  const size = config.pageSize ?? NETFLIX_PAGE;
  let session: NetflixSession | undefined;
  /** Each show's episode numbers, once asked (null: the metadata gave none). */
  const shows = new Map<number, Numbers | null>();
  let previousFirst: string | undefined;

  return {
    async read(cursor: Cursor | null) {
      const page = typeof cursor?.page === 'number' && Number.isSafeInteger(cursor.page) && cursor.page >= 0 ? cursor.page : 0;
      session ??= await client.session();
      // Whether the activity call honours another profile's guid, or the site first needs a switch
      // of profile (`/api/shakti/mre/profiles/switch?switchProfileGuid=`), is unconfirmed: the
      // chosen guid is sent as the call's argument.
      const guid = config.profile || session.guid;
      const answer = await client.evaluate(
        session,
        { method: 'call', callPath: JSON.stringify(['aui', 'viewingActivity', page, size]) },
        { param: JSON.stringify({ guid }) },
        activitySchema,
      );
      const { viewedItems, vhSize } = answer.jsonGraph.aui.viewingActivity.value;
      const viewings = viewedItems.flatMap((row) => viewedSchema.safeParse(row).data ?? []);
      // A site that ignored the page number would give the same page for ever.
      const first = viewings[0] && JSON.stringify([viewings[0].movieID, viewings[0].date]);
      if (first !== undefined && first === previousFirst) {
        throw new HttpError('unreadable', `Netflix answered page ${page} with the page before it.`, { why: 'repeated' });
      }
      previousFirst = first;

      for (const viewed of viewings) {
        const show = whole(viewed.series);
        if (show === undefined || shows.has(show)) continue;
        shows.set(show, await numbersOf(client, show, options.signal));
      }
      const items = viewings.flatMap((viewed) => itemOfViewing(viewed, shows) ?? []);
      const pages =
        typeof vhSize === 'number' && Number.isSafeInteger(vhSize) && vhSize >= 0 ? Math.ceil(vhSize / size) + 1 : undefined;
      return {
        items,
        // An empty page ends the list.
        next: viewedItems.length === 0 ? null : { page: page + 1 },
        ...(pages !== undefined ? { pages: Math.max(pages, page + 1) } : {}),
      };
    },
  };
}

/** A show's episode numbers; none when the site will not give its metadata (a failure that lasts stops the read). */
async function numbersOf(client: NetflixClient, show: number, signal?: AbortSignal): Promise<Numbers | null> {
  try {
    return episodeNumbers(await client.metadata(show));
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // Refused or unreadable (not found, not JSON, another shape, too large): this show goes unnumbered.
    if (error instanceof HttpError && (error.kind === 'rejected' || error.kind === 'unreadable')) return null;
    throw error;
  }
}

export const netflixActivity: ImportSource = {
  id: 'netflix-activity',
  kind: 'site',
  label: 'importSourceNetflixActivity',
  hint: 'importHintNetflixActivity',
  siteName: 'Netflix',
  ratingScale: 10,
  fields: [],
  keySchema: z.object({}),
  address: { kind: 'fixed', url: netflixUrl },
  signIn: (apiUrl) => `${apiUrl.replace(/\/+$/, '')}/login`,
  profiles: (apiUrl, options) => netflixProfiles(apiUrl, options),
  reader: (key, options) =>
    netflixActivityReader({ baseUrl: key.apiUrl, ...(options.profile ? { profile: options.profile } : {}) }, options),
};
