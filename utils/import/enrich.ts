import type { SourceItem } from '../model/import';
import { asReading } from './plan';
import { looseTitle } from './titles';

/**
 * What a site's own record tells of the items its export files hold: Netflix's files name an
 * episode by its title alone and say how far a viewing got without the title's runtime, and a
 * title with ": " may be a film or a show's episode. Where the person is signed in, the site's
 * viewing activity (each viewing with its show, episode title, season and number from the site's
 * metadata, and runtime) settles each of these for the titles it matches, by show and episode
 * title, or by the film's title. What it does not match stays as the files say.
 */
interface Known {
  lastEpisode?: { season?: number; episode: number };
  runtimeSeconds?: number;
}

const episodeKey = (show: string, episodeTitle: string) => `${looseTitle(show)}\u0000${looseTitle(episodeTitle)}`;
const numberKey = (show: string, at: { season?: number; episode: number }) =>
  `${looseTitle(show)}\u0000S${at.season ?? ''}E${at.episode}`;

export class SiteRecord {
  private readonly episodes = new Map<string, Known>();
  private readonly films = new Map<string, Known>();

  constructor(site: readonly SourceItem[]) {
    for (const item of site) {
      const known: Known = {
        ...(item.lastEpisode ? { lastEpisode: item.lastEpisode } : {}),
        ...(item.runtimeSeconds ? { runtimeSeconds: item.runtimeSeconds } : {}),
      };
      if (item.mediaType === 'MOVIE') this.films.set(looseTitle(item.title), known);
      else {
        if (item.episodeTitle) this.episodes.set(episodeKey(item.title, item.episodeTitle), known);
        if (item.lastEpisode) this.episodes.set(numberKey(item.title, item.lastEpisode), known);
      }
    }
  }

  get size(): number {
    return this.episodes.size + this.films.size;
  }

  /** What the site knows of one reading of a title, if it watched it. */
  private find(item: Pick<SourceItem, 'mediaType' | 'title' | 'episodeTitle' | 'lastEpisode'>): Known | undefined {
    if (item.mediaType === 'MOVIE') return this.films.get(looseTitle(item.title));
    if (item.episodeTitle) {
      const byName = this.episodes.get(episodeKey(item.title, item.episodeTitle));
      if (byName) return byName;
    }
    return item.lastEpisode ? this.episodes.get(numberKey(item.title, item.lastEpisode)) : undefined;
  }

  /** The item as the site settles it: its reading picked, its episode numbered, how far it got. */
  settle(item: SourceItem): SourceItem {
    let settled = item;
    if (item.readings?.length) {
      const readings = [item, ...item.readings];
      const matched = readings.flatMap((reading, i) => (this.find(reading) ? [i] : []));
      // Only one reading the site watched settles it; none or both leave it to the person.
      if (matched.length === 1) settled = asReading(item, matched[0] as number);
      else return item;
    }
    const known = this.find(settled);
    if (!known) return settled;
    const numbered =
      settled.mediaType === 'TV' && !settled.lastEpisode && known.lastEpisode
        ? { ...settled, lastEpisode: known.lastEpisode }
        : settled;
    if (numbered.bookmarkSeconds === undefined || !known.runtimeSeconds) return numbered;
    const progress = Math.round(Math.min(1, numbered.bookmarkSeconds / known.runtimeSeconds) * 1000) / 1000;
    return { ...numbered, progress };
  }
}
