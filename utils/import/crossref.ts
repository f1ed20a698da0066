import type { MediaType } from '../media';
import type { MatchType, SourceItem } from '../model/import';
import { exactTitle, looseTitle } from './titles';

/**
 * Pairs each item read from another service with what ReelRifter already has, in the manner of a
 * collection cross-reference: the thing it matched, how (`id`, `exact`, `close`, `fuzzy` or `none`)
 * and how sure (0–1), and whether ReelRifter already has it as far as the source says it went.
 */

/** What ReelRifter has of one title: from the watchlist and the history together. */
export interface Known {
  title: string;
  mediaType?: MediaType;
  year?: number;
  tmdbId?: number;
  /** A film marked finished, or in the history. */
  finished: boolean;
  /** The furthest episode ReelRifter has for a show (the watchlist's current one, or the history's). */
  episode?: { season?: number; episode: number };
  status?: string;
}

export interface Match {
  type: MatchType;
  confidence: number;
  known?: Known;
  /** ReelRifter already has it as far as the source went: a finished film, a show at or past that episode. */
  already: boolean;
}

const CONFIDENCE: Record<MatchType, number> = { id: 1, exact: 0.95, close: 0.8, fuzzy: 0.7, none: 0 };
/** A loose title with the year one off: the least sure match still worth showing. */
const FUZZY_CLOSE = 0.6;

/** The comparison of two episodes; one without a season is numbered from the first episode. */
function atOrPast(known: { season?: number; episode: number }, wanted: { season?: number; episode: number }): boolean {
  if (wanted.season === undefined || known.season === undefined) return known.episode >= wanted.episode;
  return known.season > wanted.season || (known.season === wanted.season && known.episode >= wanted.episode);
}

function hasIt(known: Known, item: SourceItem): boolean {
  if (item.mediaType === 'MOVIE') return known.finished;
  if (known.status === 'FINISHED') return true;
  if (!item.lastEpisode) return known.episode !== undefined || known.finished;
  return known.episode !== undefined && atOrPast(known.episode, item.lastEpisode);
}

/** An index of what ReelRifter has, built once per preview and asked once per item. */
export class KnownIndex {
  private readonly byId = new Map<string, Known>();
  private readonly byExact = new Map<string, Known[]>();
  private readonly byLoose = new Map<string, Known[]>();

  constructor(known: Iterable<Known>) {
    for (const entry of known) this.add(entry);
  }

  private add(entry: Known): void {
    const type = entry.mediaType ?? 'MOVIE';
    if (entry.tmdbId !== undefined) this.byId.set(`${type}:${entry.tmdbId}`, entry);
    const push = (map: Map<string, Known[]>, key: string) => map.set(key, [...(map.get(key) ?? []), entry]);
    push(this.byExact, `${type}:${exactTitle(entry.title)}`);
    push(this.byLoose, `${type}:${looseTitle(entry.title)}`);
  }

  match(item: SourceItem): Match {
    const found = this.find(item);
    if (!found) return { type: 'none', confidence: 0, already: false };
    return { ...found, already: found.known ? hasIt(found.known, item) : false };
  }

  private find(item: SourceItem): { type: MatchType; confidence: number; known: Known } | undefined {
    const type = item.mediaType;
    const byId = item.ids.tmdb !== undefined ? this.byId.get(`${type}:${item.ids.tmdb}`) : undefined;
    if (byId) return { type: 'id', confidence: CONFIDENCE.id, known: byId };
    const yearGap = (known: Known) =>
      item.year === undefined || known.year === undefined ? 0 : Math.abs(item.year - known.year);
    const exact = this.byExact.get(`${type}:${exactTitle(item.title)}`) ?? [];
    const sameYear = exact.find((known) => yearGap(known) === 0);
    if (sameYear) return { type: 'exact', confidence: CONFIDENCE.exact, known: sameYear };
    const yearOff = exact.find((known) => yearGap(known) === 1);
    if (yearOff) return { type: 'close', confidence: CONFIDENCE.close, known: yearOff };
    const loose = this.byLoose.get(`${type}:${looseTitle(item.title)}`) ?? [];
    const looseSame = loose.find((known) => yearGap(known) === 0);
    if (looseSame) return { type: 'fuzzy', confidence: CONFIDENCE.fuzzy, known: looseSame };
    const looseOff = loose.find((known) => yearGap(known) === 1);
    if (looseOff) return { type: 'fuzzy', confidence: FUZZY_CLOSE, known: looseOff };
    return undefined;
  }
}

/** A ReelRifter watchlist row or history row, as the cross-reference needs it. */
export interface ReelRifterRow {
  title: string;
  mediaType?: MediaType | null;
  year?: number | null;
  tmdbId?: number | null;
  status?: string | null;
  currentSeason?: number | null;
  currentEpisode?: number | null;
  /** History rows: the episode watched (none for a film). */
  season?: number | null;
  episode?: number | null;
}

/**
 * What ReelRifter has, one entry per title: the watchlist's status and current episode, and the
 * history's films and furthest episodes, merged by TMDB id, else by title, year and type.
 */
export function knownFrom(watchlist: readonly ReelRifterRow[], history: readonly ReelRifterRow[]): Known[] {
  const merged = new Map<string, Known>();
  const keyOf = (row: ReelRifterRow) =>
    row.tmdbId != null
      ? `id:${row.mediaType ?? 'MOVIE'}:${row.tmdbId}`
      : `t:${row.mediaType ?? 'MOVIE'}:${exactTitle(row.title)}:${row.year ?? ''}`;
  const entryOf = (row: ReelRifterRow): Known => {
    const key = keyOf(row);
    let entry = merged.get(key);
    if (!entry) {
      entry = {
        title: row.title,
        ...(row.mediaType ? { mediaType: row.mediaType } : {}),
        ...(row.year != null ? { year: row.year } : {}),
        ...(row.tmdbId != null ? { tmdbId: row.tmdbId } : {}),
        finished: false,
      };
      merged.set(key, entry);
    }
    return entry;
  };
  const further = (entry: Known, season: number | null | undefined, episode: number | null | undefined) => {
    if (episode == null) return;
    const next = { ...(season != null ? { season } : {}), episode };
    if (!entry.episode || atOrPast(next, entry.episode)) entry.episode = next;
  };
  for (const row of watchlist) {
    const entry = entryOf(row);
    if (row.status) entry.status = row.status;
    if (row.status === 'FINISHED') entry.finished = true;
    further(entry, row.currentSeason, row.currentEpisode);
  }
  for (const row of history) {
    const entry = entryOf(row);
    if (row.episode == null) entry.finished = true;
    else further(entry, row.season, row.episode);
  }
  return [...merged.values()];
}
