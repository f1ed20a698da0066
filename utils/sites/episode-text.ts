/** Reads "S1:E3", "S1 E3", "S1, E3", "Season 1, Ep. 4", "Staffel 1, Folge 4", "Temporada 1, Ep. 4", "Saison 1, ép. 4". */
const SEASON_EPISODE = [
  /\bS\s*(\d{1,4})\s*[:,.·\s]\s*E(?:p\.?)?\s*(\d{1,5})\b/i,
  /\b(?:Season|Staffel|Temporada|Saison|Stagione|Seizoen)\s+(\d{1,4})\s*[,:·-]?\s*(?:Episode|Ep\.?|Folge|Episodio|Épisode|Ép\.?|Afl\.?|Aflevering|Cap\.?|Capítulo)\s*(\d{1,5})/iu,
];

export function parseSeasonEpisode(text: string): { season: number; episode: number; rest: string } | null {
  for (const pattern of SEASON_EPISODE) {
    const match = pattern.exec(text);
    if (match?.[1] && match[2]) {
      const rest = (text.slice(0, match.index) + text.slice(match.index + match[0].length)).replace(
        /^[\s:,.·-]+|[\s:,.·-]+$/g,
        '',
      );
      return { season: Number(match[1]), episode: Number(match[2]), rest };
    }
  }
  return null;
}

/** Drops version tags sites append to titles: " [dt./OV]", " (English Dub)", " (Subtitled)". */
export function cleanTitle(title: string): string {
  return title
    .replace(/\s*\[[^\]]{1,20}\]\s*$/u, '')
    .replace(/\s*\((?:[A-Za-zÀ-ÿ-]+\s+)?(?:Dub|Sub|Subbed|Dubbed|Subtitled|OV|OmU)\)\s*$/iu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
