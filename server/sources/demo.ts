/**
 * Demo data and demo credentials for the import-source stand-ins, and a deterministic generator of
 * large libraries for benchmarks. The demo libraries are built to exercise the import: titles the
 * ReelRifter stand-in's catalogue (server/catalogue.ts) has, with its TMDB ids; titles it does not
 * have; the same film in several sources; titles that only meet after folding accents, articles or
 * punctuation; a year one off; a show with nothing watched; anime numbered by episode only; and
 * watchlist items. `DEMO_CASES` names which item is which, for tests.
 *
 * Ids: TMDB ids are the catalogue's (real) ones; made-up titles use ids from 8,800,001 up, which no
 * catalogue entry uses. Simkl ids are invented except the three items copied from seed 001; IMDb
 * ids are given only for well-known films and shows. Overviews and vote figures are illustrative.
 */
import { CATALOGUE } from '../catalogue';
import type { RewindRating } from './rewind';
import type { SimklIds, SimklLibrary, SimklMovieItem, SimklShowItem, SimklStatus } from './simkl';
import type { TmdbAccount, TmdbLists, TmdbMovieResult, TmdbTvResult } from './tmdb';

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

// ─── Simkl ────────────────────────────────────────────────────────────────────────────────────────

const simklMovie = (
  title: string,
  year: number | null,
  ids: SimklIds,
  status: SimklStatus,
  userRating: number | null,
  lastWatchedAt: string | null,
  userRatedAt: string | null = userRating === null ? null : lastWatchedAt,
): SimklMovieItem => ({
  last_watched_at: lastWatchedAt,
  user_rated_at: userRatedAt,
  user_rating: userRating,
  status,
  movie: { title, year, ids },
});

const simklShow = (
  title: string,
  year: number | null,
  ids: SimklIds,
  status: SimklStatus,
  userRating: number | null,
  lastWatched: string | null,
  nextToWatch: string | null,
  lastWatchedAt: string | null,
  userRatedAt: string | null = userRating === null ? null : lastWatchedAt,
): SimklShowItem => ({
  last_watched_at: lastWatchedAt,
  user_rated_at: userRatedAt,
  user_rating: userRating,
  status,
  last_watched: lastWatched,
  next_to_watch: nextToWatch,
  show: { title, year, ids },
});

export const SIMKL_LIBRARY: SimklLibrary = {
  movies: [
    // Seed 001's example, word for word: a real film the catalogue does not have.
    simklMovie(
      'Maleficent',
      2014,
      { simkl: 195258, imdb: 'tt1587310', tmdb: '102651' },
      'completed',
      6,
      '2014-08-16T18:45:20.000Z',
      '2021-06-23T13:19:05.000Z',
    ),
    simklMovie(
      'Interstellar',
      2014,
      { simkl: 1207, imdb: 'tt0816692', tmdb: '157336' },
      'completed',
      10,
      '2023-11-04T21:10:00.000Z',
    ),
    simklMovie(
      'Parasite',
      2019,
      { simkl: 921360, imdb: 'tt6751668', tmdb: '496243' },
      'completed',
      9,
      '2020-02-15T20:30:00.000Z',
    ),
    simklMovie('Inception', 2010, { simkl: 1352, imdb: 'tt1375666', tmdb: '27205' }, 'completed', 8, '2019-07-20T19:00:00.000Z'),
    simklMovie(
      'Everything Everywhere All at Once',
      2022,
      { simkl: 1634820, imdb: 'tt6710474', tmdb: '545611' },
      'completed',
      null,
      '2022-05-01T20:00:00.000Z',
    ),
    // Curly apostrophe; no TMDB id, so only the title can match the catalogue's "Don't Look Up".
    simklMovie('Don’t Look Up', 2021, { simkl: 1670441 }, 'completed', 5, '2021-12-26T21:00:00.000Z'),
    // A year one off (the catalogue has Dune 2021 and Dune 1984) and no TMDB id.
    simklMovie('Dune', 2020, { simkl: 1520017 }, 'completed', 8, '2021-10-23T20:15:00.000Z'),
    simklMovie(
      'Oppenheimer',
      2023,
      { simkl: 2065129, imdb: 'tt15398776', tmdb: '872585' },
      'completed',
      9,
      '2023-07-22T19:30:00.000Z',
    ),
    simklMovie('Dune: Part Two', 2024, { simkl: 2142731, tmdb: '693134' }, 'plantowatch', null, null),
    simklMovie('The Unfindable Film of Nowhere', 2019, { simkl: 9900001 }, 'completed', 3, '2022-09-09T22:00:00.000Z'),
  ],
  shows: [
    // Seed 001's example, word for word: dropped before the first episode, so last_watched is null.
    simklShow(
      'The Last Ship',
      2014,
      { simkl: 42040, imdb: 'tt2402207', tvdb: '269533' },
      'dropped',
      5,
      null,
      'S01E01',
      '2016-09-12T13:00:30.000Z',
      '2021-06-23T13:19:05.000Z',
    ),
    simklShow(
      'Breaking Bad',
      2008,
      { simkl: 11121, imdb: 'tt0903747', tmdb: '1396' },
      'completed',
      10,
      'S05E16',
      null,
      '2013-09-30T02:00:00.000Z',
    ),
    simklShow(
      'Severance',
      2022,
      { simkl: 1650212, tmdb: '95396' },
      'watching',
      9,
      'S02E04',
      'S02E05',
      '2025-02-08T21:00:00.000Z',
    ),
    // "Shogun" without the macron, and no TMDB id: it meets the catalogue's "Shōgun" only after folding accents.
    simklShow('Shogun', 2024, { simkl: 2217754 }, 'completed', 9, 'S01E10', null, '2024-04-24T20:00:00.000Z'),
    // The article moved to the end, as some libraries sort titles; no TMDB id.
    simklShow('Office, The', 2005, { simkl: 2201 }, 'completed', 8, 'S09E25', null, '2013-05-17T01:00:00.000Z'),
    simklShow('The Bear', 2022, { simkl: 1793551, tmdb: '136315' }, 'hold', 7, 'S02E04', 'S02E05', '2023-07-01T20:00:00.000Z'),
    simklShow('Slow Horses', 2022, { simkl: 1612390 }, 'plantowatch', null, null, 'S01E01', null),
    simklShow(
      'Hollow Creek Chronicles',
      2021,
      { simkl: 9900002 },
      'watching',
      null,
      'S01E03',
      'S01E04',
      '2024-01-14T22:00:00.000Z',
    ),
  ],
  anime: [
    // Seed 001's example, word for word: absolute episode numbering ("E148").
    simklShow(
      'Hunter x Hunter',
      2011,
      { simkl: 40398, imdb: 'tt2098220', mal: '11061', anidb: '8550' },
      'completed',
      10,
      'E148',
      null,
      '2014-11-06T22:05:52.000Z',
      '2021-06-23T13:19:05.000Z',
    ),
    simklShow(
      "Frieren: Beyond Journey's End",
      2023,
      { simkl: 1963377, mal: '52991' },
      'watching',
      9,
      'E12',
      'E13',
      '2024-03-02T15:00:00.000Z',
    ),
    // Same name as the catalogue's live-action One Piece (2023), 24 years apart: not the same show.
    simklShow('One Piece', 1999, { simkl: 38636, mal: '21' }, 'watching', null, 'E1071', 'E1072', '2023-08-06T09:00:00.000Z'),
  ],
};

// ─── TMDB-style account ───────────────────────────────────────────────────────────────────────────

/** Seed 002's example account, word for word. */
export const TMDB_ACCOUNT: TmdbAccount = {
  id: TMDB_DEMO.accountId,
  name: 'John Doe',
  username: 'johndoe',
  include_adult: false,
  iso_639_1: 'en',
  iso_3166_1: 'US',
  avatar: { gravatar: { hash: 'a1b2c3d4e5f6g7h8' } },
};

const tmdbMovie = (
  id: number,
  title: string,
  releaseDate: string,
  overview: string,
  voteAverage: number,
  voteCount: number,
  rating?: number,
): TmdbMovieResult => ({
  id,
  title,
  overview,
  poster_path: null,
  backdrop_path: null,
  release_date: releaseDate,
  vote_average: voteAverage,
  vote_count: voteCount,
  ...(rating === undefined ? {} : { rating }),
});

const tmdbTv = (
  id: number,
  name: string,
  firstAirDate: string,
  overview: string,
  voteAverage: number,
  voteCount: number,
  rating?: number,
): TmdbTvResult => ({
  id,
  name,
  overview,
  poster_path: null,
  backdrop_path: null,
  first_air_date: firstAirDate,
  vote_average: voteAverage,
  vote_count: voteCount,
  ...(rating === undefined ? {} : { rating }),
});

/** Seed 002's example result, word for word. */
const FIGHT_CLUB: TmdbMovieResult = {
  id: 550,
  title: 'Fight Club',
  overview: 'A ticking-time-bomb insomniac...',
  poster_path: '/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg',
  backdrop_path: '/fCayJrkfRaCRCTh8GqN30f8oyQF.jpg',
  release_date: '1999-10-15',
  vote_average: 8.4,
  vote_count: 26000,
};

/** Each list oldest first (the order they were added in). */
export const TMDB_LISTS: TmdbLists = {
  rated: {
    movies: [
      { ...FIGHT_CLUB, rating: 8 },
      tmdbMovie(
        27205,
        'Inception',
        '2010-07-15',
        'A thief who steals secrets through dreams is asked to plant one.',
        8.4,
        36000,
        8.5,
      ),
      tmdbMovie(
        157336,
        'Interstellar',
        '2014-11-05',
        'Explorers travel through a wormhole to find humanity a new home.',
        8.4,
        34000,
        9.5,
      ),
      tmdbMovie(496243, 'Parasite', '2019-05-30', 'A poor family schemes its way into a wealthy household.', 8.5, 18000, 9),
      tmdbMovie(
        545611,
        'Everything Everywhere All at Once',
        '2022-03-24',
        'A laundromat owner is pulled across the multiverse.',
        7.8,
        6000,
        9,
      ),
      tmdbMovie(346698, 'Barbie', '2023-07-19', 'Barbie leaves Barbieland for the real world.', 7.0, 9000, 6.5),
      tmdbMovie(792307, 'Poor Things', '2023-12-07', 'A woman brought back to life sets out to see the world.', 7.7, 5000, 7.5),
      tmdbMovie(8800002, 'Nowhere Near Normal', '2016-04-01', 'A made-up film no catalogue has.', 6.1, 120, 7),
    ],
    tv: [
      tmdbTv(1396, 'Breaking Bad', '2008-01-20', 'A chemistry teacher turns to making methamphetamine.', 8.9, 14000, 10),
      tmdbTv(2316, 'The Office', '2005-03-24', 'Life at a paper company branch, filmed as a documentary.', 8.6, 4000, 8.5),
      tmdbTv(76331, 'Succession', '2018-06-03', 'The children of a media mogul fight over his empire.', 8.3, 2500, 8),
      tmdbTv(87108, 'Chernobyl', '2019-05-06', 'The 1986 nuclear disaster and the people who contained it.', 8.7, 6000, 9.5),
      tmdbTv(94605, 'Arcane', '2021-11-06', 'Two sisters on opposite sides of a war between two cities.', 8.7, 4500, 9),
      tmdbTv(126308, 'Shōgun', '2024-02-27', 'An English navigator is shipwrecked in feudal Japan.', 8.5, 1000, 9),
      tmdbTv(8800010, 'The Quiet Lighthouse', '2020-10-02', 'A made-up series no catalogue has.', 6.4, 80, 6),
    ],
  },
  favorites: {
    movies: [
      tmdbMovie(129, 'Spirited Away', '2001-07-20', 'A girl wanders into a world of spirits.', 8.5, 16000),
      FIGHT_CLUB,
      tmdbMovie(8800001, 'The Unfindable Film of Nowhere', '2019-03-03', 'A made-up film no catalogue has.', 5.9, 40),
    ],
    tv: [
      tmdbTv(1396, 'Breaking Bad', '2008-01-20', 'A chemistry teacher turns to making methamphetamine.', 8.9, 14000),
      tmdbTv(67070, 'Fleabag', '2016-07-21', 'A woman in London tries to cope with life and loss.', 8.1, 1800),
    ],
  },
  watchlist: {
    movies: [
      tmdbMovie(693134, 'Dune: Part Two', '2024-02-27', 'Paul Atreides unites with the Fremen.', 8.1, 6000),
      tmdbMovie(666277, 'Past Lives', '2023-06-02', 'Two childhood friends meet again decades later.', 7.8, 1500),
      tmdbMovie(
        466420,
        'Killers of the Flower Moon',
        '2023-10-18',
        'Murders among the Osage Nation in 1920s Oklahoma.',
        7.5,
        3000,
      ),
    ],
    tv: [
      tmdbTv(100088, 'The Last of Us', '2023-01-15', 'A smuggler escorts a girl across a ruined America.', 8.6, 5000),
      tmdbTv(106379, 'Fallout', '2024-04-10', 'Vault dwellers emerge into a post-nuclear Los Angeles.', 8.3, 2000),
    ],
  },
};

// ─── Rewind ───────────────────────────────────────────────────────────────────────────────────────

const rewind = (
  id: number,
  title: string,
  year: number | null,
  tmdbId: number | null,
  tmdbRating: number | null,
  userRating: number,
  watchedAt: string,
  source: string | null = 'letterboxd',
): RewindRating => ({
  movie: { id, title, year, tmdb_id: tmdbId, tmdb_rating: tmdbRating, image: null },
  user_rating: userRating,
  review_url: null,
  watched_at: watchedAt,
  source,
});

/** Rated films in the order Rewind answers by default (rating, highest first; ties most recently watched first). */
export const REWIND_RATINGS: RewindRating[] = [
  // Seed 000's two examples, word for word: The Great Escape is a real film the catalogue does not have.
  rewind(50, 'The Great Escape', 1963, 5925, 7.9, 5, '2025-08-10T20:00:00Z'),
  rewind(200, 'Interstellar', 2014, 157336, 8.4, 5, '2024-12-20T20:00:00Z'),
  rewind(212, 'Spirited Away', 2001, 129, 8.5, 5, '2024-06-01T19:00:00Z'),
  // "WALL-E" with a hyphen; the catalogue writes "WALL·E".
  rewind(118, 'WALL-E', 2008, 10681, 8.1, 5, '2023-03-12T18:00:00Z', 'plex'),
  rewind(205, 'Parasite', 2019, 496243, 8.5, 4.5, '2025-01-11T21:00:00Z'),
  rewind(231, 'Past Lives', 2023, 666277, 7.8, 4.5, '2024-09-14T20:30:00Z'),
  rewind(177, 'Everything Everywhere All at Once', 2022, 545611, 7.8, 4.5, '2023-01-02T20:00:00Z'),
  // No accent and no TMDB id: meets the catalogue's "Amélie" only after folding accents.
  rewind(31, 'Amelie', 2001, null, null, 4.5, '2022-02-14T20:00:00Z'),
  rewind(140, 'The Matrix', 1999, 603, 8.2, 4.5, '2021-12-18T22:00:00Z', 'plex'),
  rewind(236, 'Oppenheimer', 2023, 872585, 8.1, 4, '2024-11-30T19:00:00Z'),
  // A year one off (the catalogue says 2023) and no TMDB id.
  rewind(241, 'Godzilla Minus One', 2024, null, null, 4, '2024-07-04T21:00:00Z'),
  rewind(190, 'Inception', 2010, 27205, 8.4, 4, '2023-08-19T20:00:00Z', 'plex'),
  rewind(160, 'Dune', 2021, 438631, 7.8, 4, '2021-10-23T20:15:00Z'),
  rewind(150, 'Knives Out', 2019, 546554, 7.8, 3.5, '2022-12-23T20:00:00Z'),
  rewind(98, 'Roma', 2018, 426426, 7.7, 3.5, '2020-01-05T20:00:00Z', null),
  rewind(181, 'Glass Onion: A Knives Out Mystery', 2022, 661374, 7.0, 3, '2022-12-24T20:00:00Z'),
  rewind(12, 'A Film That Was Never Made', 1987, null, null, 2.5, '2021-05-05T20:00:00Z'),
  rewind(245, 'The Unfindable Film of Nowhere', 2019, null, null, 1.5, '2022-09-10T21:00:00Z'),
];

// ─── Which demo item is which ─────────────────────────────────────────────────────────────────────

/** Names the cases the demo data is built to exercise. */
export const DEMO_CASES = {
  /** Titles no catalogue entry matches (by id, or by title and year within one). */
  unmatched: [
    'Maleficent',
    'The Unfindable Film of Nowhere',
    'The Last Ship',
    'Hollow Creek Chronicles',
    'Hunter x Hunter',
    "Frieren: Beyond Journey's End",
    'One Piece',
    'Nowhere Near Normal',
    'The Quiet Lighthouse',
    'The Great Escape',
    'A Film That Was Never Made',
  ],
  /** The same film in more than one source. */
  overlaps: {
    simklAndRewind: [
      'Interstellar',
      'Parasite',
      'Oppenheimer',
      'Everything Everywhere All at Once',
      'The Unfindable Film of Nowhere',
    ],
    tmdbAndRewind: ['Interstellar', 'Parasite', 'Inception', 'Everything Everywhere All at Once', 'Spirited Away', 'Past Lives'],
    allThree: ['Interstellar', 'Parasite', 'Everything Everywhere All at Once'],
  },
  /** A source's title and the catalogue's, equal only after folding accents, articles or punctuation. */
  normalised: [
    { source: 'simkl', title: 'Shogun', catalogue: 'Shōgun' },
    { source: 'simkl', title: 'Office, The', catalogue: 'The Office' },
    { source: 'simkl', title: 'Don’t Look Up', catalogue: "Don't Look Up" },
    { source: 'rewind', title: 'Amelie', catalogue: 'Amélie' },
    { source: 'rewind', title: 'WALL-E', catalogue: 'WALL·E' },
  ],
  /** A year one off the catalogue's. */
  yearOff: [
    { source: 'simkl', title: 'Dune', year: 2020, catalogueYear: 2021 },
    { source: 'rewind', title: 'Godzilla Minus One', year: 2024, catalogueYear: 2023 },
  ],
  /** Shows with `last_watched: null`. */
  nothingWatched: ['The Last Ship', 'Slow Horses'],
  /** Simkl's plan-to-watch items. */
  planToWatch: ['Dune: Part Two', 'Slow Horses'],
  /** Anime numbered by episode only ("E148"). */
  anime: ['Hunter x Hunter', "Frieren: Beyond Journey's End", 'One Piece'],
} as const;

// ─── Synthetic libraries for benchmarks ───────────────────────────────────────────────────────────

export interface SyntheticSources {
  simkl: SimklLibrary;
  tmdb: TmdbLists;
  rewind: RewindRating[];
}

/** A small seeded generator (mulberry32): the same seed gives the same numbers on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SYNTHETIC_ID_BASE = 80_000_000;
const DAY = 24 * 60 * 60 * 1000;
const EPOCH = Date.UTC(2018, 0, 1);

/**
 * `count` items for each source, the same for the same `count` and `seed`. Catalogue titles come
 * first (each once, with their TMDB ids, so a share of the items match), then made-up ones
 * ("Synthetic Film 000042", TMDB ids from 80,000,001). Simkl: 60 % films, 30 % shows, 10 % anime.
 * TMDB: the items dealt in turn to the six lists (rated, favourites, watchlist × films, shows).
 * Rewind: `count` rated films.
 */
export function syntheticSources(count: number, seed = 1): SyntheticSources {
  if (!Number.isInteger(count) || count < 0) throw new Error('syntheticSources: count must be a whole number');
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const date = () => new Date(EPOCH + Math.floor(next() * 7 * 365) * DAY + Math.floor(next() * DAY)).toISOString();
  const films = CATALOGUE.filter((entry) => entry.mediaType === 'MOVIE');
  const series = CATALOGUE.filter((entry) => entry.mediaType === 'TV');
  const film = (n: number) =>
    films[n] ?? {
      title: `Synthetic Film ${String(n).padStart(6, '0')}`,
      year: 1950 + (n % 75),
      tmdbId: SYNTHETIC_ID_BASE + n + 1,
    };
  const show = (n: number) =>
    series[n] ?? {
      title: `Synthetic Series ${String(n).padStart(6, '0')}`,
      year: 1980 + (n % 45),
      tmdbId: SYNTHETIC_ID_BASE + 500_000 + n + 1,
    };

  // Simkl
  const movieCount = Math.round(count * 0.6);
  const showCount = Math.round(count * 0.3);
  const animeCount = count - movieCount - showCount;
  const simklRating = () => (next() < 0.7 ? 1 + Math.floor(next() * 10) : null);
  const simkl: SimklLibrary = { movies: [], shows: [], anime: [] };
  for (let n = 0; n < movieCount; n += 1) {
    const entry = film(n);
    const planned = next() < 0.1;
    const rating = planned ? null : simklRating();
    const watched = planned ? null : date();
    simkl.movies.push(
      simklMovie(
        entry.title,
        entry.year,
        { simkl: 5_000_000 + n, tmdb: String(entry.tmdbId) },
        planned ? 'plantowatch' : 'completed',
        rating,
        watched,
      ),
    );
  }
  for (let n = 0; n < showCount; n += 1) {
    const entry = show(n);
    const status = pick<SimklStatus>(['completed', 'watching', 'watching', 'hold', 'dropped', 'plantowatch']);
    const season = 1 + Math.floor(next() * 5);
    const episode = 1 + Math.floor(next() * 10);
    const code = (s: number, e: number) => `S${String(s).padStart(2, '0')}E${String(e).padStart(2, '0')}`;
    const planned = status === 'plantowatch';
    simkl.shows.push(
      simklShow(
        entry.title,
        entry.year,
        { simkl: 6_000_000 + n, tmdb: String(entry.tmdbId) },
        status,
        planned ? null : simklRating(),
        planned ? null : code(season, episode),
        status === 'completed' ? null : planned ? 'S01E01' : code(season, episode + 1),
        planned ? null : date(),
      ),
    );
  }
  for (let n = 0; n < animeCount; n += 1) {
    const status = pick<SimklStatus>(['completed', 'watching', 'plantowatch']);
    const episode = 1 + Math.floor(next() * 500);
    const planned = status === 'plantowatch';
    simkl.anime.push(
      simklShow(
        `Synthetic Anime ${String(n).padStart(6, '0')}`,
        1990 + (n % 35),
        { simkl: 7_000_000 + n, mal: String(100_000 + n) },
        status,
        planned ? null : simklRating(),
        planned ? null : `E${episode}`,
        status === 'completed' ? null : `E${planned ? 1 : episode + 1}`,
        planned ? null : date(),
      ),
    );
  }

  // TMDB
  const tmdb: TmdbLists = {
    rated: { movies: [], tv: [] },
    favorites: { movies: [], tv: [] },
    watchlist: { movies: [], tv: [] },
  };
  const sections = ['rated', 'favorites', 'watchlist'] as const;
  for (let n = 0; n < count; n += 1) {
    const section = sections[Math.floor(n / 2) % 3] ?? 'rated';
    const index = Math.floor(n / 6);
    const rating = section === 'rated' ? (1 + Math.floor(next() * 20)) / 2 : undefined;
    const votes = Math.round(next() * 20_000);
    const average = Math.round((4 + next() * 5) * 10) / 10;
    const day = date().slice(0, 10);
    if (n % 2 === 0) {
      const entry = film(index);
      tmdb[section].movies.push(tmdbMovie(entry.tmdbId, entry.title, `${entry.year}${day.slice(4)}`, '', average, votes, rating));
    } else {
      const entry = show(index);
      tmdb[section].tv.push(tmdbTv(entry.tmdbId, entry.title, `${entry.year}${day.slice(4)}`, '', average, votes, rating));
    }
  }

  // Rewind
  const rewindItems: RewindRating[] = [];
  for (let n = 0; n < count; n += 1) {
    const entry = film(n);
    const known = next() < 0.9;
    rewindItems.push(
      rewind(
        n + 1,
        entry.title,
        entry.year,
        known ? entry.tmdbId : null,
        known ? Math.round((5 + next() * 4) * 10) / 10 : null,
        (1 + Math.floor(next() * 10)) / 2,
        date().replace(/\.\d{3}Z$/, 'Z'),
        pick(['letterboxd', 'letterboxd', 'plex']),
      ),
    );
  }

  return { simkl, tmdb, rewind: rewindItems };
}
