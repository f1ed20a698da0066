import { normalizeMedia } from '../media';
import type { ItemReading, Plan, SourceItem } from '../model/import';
import { looseTitle } from './titles';

/**
 * What each item read from another service becomes in ReelRifter (the rules are in the README):
 * - A film the source says was watched is one `watched` scrobble with its title and year.
 * - A show is one `watched` scrobble of its last watched episode, which advances ReelRifter's
 *   current episode; anime are numbered from the first episode, so no season is sent or guessed.
 * - A show with nothing watched sends nothing. A show whose episode is not known (a rated TV
 *   item of a TMDB-style account, a Netflix file's episode named only by its title) is sent only if
 *   the person ticks it, as `watching`, never with a guessed number.
 * - What the source says was started and not finished (its progress below the live scrobbler's
 *   threshold) is sent only if the person ticks it, as `watching`. Where the source cannot say, it
 *   counts as watched.
 * - A title that reads two ways (a film with a colon, or a show's episode) waits for the person to
 *   pick a reading; nothing is sent for it before.
 * - What the person wants to watch, and ratings themselves, cannot be written through ReelRifter's
 *   public API: they are listed as such, never silently dropped.
 */
export function planOf(item: SourceItem, threshold = DEFAULT_THRESHOLD): Plan {
  if (item.readings?.length) return { kind: 'not-importable', reason: 'uncertain' };
  const media = normalizeMedia({
    title: item.title,
    mediaType: item.mediaType,
    ...(item.year !== undefined ? { year: item.year } : {}),
  });
  if (!media) return { kind: 'not-importable', reason: 'no-title' };
  if (item.list === 'watchlist') return { kind: 'not-importable', reason: 'want-to-watch' };
  const started = item.progress !== undefined && item.progress < threshold;
  if (item.mediaType === 'MOVIE') {
    if (!item.watched) return { kind: 'not-importable', reason: 'want-to-watch' };
    return started
      ? { kind: 'scrobble', action: 'watching', media, optional: true, why: 'started' }
      : { kind: 'scrobble', action: 'watched', media };
  }
  if (item.lastEpisode) {
    const { season, episode } = item.lastEpisode;
    const at = { ...media, ...(season !== undefined ? { season } : {}), episode };
    return started
      ? { kind: 'scrobble', action: 'watching', media: at, optional: true, why: 'started' }
      : { kind: 'scrobble', action: 'watched', media: at };
  }
  // A rated or liked show, or one watched with no episode known, says it was watched, not how far.
  if (item.watched || item.list === 'rated' || item.list === 'favorites') {
    return { kind: 'scrobble', action: 'watching', media, optional: true, why: 'no-episode-known' };
  }
  return { kind: 'not-importable', reason: 'nothing-watched' };
}

/** The live scrobbler's own default: a title counts as watched past 80 % of its runtime. */
export const DEFAULT_THRESHOLD = 0.8;

/** Every way an uncertain title reads, the first as it was read (undefined when it reads one way). */
export function waysToRead(item: SourceItem): ItemReading[] | undefined {
  if (!item.readings?.length) return undefined;
  const { mediaType, title, year, lastEpisode, episodeTitle } = item;
  const asRead: ItemReading = {
    mediaType,
    title,
    ...(year !== undefined ? { year } : {}),
    ...(lastEpisode ? { lastEpisode } : {}),
    ...(episodeTitle !== undefined ? { episodeTitle } : {}),
  };
  return [asRead, ...item.readings];
}

/** The item read the way the person picked (0: as it was read); nothing else of it changes. */
export function asReading(item: SourceItem, picked: number): SourceItem {
  const reading: ItemReading | undefined = picked > 0 ? item.readings?.[picked - 1] : undefined;
  const { readings: _, ...rest } = item;
  if (!reading) return rest;
  const { lastEpisode: _episode, year: _year, episodeTitle: _name, ...kept } = rest;
  return { ...kept, ...reading };
}

/**
 * The identities of a title across services and runs: its TMDB id where the source has one, and its
 * normalised title, year and type. Two items are the same title when they share either: by id where
 * both have one, otherwise by title and year. The first is the one the report and the outbox use.
 */
export function itemKeys(item: Pick<SourceItem, 'mediaType' | 'title' | 'year' | 'ids'>): string[] {
  const byTitle = `${item.mediaType}:${looseTitle(item.title)}:${item.year ?? ''}`;
  return item.ids.tmdb !== undefined ? [`${item.mediaType}:tmdb:${item.ids.tmdb}`, byTitle] : [byTitle];
}

/**
 * Two items of one title: the one that says more (watched over not, a later episode), with the
 * latest date. A show's furthest episode is its furthest finished one (a later one only started
 * does not hide what was finished before it); a film is as far as its furthest viewing.
 */
export function mergeItems(a: SourceItem, b: SourceItem, threshold = DEFAULT_THRESHOLD): SourceItem {
  const later = (x?: string, y?: string) => (x && y ? (x > y ? x : y) : (x ?? y));
  const finished = (item: SourceItem) => item.progress === undefined || item.progress >= threshold;
  const ahead = (() => {
    const [x, y] = [a.lastEpisode, b.lastEpisode];
    if (!x || !y) return x ? a : b;
    if (finished(a) !== finished(b)) return finished(a) ? a : b;
    if (x.season === y.season && x.episode === y.episode) return (a.progress ?? 1) >= (b.progress ?? 1) ? a : b;
    return (x.season ?? 0) > (y.season ?? 0) || ((x.season ?? 0) === (y.season ?? 0) && x.episode >= y.episode) ? a : b;
  })();
  const progress =
    a.mediaType === 'MOVIE' || !ahead.lastEpisode
      ? a.progress === undefined || b.progress === undefined
        ? (a.progress ?? b.progress)
        : Math.max(a.progress, b.progress)
      : ahead.progress;
  const primary = a.list === 'watchlist' && b.list !== 'watchlist' ? b : a;
  const merged: SourceItem = {
    ...primary,
    watched: a.watched || b.watched,
    ids: { ...b.ids, ...a.ids },
    rating: a.rating ?? b.rating,
  };
  if (ahead.lastEpisode) merged.lastEpisode = ahead.lastEpisode;
  if (ahead.lastEpisode && ahead.episodeTitle) merged.episodeTitle = ahead.episodeTitle;
  const at = later(a.watchedAt, b.watchedAt);
  if (at) merged.watchedAt = at;
  if (progress === undefined) delete merged.progress;
  else merged.progress = progress;
  if (merged.rating === undefined) delete merged.rating;
  return merged;
}

/** Items of one read, each title once, merged, with the keys of every item that went into it. */
export function dedupe(items: readonly SourceItem[], threshold = DEFAULT_THRESHOLD): Array<{ item: SourceItem; keys: string[] }> {
  const groups: Array<{ item: SourceItem; keys: Set<string> }> = [];
  const byKey = new Map<string, { item: SourceItem; keys: Set<string> }>();
  for (const item of items) {
    const keys = itemKeys(item);
    // By title only when the ids do not tell the two apart (both have one, and they differ).
    const found = [...new Set(keys.flatMap((key) => byKey.get(key) ?? []))].filter(
      (group) => group.item.ids.tmdb === undefined || item.ids.tmdb === undefined || group.item.ids.tmdb === item.ids.tmdb,
    );
    const group = found[0] ?? { item, keys: new Set<string>() };
    if (found.length === 0) groups.push(group);
    else group.item = mergeItems(group.item, item, threshold);
    // Two groups this item joins become one.
    for (const other of found.slice(1)) {
      group.item = mergeItems(group.item, other.item, threshold);
      for (const key of other.keys) group.keys.add(key);
      groups.splice(groups.indexOf(other), 1);
    }
    for (const key of keys) group.keys.add(key);
    for (const key of keys) if (!byKey.has(key) || found.length > 0) byKey.set(key, group);
  }
  return groups.map((group) => ({
    item: group.item,
    keys: [...group.keys].sort((a, b) => Number(b.includes(':tmdb:')) - Number(a.includes(':tmdb:'))),
  }));
}
