/**
 * A deterministic generator of large libraries for the import-source stand-ins, for benchmarks and
 * paging tests: `syntheticSources(count, seed)`, re-exported by server/sources/demo.ts. The item
 * builders here give each item the key order the seeds' examples use.
 */
import { CATALOGUE } from '../catalogue';
import type { RewindRating } from './rewind';
import type { SimklIds, SimklLibrary, SimklMovieItem, SimklShowItem, SimklStatus } from './simkl';
import type { TmdbLists, TmdbMovieResult, TmdbTvResult } from './tmdb';

// ─── Item builders ────────────────────────────────────────────────────────────────────────────────

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

// ─── Synthetic libraries ──────────────────────────────────────────────────────────────────────────

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
