import { normalizeMedia } from '../media';
import type { Plan, SourceItem } from '../model/import';
import { looseTitle } from './titles';

/**
 * What each item read from another service becomes in ReelRifter (the rules are in the README):
 * - A film the source says was watched is one `watched` scrobble with its title and year.
 * - A show is one `watched` scrobble of its last watched episode, which advances ReelRifter's
 *   current episode; anime are numbered from the first episode, so no season is sent or guessed.
 * - A show with nothing watched sends nothing. A show whose episode is not known (a rated TV
 *   item of a TMDB-style account) is sent only if the person ticks it, as `watching`.
 * - What the person wants to watch, and ratings themselves, cannot be written through ReelRifter's
 *   public API: they are listed as such, never silently dropped.
 */
export function planOf(item: SourceItem): Plan {
  const media = normalizeMedia({
    title: item.title,
    mediaType: item.mediaType,
    ...(item.year !== undefined ? { year: item.year } : {}),
  });
  if (!media) return { kind: 'not-importable', reason: 'no-title' };
  if (item.list === 'watchlist') return { kind: 'not-importable', reason: 'want-to-watch' };
  if (item.mediaType === 'MOVIE') {
    return item.watched ? { kind: 'scrobble', action: 'watched', media } : { kind: 'not-importable', reason: 'want-to-watch' };
  }
  if (item.lastEpisode) {
    const { season, episode } = item.lastEpisode;
    return { kind: 'scrobble', action: 'watched', media: { ...media, ...(season !== undefined ? { season } : {}), episode } };
  }
  // A rated or liked show says it was watched, not how far.
  if (item.list === 'rated' || item.list === 'favorites') return { kind: 'scrobble', action: 'watching', media, optional: true };
  return { kind: 'not-importable', reason: 'nothing-watched' };
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

/** Two items of one title: the one that says more (watched over not, a later episode), with the latest date. */
export function mergeItems(a: SourceItem, b: SourceItem): SourceItem {
  const later = (x?: string, y?: string) => (x && y ? (x > y ? x : y) : (x ?? y));
  const furthest = (() => {
    const [x, y] = [a.lastEpisode, b.lastEpisode];
    if (!x || !y) return x ?? y;
    const ahead = (x.season ?? 0) > (y.season ?? 0) || ((x.season ?? 0) === (y.season ?? 0) && x.episode >= y.episode);
    return ahead ? x : y;
  })();
  const primary = a.list === 'watchlist' && b.list !== 'watchlist' ? b : a;
  return {
    ...primary,
    watched: a.watched || b.watched,
    ...(furthest ? { lastEpisode: furthest } : {}),
    ...(later(a.watchedAt, b.watchedAt) ? { watchedAt: later(a.watchedAt, b.watchedAt) } : {}),
    ids: { ...b.ids, ...a.ids },
    rating: a.rating ?? b.rating,
  };
}

/** Items of one read, each title once, merged, with the keys of every item that went into it. */
export function dedupe(items: readonly SourceItem[]): Array<{ item: SourceItem; keys: string[] }> {
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
    else group.item = mergeItems(group.item, item);
    // Two groups this item joins become one.
    for (const other of found.slice(1)) {
      group.item = mergeItems(group.item, other.item);
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
