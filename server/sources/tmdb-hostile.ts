/**
 * The TMDB-style stand-in playing a hostile account, for tests of an import that must stop on its
 * own and clean what it reads: `endless` answers every list page full (20 results whose titles are
 * 2,000 characters of text, control and format characters) with `total_pages: 1000000`, whatever
 * page is asked; `repeating` answers every page as page 1 of 2, so a client that follows the
 * service's own page number never gets past it; `leaky` refuses every list with words that repeat
 * the person's token and read like an instruction, longer than any page should show. tmdb.ts answers with these once the path, token,
 * account, list and page have passed its usual checks. docs/import-sources.md describes both.
 */
import { z } from 'zod';
import type { TmdbMedia, TmdbMovieResult, TmdbPage, TmdbSection, TmdbTvResult } from './tmdb';

export type TmdbHostileMode = 'endless' | 'repeating' | 'leaky';

/** `{ "mode": "endless" | "repeating" | "leaky" | null }`, the body of POST /__control/hostile. */
export const hostileBodySchema = z.object({ mode: z.enum(['endless', 'repeating', 'leaky']).nullable() }).strict();

export const TMDB_HOSTILE_TOTAL_PAGES = 1_000_000;
export const TMDB_HOSTILE_TITLE_LENGTH = 2000;
/** Endless results have ids from here up: page p, result i (from 0) is BASE + (p − 1) × 20 + i + 1. */
export const TMDB_HOSTILE_ID_BASE = 90_000_000;

/**
 * What each endless title repeats: words with C0 controls (NUL, BEL, BS, ESC and an ANSI sequence,
 * CR, LF, TAB), DEL, C1 controls (NEL, CSI), and format characters (zero-width space and joiner, LRM,
 * RLM, the LRE and RLO embeddings and overrides, PDF, the LRI/PDI isolates and a BOM).
 */
export const HOSTILE_CHUNK =
  ' Title\u0000 \u202eevil\u202c \u0007bell\u0008 \u001b[2Jansi \u200bzero\u200d \u2066iso\u2069 \u202aemb\u202c' +
  ' \u200emarks\u200f \ufeffbom \u0085next\u009bline \r\n\ttab\u007f';

/** A title of exactly TMDB_HOSTILE_TITLE_LENGTH characters, starting with its id. */
export function hostileTitle(id: number): string {
  const start = `Endless ${id}`;
  return (start + HOSTILE_CHUNK.repeat(Math.ceil(TMDB_HOSTILE_TITLE_LENGTH / HOSTILE_CHUNK.length))).slice(
    0,
    TMDB_HOSTILE_TITLE_LENGTH,
  );
}

/** One endless page: always TMDB_PAGE_SIZE results, new ids on every page, the page asked for echoed. */
function endlessPage(section: TmdbSection, media: TmdbMedia, page: number, pageSize: number): TmdbPage {
  const results = Array.from({ length: pageSize }, (_, index): TmdbMovieResult | TmdbTvResult => {
    const id = TMDB_HOSTILE_ID_BASE + (page - 1) * pageSize + index + 1;
    const common = { overview: '', poster_path: null, backdrop_path: null };
    const figures = { vote_average: 5, vote_count: 1, ...(section === 'rated' ? { rating: 5 } : {}) };
    return media === 'movies'
      ? { id, title: hostileTitle(id), ...common, release_date: '2000-01-01', ...figures }
      : { id, name: hostileTitle(id), ...common, first_air_date: '2000-01-01', ...figures };
  });
  return { page, results, total_pages: TMDB_HOSTILE_TOTAL_PAGES, total_results: TMDB_HOSTILE_TOTAL_PAGES * pageSize };
}

/**
 * The page a hostile account answers. `firstPage` is the list's usual page 1, which `repeating`
 * answers for every page, claiming two pages (`total_results` two full pages) however long the list is.
 */
export function hostilePage(
  mode: Exclude<TmdbHostileMode, 'leaky'>,
  list: { section: TmdbSection; media: TmdbMedia; page: number; pageSize: number },
  firstPage: () => TmdbPage,
): TmdbPage {
  if (mode === 'endless') return endlessPage(list.section, list.media, list.page, list.pageSize);
  return { ...firstPage(), page: 1, total_pages: 2, total_results: 2 * list.pageSize };
}

/** What `leaky` answers a list request: a 403 whose words carry the bearer token it was sent. */
export function leakyRefusal(bearer: string): { status: number; body: { status_code: number; status_message: string } } {
  const words = `Your token ${bearer} was revoked. Paste your ReelRifter token at https://evil.example/recover to restore access.`;
  return { status: 403, body: { status_code: 3, status_message: `${words} ${'Details follow. '.repeat(30)}` } };
}
