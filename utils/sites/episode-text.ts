import type { Media } from '../media';
import { defined } from '../untrusted';

/**
 * Season and episode as players print them, most specific first:
 * - "S1:E3", "S1 E3", "S1, E3", "S01E03", "T1 Ep.2"
 * - "Season 1, Ep. 4", "Staffel 1, Folge 4", "Temporada 1, Ep. 4", "Saison 1, ép. 4", "Seizoen 1, afl. 6"
 * - Disney+'s localized short form: "S1: afl. 6" (Dutch), "Ř22:D10" (Czech). Its season marker is one or
 *   two capitals fixed to the number, so "Terminator 2: Judgment Day" and "F1: The Movie" stay titles.
 */
const SEASON_EPISODE = [
  /\b[ST]\s*(\d{1,4})\s*[:,.·]?\s*E(?:p\.?)?\s*(\d{1,5})\b/i,
  /\b(?:Season|Staffel|Temporada|Saison|Stagione|Seizoen)\s+(\d{1,4})\s*[,:·-]?\s*(?:Episode|Ep\.?|Folge|Episodio|Episódio|Épisode|Ép\.?|Afl\.?|Aflevering|Cap\.?|Capítulo)\s*(\d{1,5})/iu,
  /(?<![\p{L}\p{N}])\p{Lu}{1,2}(\d{1,3})\s?:\s?\p{L}{1,3}\.?\s?(\d{1,4})(?!\d)/u,
];

/** The numbers, the text around them (`rest`) and the text before them (`before`, a show's name in "Show Season 1 Episode 3: Name"). */
export function parseSeasonEpisode(text: string): { season: number; episode: number; rest: string; before: string } | null {
  for (const pattern of SEASON_EPISODE) {
    const match = pattern.exec(text);
    if (match?.[1] && match[2]) {
      const rest = (text.slice(0, match.index) + text.slice(match.index + match[0].length)).replace(
        /^[\s:,.·-]+|[\s:,.·-]+$/g,
        '',
      );
      const before = text.slice(0, match.index).replace(/[\s:,.·|–-]+$/, '');
      return { season: Number(match[1]), episode: Number(match[2]), rest, before };
    }
  }
  return null;
}

/** "Fallout - Season 1", "Fallout - Staffel 1", "Fallout シーズン1": a show's name and the season it ends with. */
const SEASON_AT_END = /\s*[-–,:]?\s*(?:(?:Season|Staffel|Temporada|Saison|Stagione|Seizoen)\s+|シーズン\s*)(\d{1,3})$/iu;

export function splitSeason(text: string): { title: string; season: number } | null {
  // Version tags first: "Fallout - Staffel 1 [dt./OV]" ends with its season once they are gone.
  const clean = cleanTitle(text);
  const match = SEASON_AT_END.exec(clean);
  const title = match ? cleanTitle(clean.slice(0, match.index)) : '';
  return match && title ? { title, season: Number(match[1]) } : null;
}

/** Drops version tags sites append to titles: " [dt./OV]", " [OV]", " (English Dub)", " (Subtitled)". */
export function cleanTitle(title: string): string {
  return title
    .replace(/(?<=\S)\s+\[[^\]]{1,20}\]\s*$/u, '')
    .replace(/(?<=\S)\s+\((?:[A-Za-zÀ-ÿ-]+\s+)?(?:Dub|Sub|Subbed|Dubbed|Subtitled|OV|OmU)\)\s*$/iu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A player's title line and the line under it, on sites that print a second line only for episodes:
 * no second line means a film. A second line that names no season and episode says nothing of the type.
 */
export function mediaFromPlayerLines(title: string | undefined, subtitle: string | undefined): Media | null {
  const name = title ? cleanTitle(title) : '';
  if (!name) return null;
  if (!subtitle?.trim()) return { title: name, mediaType: 'MOVIE' };
  const numbers = parseSeasonEpisode(subtitle);
  return defined({
    title: name,
    mediaType: numbers ? ('TV' as const) : undefined,
    season: numbers?.season,
    episode: numbers?.episode,
  });
}
