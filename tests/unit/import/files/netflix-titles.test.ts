import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownShowsOf, type NetflixTitle, splitNetflixTitle, type TitleReading } from '@/utils/import/files/netflix-titles';

const episode = (show: string, fields: Omit<Extract<TitleReading, { mediaType: 'TV' }>, 'mediaType' | 'show'>): TitleReading => ({
  mediaType: 'TV',
  show,
  ...fields,
});
const film = (title: string): TitleReading => ({ mediaType: 'MOVIE', title });
const certain = (reading: TitleReading): NetflixTitle => ({
  kind: reading.mediaType === 'MOVIE' ? 'film' : 'episode',
  readings: [reading],
});

describe('a Netflix title split into show, season and episode', () => {
  it.each<[string, NetflixTitle]>([
    // English
    [
      'Wednesday: Season 1: Wednesday’s Child Is Full of Woe',
      certain(episode('Wednesday', { season: 1, seasonName: 'Season 1', episodeTitle: 'Wednesday’s Child Is Full of Woe' })),
    ],
    [
      'The Queen’s Gambit: Limited Series: Openings',
      certain(episode('The Queen’s Gambit', { season: 1, seasonName: 'Limited Series', episodeTitle: 'Openings' })),
    ],
    [
      'Crash Landing on You: Season 1: Episode 3',
      certain(episode('Crash Landing on You', { season: 1, seasonName: 'Season 1', episodeTitle: 'Episode 3', episode: 3 })),
    ],
    [
      'Top Boy: Series 2: Episode 10',
      certain(episode('Top Boy', { season: 2, seasonName: 'Series 2', episodeTitle: 'Episode 10', episode: 10 })),
    ],
    [
      'Money Heist: Part 3: Episode 1',
      certain(episode('Money Heist', { seasonName: 'Part 3', episodeTitle: 'Episode 1', episode: 1 })),
    ],
    [
      'Love, Death & Robots: Volume 2: Automated Customer Service',
      certain(episode('Love, Death & Robots', { seasonName: 'Volume 2', episodeTitle: 'Automated Customer Service' })),
    ],
    [
      'The Crown: Season 1: Wolferton Splash (Episode 1)',
      certain(episode('The Crown', { season: 1, seasonName: 'Season 1', episodeTitle: 'Wolferton Splash', episode: 1 })),
    ],
    [
      'Star Wars: The Clone Wars: Season 7: Victory and Death',
      certain(episode('Star Wars: The Clone Wars', { season: 7, seasonName: 'Season 7', episodeTitle: 'Victory and Death' })),
    ],
    [
      'Arrested Development: Season 4: Episode 1: Flight of the Phoenix',
      certain(
        episode('Arrested Development', { season: 4, seasonName: 'Season 4', episodeTitle: 'Episode 1: Flight of the Phoenix' }),
      ),
    ],
    ['Extraction', certain(film('Extraction'))],
    // German
    [
      'Dark: Staffel 1: Geheimnisse',
      certain(episode('Dark', { season: 1, seasonName: 'Staffel 1', episodeTitle: 'Geheimnisse' })),
    ],
    ['Dark: 1. Staffel: Lügen', certain(episode('Dark', { season: 1, seasonName: '1. Staffel', episodeTitle: 'Lügen' }))],
    [
      'Babylon Berlin: Staffel 2 – Teil B: Folge 3',
      certain(episode('Babylon Berlin', { season: 2, seasonName: 'Staffel 2 – Teil B', episodeTitle: 'Folge 3', episode: 3 })),
    ],
    [
      'Haus des Geldes: Teil 3: Folge 1',
      certain(episode('Haus des Geldes', { seasonName: 'Teil 3', episodeTitle: 'Folge 1', episode: 1 })),
    ],
    [
      'Das Damengambit: Miniserie: Eröffnungen',
      certain(episode('Das Damengambit', { season: 1, seasonName: 'Miniserie', episodeTitle: 'Eröffnungen' })),
    ],
    // Spanish
    [
      'Élite: Temporada 1: Bienvenidos',
      certain(episode('Élite', { season: 1, seasonName: 'Temporada 1', episodeTitle: 'Bienvenidos' })),
    ],
    [
      'La casa de papel: Parte 1: Episodio 1',
      certain(episode('La casa de papel', { seasonName: 'Parte 1', episodeTitle: 'Episodio 1', episode: 1 })),
    ],
    [
      'Gambito de dama: Serie limitada: Aperturas',
      certain(episode('Gambito de dama', { season: 1, seasonName: 'Serie limitada', episodeTitle: 'Aperturas' })),
    ],
    // French
    ['Lupin: Saison 1: Chapitre 1', certain(episode('Lupin', { season: 1, seasonName: 'Saison 1', episodeTitle: 'Chapitre 1' }))],
    [
      'Arcane: Saison 2: Épisode 4',
      certain(episode('Arcane', { season: 2, seasonName: 'Saison 2', episodeTitle: 'Épisode 4', episode: 4 })),
    ],
    [
      'Le Jeu de la dame: Minisérie: Ouvertures',
      certain(episode('Le Jeu de la dame', { season: 1, seasonName: 'Minisérie', episodeTitle: 'Ouvertures' })),
    ],
    ['Dix pour cent: Partie 2: Julien', certain(episode('Dix pour cent', { seasonName: 'Partie 2', episodeTitle: 'Julien' }))],
    // Portuguese
    [
      'Sintonia: Temporada 1: Episódio 2',
      certain(episode('Sintonia', { season: 1, seasonName: 'Temporada 1', episodeTitle: 'Episódio 2', episode: 2 })),
    ],
    [
      'Cidade Invisível: 1ª Temporada: Ep. Piloto',
      certain(episode('Cidade Invisível', { season: 1, seasonName: '1ª Temporada', episodeTitle: 'Ep. Piloto' })),
    ],
    [
      'O Gambito da Rainha: Minissérie: Aberturas',
      certain(episode('O Gambito da Rainha', { season: 1, seasonName: 'Minissérie', episodeTitle: 'Aberturas' })),
    ],
    [
      'Sintonia: Temporada 2: Parte 1',
      certain(episode('Sintonia', { season: 2, seasonName: 'Temporada 2', episodeTitle: 'Parte 1' })),
    ],
  ])('%s', (title, split) => {
    expect(splitNetflixTitle(title)).toEqual(split);
  });

  it('reads a title with a colon and no season word both ways: a film’s name, or a show’s episode', () => {
    expect(splitNetflixTitle('King Arthur: Legend of the Sword')).toEqual({
      kind: 'uncertain',
      readings: [episode('King Arthur', { episodeTitle: 'Legend of the Sword' }), film('King Arthur: Legend of the Sword')],
    });
    expect(splitNetflixTitle('Kill Bill: Vol. 1')).toEqual({
      kind: 'uncertain',
      readings: [episode('Kill Bill', { episodeTitle: 'Vol. 1' }), film('Kill Bill: Vol. 1')],
    });
  });

  it('reads a named season (American Horror Story: Murder House), a show with a colon, and a film', () => {
    expect(splitNetflixTitle('American Horror Story: Murder House: Pilot')).toEqual({
      kind: 'uncertain',
      readings: [
        episode('American Horror Story', { seasonName: 'Murder House', episodeTitle: 'Pilot' }),
        episode('American Horror Story: Murder House', { episodeTitle: 'Pilot' }),
        film('American Horror Story: Murder House: Pilot'),
      ],
    });
    expect(splitNetflixTitle('Stranger Things: Stranger Things 2: Chapter One: MADMAX').readings[0]).toEqual(
      episode('Stranger Things', { seasonName: 'Stranger Things 2', episodeTitle: 'Chapter One: MADMAX' }),
    );
  });

  it('never reads a title that numbers its episode as a film, and takes the number', () => {
    expect(splitNetflixTitle('DAHMER: Monster: The Jeffrey Dahmer Story: The Good Boy Box (Episode 4)')).toEqual({
      kind: 'uncertain',
      readings: [
        episode('DAHMER', { seasonName: 'Monster', episodeTitle: 'The Jeffrey Dahmer Story: The Good Boy Box', episode: 4 }),
        episode('DAHMER: Monster: The Jeffrey Dahmer Story', { episodeTitle: 'The Good Boy Box', episode: 4 }),
      ],
    });
    expect(splitNetflixTitle('Wednesday: Woe What a Week (Episode 1)')).toEqual(
      certain(episode('Wednesday', { episodeTitle: 'Woe What a Week', episode: 1 })),
    );
    expect(splitNetflixTitle('Fauda (Episode 2)')).toEqual(certain(episode('Fauda', { episode: 2 })));
  });

  it('settles a title by the shows the same file names for certain', () => {
    const known = knownShowsOf([
      'Wednesday: Season 1: Woe Is the Loneliest Number',
      'Extraction',
      'King Arthur: Legend of the Sword',
    ]);
    expect([...known]).toEqual(['wednesday']);
    expect(splitNetflixTitle('Wednesday: Woe What a Week', known)).toEqual(
      certain(episode('Wednesday', { episodeTitle: 'Woe What a Week' })),
    );
    expect(splitNetflixTitle('King Arthur: Legend of the Sword', known).kind).toBe('uncertain');
    expect(
      splitNetflixTitle('American Horror Story: Murder House: Pilot', new Set(['american horror story: murder house'])),
    ).toEqual(certain(episode('American Horror Story: Murder House', { episodeTitle: 'Pilot' })));
  });

  it('takes no number from a title that only looks like one', () => {
    for (const title of [
      'The Mandalorian: Season 1: Chapter 3: The Sin',
      'Show: Season 1: Episode 3 Part 2',
      'Show: Season 1: The 12th Episode',
    ]) {
      const [reading] = splitNetflixTitle(title).readings;
      expect(reading?.mediaType === 'TV' && reading.episode, title).toBeUndefined();
    }
    // A season word with nothing after it is no season: a film's part, or a show's episode.
    expect(splitNetflixTitle('Dune: Part Two').kind).toBe('uncertain');
  });

  it('never throws, and every reading names something, on any title', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.constantFrom(': ', 'Season 2', 'Staffel 1', 'Limited Series', ' (Episode 3)', 'Part 1', ''),
          ),
          {
            maxLength: 8,
          },
        ),
        (pieces) => {
          const split = splitNetflixTitle(pieces.join(''));
          expect(split.readings.length).toBeGreaterThan(0);
          expect(split.kind === 'uncertain').toBe(split.readings.length > 1);
        },
      ),
      { numRuns: 500, seed: 20261201 },
    );
  });
});
