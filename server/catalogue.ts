/**
 * The titles the stand-in can match a scrobble against: real films and series with public facts
 * only (title, first release year, TMDB id where known, episodes per season).
 */

export type MediaType = 'TV' | 'MOVIE';

export interface CatalogueEntry {
  tmdbId: number;
  title: string;
  /** Release year for films, first-air year for series. */
  year: number;
  mediaType: MediaType;
  /** Episodes per season; index 0 is season 1. Series only. */
  seasons?: readonly number[];
  /** Other names the title is known by (original-language titles, full titles). */
  aliases?: readonly string[];
}

type Draft = Omit<CatalogueEntry, 'tmdbId'> & { tmdbId?: number };

const tv = (title: string, year: number, seasons: readonly number[], tmdbId?: number, aliases?: string[]): Draft => ({
  title,
  year,
  mediaType: 'TV',
  seasons,
  tmdbId,
  aliases,
});

const movie = (title: string, year: number, tmdbId?: number, aliases?: string[]): Draft => ({
  title,
  year,
  mediaType: 'MOVIE',
  tmdbId,
  aliases,
});

const DRAFTS: readonly Draft[] = [
  // Series
  tv('Severance', 2022, [9, 10], 95396),
  tv('Stranger Things', 2016, [8, 9, 8, 9, 8], 66732),
  tv('The Crown', 2016, [10, 10, 10, 10, 10, 10], 65494),
  tv('Breaking Bad', 2008, [7, 13, 13, 13, 16], 1396),
  tv('Better Call Saul', 2015, [10, 10, 10, 10, 10, 13], 60059),
  tv('The Office', 2005, [6, 22, 25, 19, 28, 26, 26, 24, 25], 2316),
  tv('The Office', 2001, [6, 6], 2996),
  tv('The Witcher', 2019, [8, 8, 8, 8], 71912),
  tv('Wednesday', 2022, [8, 8], 119051),
  tv('Squid Game', 2021, [9, 7, 6], 93405, ['Ojingeo Geim']),
  tv('Dark', 2017, [10, 8, 8], 70523),
  tv('Money Heist', 2017, [13, 9, 8, 8, 10], 71446, ['La Casa de Papel']),
  tv('The Mandalorian', 2019, [8, 8, 8], 82856),
  tv('Andor', 2022, [12, 12], 83867),
  tv('Loki', 2021, [6, 6], 84958),
  tv('The Bear', 2022, [8, 10, 10, 10], 136315),
  tv('Shōgun', 2024, [10], 126308),
  tv('The Last of Us', 2023, [9, 7], 100088),
  tv('House of the Dragon', 2022, [10, 8], 94997),
  tv('Succession', 2018, [10, 10, 9, 10], 76331),
  tv('The Boys', 2019, [8, 8, 8, 8], 76479),
  tv('Fallout', 2024, [8, 8], 106379),
  tv('Ted Lasso', 2020, [10, 12, 12], 97546),
  tv('Arcane', 2021, [9, 9], 94605),
  tv('One Piece', 2023, [8], 111110),
  tv('Black Mirror', 2011, [3, 3, 6, 6, 3, 5, 6], 42009),
  tv("The Queen's Gambit", 2020, [7], 87739),
  tv('Bridgerton', 2020, [8, 8, 8], 91239),
  tv('Game of Thrones', 2011, [10, 10, 10, 10, 10, 10, 7, 6], 1399),
  tv('The Sopranos', 1999, [13, 13, 13, 13, 13, 21], 1398),
  tv('Friends', 1994, [24, 24, 25, 24, 24, 25, 24, 24, 24, 18], 1668),
  tv('The Wire', 2002, [13, 12, 12, 13, 10], 1438),
  tv('Lost', 2004, [25, 24, 23, 14, 17, 18], 4607),
  tv('Chernobyl', 2019, [5], 87108),
  tv('Peaky Blinders', 2013, [6, 6, 6, 6, 6, 6], 60574),
  tv('Sherlock', 2010, [3, 3, 3, 3], 19885),
  tv('Ozark', 2017, [10, 10, 10, 14], 69740),
  tv('Narcos', 2015, [10, 10, 10], 63351),
  tv('Mindhunter', 2017, [10, 9], 67744),
  tv('The Umbrella Academy', 2019, [10, 10, 10, 6], 75006),
  tv('You', 2018, [10, 10, 10, 10, 10], 78191),
  tv('Cobra Kai', 2018, [10, 10, 10, 10, 10, 15], 77169),
  tv('Sex Education', 2019, [8, 8, 8, 8], 81356),
  tv('The Haunting of Hill House', 2018, [10], 72844),
  tv('3 Body Problem', 2024, [8], 108545),
  tv('The Night Agent', 2023, [10, 10], 129552),
  tv('Westworld', 2016, [10, 10, 8, 8], 63247),
  tv('Euphoria', 2019, [8, 8], 85552),
  tv('The White Lotus', 2021, [6, 7, 8], 111803),
  tv('True Detective', 2014, [8, 8, 8, 6], 46648),
  tv('Band of Brothers', 2001, [10], 4613),
  tv('Mare of Easttown', 2021, [7]),
  tv('The Lord of the Rings: The Rings of Power', 2022, [8, 8], 84773, ['The Rings of Power']),
  tv('Reacher', 2022, [8, 8, 8], 108978),
  tv('Invincible', 2021, [8, 8, 8], 95557),
  tv('The Marvelous Mrs. Maisel', 2017, [8, 10, 8, 9, 9], 70796),
  tv('Fleabag', 2016, [6, 6], 67070),
  tv("The Handmaid's Tale", 2017, [10, 13, 13, 10, 10, 10], 69478),
  tv('Only Murders in the Building', 2021, [10, 10, 10, 10, 10], 107113),
  tv('Slow Horses', 2022, [6, 6, 6, 6, 6]),
  tv('Silo', 2023, [10, 10], 125988),
  tv('Foundation', 2021, [10, 10, 10], 93740),
  tv('Beef', 2023, [10]),
  tv('The Last Kingdom', 2015, [8, 8, 10, 10, 10], 63333),
  tv('Dune: Prophecy', 2024, [6], 90228),

  // Films
  movie('Dune', 1984, 841),
  movie('Dune', 2021, 438631, ['Dune: Part One']),
  movie('Dune: Part Two', 2024, 693134),
  movie('Oppenheimer', 2023, 872585),
  movie('Barbie', 2023, 346698),
  movie('Glass Onion: A Knives Out Mystery', 2022, 661374, ['Glass Onion']),
  movie('Knives Out', 2019, 546554),
  movie('The Irishman', 2019, 398978),
  movie('Roma', 2018, 426426),
  movie('Inception', 2010, 27205),
  movie('Interstellar', 2014, 157336),
  movie('Parasite', 2019, 496243, ['Gisaengchung']),
  movie('Everything Everywhere All at Once', 2022, 545611),
  movie('The Matrix', 1999, 603),
  movie('Spirited Away', 2001, 129, ['Sen to Chihiro no Kamikakushi']),
  movie('The Dark Knight', 2008, 155),
  movie('Fight Club', 1999, 550),
  movie('Pulp Fiction', 1994, 680),
  movie('The Shawshank Redemption', 1994, 278),
  movie('The Godfather', 1972, 238),
  movie('Forrest Gump', 1994, 13),
  movie('Titanic', 1997, 597),
  movie('Avatar', 2009, 19995),
  movie('Avengers: Endgame', 2019, 299534),
  movie('Spider-Man: Into the Spider-Verse', 2018, 324857),
  movie('Spider-Man: No Way Home', 2021, 634649),
  movie('Top Gun: Maverick', 2022, 361743),
  movie('The Lord of the Rings: The Fellowship of the Ring', 2001, 120),
  movie('Star Wars', 1977, 11, ['Star Wars: Episode IV - A New Hope']),
  movie('Rogue One: A Star Wars Story', 2016, 330459),
  movie('Jurassic Park', 1993, 329),
  movie('Back to the Future', 1985, 105),
  movie('Get Out', 2017, 419430),
  movie('Joker', 2019, 475557),
  movie('La La Land', 2016, 313369),
  movie('Mad Max: Fury Road', 2015, 76341),
  movie('Gladiator', 2000, 98),
  movie('The Lion King', 1994, 8587),
  movie('The Lion King', 2019, 420818),
  movie('Toy Story', 1995, 862),
  movie('Up', 2009, 14160),
  movie('WALL·E', 2008, 10681),
  movie('Coco', 2017, 354912),
  movie('Frozen', 2013, 109445),
  movie('Encanto', 2021, 568124),
  movie('Soul', 2020, 508442),
  movie('Inside Out 2', 2024, 1022789),
  movie('Guardians of the Galaxy', 2014, 118340),
  movie('Deadpool & Wolverine', 2024, 533535),
  movie('Amélie', 2001, 194, ["Le Fabuleux Destin d'Amélie Poulain"]),
  movie('Bird Box', 2018, 405774),
  movie('Red Notice', 2021, 512195),
  movie('Extraction', 2020, 545609),
  movie('The Gray Man', 2022, 725201),
  movie("Don't Look Up", 2021, 646380),
  movie('Marriage Story', 2019, 492188),
  movie('All Quiet on the Western Front', 2022, 49046),
  movie('Killers of the Flower Moon', 2023, 466420),
  movie('Poor Things', 2023, 792307),
  movie('Past Lives', 2023, 666277),
  movie('Godzilla Minus One', 2023, 940721),
  movie('Wicked', 2024, 402431),
];

/**
 * Lower case, no diacritics, apostrophes dropped, other punctuation as spaces, "&" as "and",
 * and a leading "the" removed, so "The Queen's Gambit" and "queens gambit" compare equal.
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** A stable made-up id for titles whose TMDB id we do not state, far above today's real ids. */
function derivedId(draft: Draft): number {
  let hash = 0x811c9dc5;
  for (const char of `${draft.mediaType}:${normaliseTitle(draft.title)}:${draft.year}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 90_000_000 + (hash % 9_000_000);
}

function build(drafts: readonly Draft[]): CatalogueEntry[] {
  const seen = new Set<number>();
  return drafts.map((draft) => {
    let tmdbId = draft.tmdbId ?? derivedId(draft);
    while (draft.tmdbId === undefined && seen.has(tmdbId)) tmdbId += 1;
    if (seen.has(tmdbId)) throw new Error(`catalogue: duplicate id ${tmdbId} for ${draft.title}`);
    seen.add(tmdbId);
    const entry: CatalogueEntry = { tmdbId, title: draft.title, year: draft.year, mediaType: draft.mediaType };
    if (draft.seasons) entry.seasons = draft.seasons;
    if (draft.aliases) entry.aliases = draft.aliases;
    return entry;
  });
}

export const CATALOGUE: readonly CatalogueEntry[] = build(DRAFTS);

export interface MatchQuery {
  title: string;
  mediaType?: MediaType;
  year?: number;
  season?: number;
  episode?: number;
}

export interface CatalogueMatch {
  entry: CatalogueEntry;
  /** Set for series scrobbles that named an episode (season defaults to 1 when only the episode is given). */
  season?: number;
  episode?: number;
  /** Season 0: the show matches but its progress does not move. */
  special: boolean;
}

/**
 * Finds the one title a scrobble refers to, or null. Among entries sharing the title (and the
 * media type, when given), a year picks the closest within ±1; without a year the most recent wins.
 * A season or episode that the matched series does not have is no match at all.
 */
export function matchTitle(query: MatchQuery, catalogue: readonly CatalogueEntry[] = CATALOGUE): CatalogueMatch | null {
  const wanted = normaliseTitle(query.title);
  if (!wanted) return null;
  const candidates = catalogue.filter(
    (entry) =>
      (query.mediaType === undefined || entry.mediaType === query.mediaType) &&
      [entry.title, ...(entry.aliases ?? [])].some((name) => normaliseTitle(name) === wanted),
  );
  const entry = pickByYear(candidates, query.year);
  if (!entry) return null;
  if (entry.mediaType === 'MOVIE') {
    return query.season === undefined && query.episode === undefined ? { entry, special: false } : null;
  }
  if (query.season === undefined && query.episode === undefined) return { entry, special: false };

  const season = query.season ?? 1;
  if (season === 0) return { entry, season, ...(query.episode === undefined ? {} : { episode: query.episode }), special: true };
  const episodes = entry.seasons?.[season - 1];
  if (episodes === undefined) return null;
  if (query.episode === undefined) return { entry, season, special: false };
  if (query.episode < 1 || query.episode > episodes) return null;
  return { entry, season, episode: query.episode, special: false };
}

function pickByYear(candidates: readonly CatalogueEntry[], year: number | undefined): CatalogueEntry | undefined {
  const pool = year === undefined ? candidates : candidates.filter((entry) => Math.abs(entry.year - year) <= 1);
  const distance = (entry: CatalogueEntry) => (year === undefined ? 0 : Math.abs(entry.year - year));
  return [...pool].sort((a, b) => distance(a) - distance(b) || b.year - a.year)[0];
}

/** The last episode of the last season: watching it finishes the show. */
export function isFinale(entry: CatalogueEntry, season: number, episode: number): boolean {
  const seasons = entry.seasons ?? [];
  return seasons.length > 0 && season === seasons.length && episode === seasons[seasons.length - 1];
}

export function findByTmdbId(tmdbId: number, catalogue: readonly CatalogueEntry[] = CATALOGUE): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.tmdbId === tmdbId);
}
