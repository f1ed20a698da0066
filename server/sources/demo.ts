/**
 * Demo data and demo credentials for the import-source stand-ins. The demo libraries are built to
 * exercise the import: titles the ReelRifter stand-in's catalogue (server/catalogue.ts) has, with
 * its TMDB ids; titles it does not have; the same film in several sources; titles that only meet
 * after folding accents, articles or punctuation; a year one off; a show with nothing watched; anime
 * numbered by episode only; and watchlist items. `DEMO_CASES` names which item is which, for tests.
 *
 * The data itself is JSON in server/sources/demo-data/ (one file a source, and cases.json), read
 * once and checked against the schemas below; docs/import-sources.md says what each item is for.
 * The generator of large libraries for benchmarks is server/sources/synthetic.ts, re-exported here.
 *
 * Ids: TMDB ids are the catalogue's (real) ones; made-up titles use ids from 8,800,001 up, which no
 * catalogue entry uses. Simkl ids are invented except the three items copied from seed 001; IMDb
 * ids are given only for well-known films and shows. Overviews and vote figures are illustrative.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { RewindRating } from './rewind';
import type { SimklLibrary } from './simkl';
import type { TmdbAccount, TmdbLists } from './tmdb';

export { type SyntheticSources, syntheticSources } from './synthetic';

// ─── Demo credentials (demo values: printing them is intended) ────────────────────────────────────

export const SIMKL_DEMO = {
  clientId: 'demo-simkl-client-id-0000000000000000000000000000',
  token: 'demo-simkl-token-0000000000000000000000000000000000',
} as const;

export const TMDB_DEMO = {
  accessToken: 'demo-tmdb-access-token-00000000000000000000000000',
  accountId: 12345,
} as const;

export const REWIND_DEMO = {
  liveKey: 'rw_live_demo0000000000000000000000',
  adminKey: 'rw_admin_demo000000000000000000000',
} as const;

/** The ports server/sources/main.ts suggests. */
export const DEMO_PORTS = { simkl: 8788, tmdb: 8789, rewind: 8790 } as const;

// ─── The shapes the JSON must have (keys in the order the stand-ins answer them) ─────────────────

const date = z.iso.date();
const instant = z.iso.datetime();
const titles = z.array(z.string().min(1));
const source = z.enum(['simkl', 'tmdb', 'rewind']);

const simklStatus = z.enum(['completed', 'watching', 'plantowatch', 'dropped', 'hold']);
const simklIds = z
  .object({
    simkl: z.number().int(),
    imdb: z.string().optional(),
    tmdb: z.string().optional(),
    tvdb: z.string().optional(),
    mal: z.string().optional(),
    anidb: z.string().optional(),
  })
  .strict();
const simklTitle = z.object({ title: z.string().min(1), year: z.number().int().nullable(), ids: simklIds }).strict();
const simklRated = {
  last_watched_at: instant.nullable(),
  user_rated_at: instant.nullable(),
  user_rating: z.number().int().min(1).max(10).nullable(),
  status: simklStatus,
};
const simklShow = z
  .object({
    ...simklRated,
    last_watched: z.string().nullable(),
    next_to_watch: z.string().nullable(),
    show: simklTitle,
  })
  .strict();
const simklSchema = z
  .object({
    movies: z.array(z.object({ ...simklRated, movie: simklTitle }).strict()),
    shows: z.array(simklShow),
    anime: z.array(simklShow),
  })
  .strict();

const tmdbCommon = {
  overview: z.string(),
  poster_path: z.string().nullable(),
  backdrop_path: z.string().nullable(),
};
const tmdbFigures = { vote_average: z.number(), vote_count: z.number().int(), rating: z.number().optional() };
const tmdbMovie = z
  .object({ id: z.number().int(), title: z.string(), ...tmdbCommon, release_date: date, ...tmdbFigures })
  .strict();
const tmdbTv = z.object({ id: z.number().int(), name: z.string(), ...tmdbCommon, first_air_date: date, ...tmdbFigures }).strict();
const tmdbList = z.object({ movies: z.array(tmdbMovie), tv: z.array(tmdbTv) }).strict();
const tmdbSchema = z
  .object({
    account: z
      .object({
        id: z.literal(TMDB_DEMO.accountId),
        name: z.string(),
        username: z.string(),
        include_adult: z.boolean(),
        iso_639_1: z.string(),
        iso_3166_1: z.string(),
        avatar: z.object({ gravatar: z.object({ hash: z.string() }).strict() }).strict(),
      })
      .strict(),
    lists: z.object({ rated: tmdbList, favorites: tmdbList, watchlist: tmdbList }).strict(),
  })
  .strict();

const rewindSchema = z.array(
  z
    .object({
      movie: z
        .object({
          id: z.number().int(),
          title: z.string().min(1),
          year: z.number().int().nullable(),
          tmdb_id: z.number().int().nullable(),
          tmdb_rating: z.number().nullable(),
          image: z.null(),
        })
        .strict(),
      user_rating: z.number().min(0.5).max(5).nullable(),
      review_url: z.string().nullable(),
      watched_at: instant,
      source: z.string().nullable(),
    })
    .strict(),
);

const casesSchema = z
  .object({
    /** Titles no catalogue entry matches (by id, or by title and year within one). */
    unmatched: titles,
    /** The same film in more than one source. */
    overlaps: z.object({ simklAndRewind: titles, tmdbAndRewind: titles, allThree: titles }).strict(),
    /** A source's title and the catalogue's, equal only after folding accents, articles or punctuation. */
    normalised: z.array(z.object({ source, title: z.string(), catalogue: z.string() }).strict()),
    /** A year one off the catalogue's. */
    yearOff: z.array(z.object({ source, title: z.string(), year: z.number().int(), catalogueYear: z.number().int() }).strict()),
    /** Shows with `last_watched: null`. */
    nothingWatched: titles,
    /** Simkl's plan-to-watch items. */
    planToWatch: titles,
    /** Anime numbered by episode only ("E148"). */
    anime: titles,
  })
  .strict();

/** Reads server/sources/demo-data/<name>.json; a file that does not fit its schema stops the import with the reason. */
function load<T>(name: string, schema: z.ZodType<T>): T {
  const file = `server/sources/demo-data/${name}.json`;
  const parsed = schema.safeParse(JSON.parse(readFileSync(resolve(import.meta.dirname, 'demo-data', `${name}.json`), 'utf8')));
  if (!parsed.success) throw new Error(`${file} does not fit its schema:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// ─── The demo data ────────────────────────────────────────────────────────────────────────────────

/** 21 items: 10 films, 8 shows, 3 anime, in library order; seed 001's three examples word for word. */
export const SIMKL_LIBRARY: SimklLibrary = load('simkl', simklSchema);

const tmdb = load('tmdb', tmdbSchema);
/** Seed 002's example account, word for word. */
export const TMDB_ACCOUNT: TmdbAccount = tmdb.account;
/** Each list oldest first (the order they were added in); seed 002's Fight Club word for word. */
export const TMDB_LISTS: TmdbLists = tmdb.lists;

/** Rated films in the order Rewind answers by default (rating, highest first; ties most recently watched first). */
export const REWIND_RATINGS: RewindRating[] = load('rewind', rewindSchema);

/** Names the cases the demo data is built to exercise. */
export const DEMO_CASES: Readonly<z.infer<typeof casesSchema>> = load('cases', casesSchema);
