/**
 * A Netflix title as its files write it, `Show: Season: Episode` in the profile's language, split
 * into what it names. Netflix joins the show, the season (left out when a show has one) and the
 * episode with ": ", and a film's own name may hold ": " too, so a title without a season word is
 * read every way it can be, best first, and left for the person (or the site's metadata) to settle.
 * An episode's number is taken only where the title writes it: "… (Episode 4)", or an episode
 * titled "Episode 4"; never from its place in a list.
 */
export type TitleReading =
  | { mediaType: 'MOVIE'; title: string }
  | { mediaType: 'TV'; show: string; season?: number; seasonName?: string; episodeTitle?: string; episode?: number };

export interface NetflixTitle {
  kind: 'film' | 'episode' | 'uncertain';
  /** One reading, or several (best first) when `uncertain`. */
  readings: TitleReading[];
}

/** Season words whose number is the season's, in English, German, Spanish, French and Portuguese. */
const SEASON =
  /^(?:(?:Season|Series|Staffel|Temporada|Saison)\s+(\d{1,3})|(\d{1,3})(?:\.|ª|º|re|e|ère)?\s+(?:Staffel|Temporada|Saison|Season))(?!\d)/iu;
/** Parts and volumes: a season's name, but their numbers are not always the season's (Money Heist's parts, Stranger Things 4's volumes). */
const PART =
  /^(?:Part|Volume|Vol\.|Book|Collection|Teil|Band|Buch|Parte|Volumen|Libro|Partie|Livre|Livro)\s+(?:\d{1,3}|[IVX]{1,5}|[A-Z])(?![\p{L}\d])/u;
/**
 * A series of one season, which Netflix names instead of "Season 1". The words other languages
 * use are taken from how the languages say it; the English one is the only one seen in files.
 */
const LIMITED =
  /^(?:Limited Series|Miniseries|Mini-Series|Miniserie|Limitierte Serie|Serie limitada|Miniserie limitada|Série limitée|Minisérie|Mini-série|Minissérie|Série limitada)$/iu;
const EPISODE_WORD = '(?:Episode|Folge|Episodio|Episódio|Épisode)';
const NUMBERED = new RegExp(`\\s*\\(${EPISODE_WORD}\\s+(\\d{1,4})\\)$`, 'iu');
const EPISODE_ONLY = new RegExp(`^${EPISODE_WORD}\\s+(\\d{1,4})$`, 'iu');

export function splitNetflixTitle(title: string, knownShows: ReadonlySet<string> = new Set()): NetflixTitle {
  const numbered = NUMBERED.exec(title);
  const suffix = numbered ? Number(numbered[1]) : undefined;
  const parts = (numbered ? title.slice(0, numbered.index) : title)
    .split(': ')
    .map((part) => part.trim())
    .filter(Boolean);
  const episode = (show: string, episodeTitle: string, season?: { season?: number; name: string }): TitleReading => {
    const number = suffix ?? numberOf(episodeTitle);
    return {
      mediaType: 'TV',
      show,
      ...(season?.season !== undefined ? { season: season.season } : {}),
      ...(season ? { seasonName: season.name } : {}),
      ...(episodeTitle ? { episodeTitle } : {}),
      ...(number !== undefined ? { episode: number } : {}),
    };
  };

  // The first season word with something after it: what is before is the show, what is after the episode.
  const at = parts.findIndex((part, i) => i > 0 && i < parts.length - 1 && seasonOf(part) !== undefined);
  const named = parts[at];
  if (at > 0 && named !== undefined) {
    return one(episode(parts.slice(0, at).join(': '), parts.slice(at + 1).join(': '), { ...seasonOf(named), name: named }));
  }
  const [first = title.trim(), second, ...more] = parts;
  if (second === undefined) return one(suffix === undefined ? { mediaType: 'MOVIE', title: first } : episode(first, ''));

  const readings: TitleReading[] =
    more.length === 0
      ? // Show: episode, a show of one season (Wednesday: Woe What a Week).
        [episode(first, second)]
      : [
          // Show: named season: episode (American Horror Story: Murder House: Pilot).
          episode(first, more.join(': '), { name: second }),
          // A show whose own name holds ": ", of one season.
          episode(parts.slice(0, -1).join(': '), parts.at(-1) ?? ''),
        ];
  // A film whose name holds ": " (King Arthur: Legend of the Sword), unless the title numbers an episode.
  if (suffix === undefined) readings.push({ mediaType: 'MOVIE', title: parts.join(': ') });

  // A show the same file names with a season word is that show.
  const known = readings.filter((r) => r.mediaType === 'TV' && knownShows.has(showKey(r.show)));
  const [settled] = readings.length === 1 ? readings : known;
  return settled && (readings.length === 1 || known.length === 1) ? one(settled) : { kind: 'uncertain', readings };
}

/** The shows a file's titles name for certain (with a season word), to settle its other titles by. */
export function knownShowsOf(titles: Iterable<string>): Set<string> {
  const shows = new Set<string>();
  for (const title of titles) {
    const split = splitNetflixTitle(title);
    const [reading] = split.readings;
    if (split.kind === 'episode' && reading?.mediaType === 'TV') shows.add(showKey(reading.show));
  }
  return shows;
}

const showKey = (show: string) => show.normalize('NFC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();

function seasonOf(part: string): { season?: number } | undefined {
  const season = SEASON.exec(part);
  if (season) return { season: Number(season[1] ?? season[2]) };
  if (LIMITED.test(part)) return { season: 1 };
  return PART.test(part) ? {} : undefined;
}

function numberOf(episodeTitle: string): number | undefined {
  const match = EPISODE_ONLY.exec(episodeTitle.trim());
  return match ? Number(match[1]) : undefined;
}

const one = (reading: TitleReading): NetflixTitle => ({
  kind: reading.mediaType === 'MOVIE' ? 'film' : 'episode',
  readings: [reading],
});
