import { describe, expect, it } from 'vitest';
import { normalizeMedia } from '@/utils/media';
import { cleanTitle, mediaFromPlayerLines, parseSeasonEpisode, splitSeason } from '@/utils/sites/episode-text';

describe('parseSeasonEpisode reads', () => {
  it.each([
    ['Season 1, Ep. 4 The Ghouls', 1, 4, 'The Ghouls'],
    ['Season 2, Episode 10', 2, 10, ''],
    ['Staffel 1, Folge 4 Die Ghule', 1, 4, 'Die Ghule'],
    ['Temporada 1, Ep. 4 Los necrófagos', 1, 4, 'Los necrófagos'],
    ['Temporada 3, Episodio 12', 3, 12, ''],
    ['Saison 1, ép. 4 Les Goules', 1, 4, 'Les Goules'],
    ['Saison 1, épisode 2 Sois prudent', 1, 2, 'Sois prudent'],
    ['Seizoen 2, afl. 3', 2, 3, ''],
    ['Stagione 1, Ep. 5', 1, 5, ''],
    ['S1:E3 Pilot', 1, 3, 'Pilot'],
    ['S1 E3 Pilot', 1, 3, 'Pilot'],
    ['S1, E3', 1, 3, ''],
    ['S3 E12 Finale', 3, 12, 'Finale'],
    ['S01E03', 1, 3, ''],
    ['T1 Ep.2 O Começo', 1, 2, 'O Começo'],
    ['S1: afl. 6 One World, One People', 1, 6, 'One World, One People'],
    ['Ř22:D10 Záhada nad Středozemním mořem', 22, 10, 'Záhada nad Středozemním mořem'],
    ['S1 E1 The Mentalist: Season 1 Episode 1 Pilot', 1, 1, 'The Mentalist: Season 1 Episode 1 Pilot'],
  ])('%j', (text, season, episode, rest) => {
    expect(parseSeasonEpisode(text)).toEqual({ season, episode, rest, before: '' });
  });
});

describe('parseSeasonEpisode: the text before the numbers', () => {
  it.each([
    ['The Mentalist Season 1 Episode 3: Red Tide', 1, 3, 'The Mentalist', 'The Mentalist : Red Tide'],
    ['Fallout - S1:E4 - The Ghouls', 1, 4, 'Fallout', 'Fallout -  - The Ghouls'],
    ['Fallout | S1 E4', 1, 4, 'Fallout', 'Fallout |'],
    ['Fallout: Staffel 1, Folge 4', 1, 4, 'Fallout', 'Fallout'],
    ['Severance · S2 E4 · Woe’s Hollow', 2, 4, 'Severance', 'Severance ·  · Woe’s Hollow'],
    ['Love, Death & Robots – S3 E1', 3, 1, 'Love, Death & Robots', 'Love, Death & Robots –'],
    ['S1:E3 Pilot', 1, 3, '', 'Pilot'],
  ])('%j', (text, season, episode, before, rest) => {
    expect(parseSeasonEpisode(text)).toEqual({ season, episode, rest, before });
  });
});

describe('parseSeasonEpisode finds nothing in', () => {
  it.each([
    'Episode 4',
    'Ep. 4',
    'Folge 12',
    '2024',
    '1917',
    "Ocean's 11",
    'Apollo 13',
    'Blade Runner 2049',
    'Terminator 2: Judgment Day',
    'F1: The Movie',
    'Se7en',
    'S.W.A.T.',
    'Season 1',
    'Staffel 2',
    '',
  ])('%j', (text) => {
    expect(parseSeasonEpisode(text)).toBeNull();
  });
});

describe('splitSeason', () => {
  it.each([
    ['Fallout - Season 1', 'Fallout', 1],
    ['Fallout – Season 2', 'Fallout', 2],
    ['Fallout, Season 3', 'Fallout', 3],
    ['Fallout: Staffel 1', 'Fallout', 1],
    ['Fallout Temporada 2', 'Fallout', 2],
    ['The Boys - Saison 4', 'The Boys', 4],
    ['Gomorra - Stagione 5', 'Gomorra', 5],
    ['Undercover - Seizoen 3', 'Undercover', 3],
    ['Fallout シーズン1', 'Fallout', 1],
    ['Reacher season 10', 'Reacher', 10],
    ['Fallout [dt./OV] - Staffel 1', 'Fallout', 1],
  ])('%j', (text, title, season) => {
    expect(splitSeason(text)).toEqual({ title, season });
  });

  it.each([
    'Fallout',
    'Season 1',
    ' - Season 1',
    'Fallout - Season 1 Episode 3',
    'Fallout - Season 1: The Ghouls',
    'Fallout - Season One',
    'Fallout - Season 1000',
    'Season 1 of Fallout',
    'Fallout Season',
    '',
  ])('finds no season at the end of %j', (text) => {
    expect(splitSeason(text)).toBeNull();
  });
});

describe('cleanTitle', () => {
  it.each([
    ['Fallout [dt./OV]', 'Fallout'],
    ['The Boys [OV]', 'The Boys'],
    ['Frieren: Beyond Journey’s End (English Dub)', 'Frieren: Beyond Journey’s End'],
    ['Spy x Family (Subtitled)', 'Spy x Family'],
    ['Jujutsu Kaisen (German Dub)', 'Jujutsu Kaisen'],
    ['  Severance  ', 'Severance'],
    ['Ocean’s  Eleven', 'Ocean’s Eleven'],
  ])('%j → %j', (title, clean) => {
    expect(cleanTitle(title)).toBe(clean);
  });

  it.each(['[REC]', '[REC] 2', 'Sub (2019)', '1917', "Ocean's 11", 'Mission: Impossible (1996)'])('keeps %j', (title) => {
    expect(cleanTitle(title)).toBe(title);
  });
});

describe('mediaFromPlayerLines', () => {
  it.each([
    ['Fallout', 'Season 1, Ep. 4 The Ghouls', { title: 'Fallout', mediaType: 'TV', season: 1, episode: 4 }],
    ['Oppenheimer', undefined, { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    ['Oppenheimer', '  ', { title: 'Oppenheimer', mediaType: 'MOVIE' }],
    ['Fallout [dt./OV]', 'Staffel 1, Folge 4', { title: 'Fallout', mediaType: 'TV', season: 1, episode: 4 }],
    ['Andor', 'Episode 3', { title: 'Andor' }],
  ])('%j / %j', (title, subtitle, expected) => {
    expect(mediaFromPlayerLines(title, subtitle)).toEqual(expected);
  });

  it.each([undefined, '', ' '])('names nothing without a title (%j)', (title) => {
    expect(mediaFromPlayerLines(title, 'S1:E3')).toBeNull();
  });
});

describe('normalizeMedia', () => {
  it('removes invisible format characters, keeping the joiners emoji and some scripts need', () => {
    const media = normalizeMedia({ title: 'Evil\u202Eexe.mp4\u202C \u2066x\u2069 👩‍👩‍👧 می‌خواهم\uFEFF\u200B' });
    expect(media?.title).toBe('Evilexe.mp4 x 👩‍👩‍👧 می‌خواهم');
    expect(media?.title).not.toMatch(/[\u202A-\u202E\u2066-\u2069\uFEFF\u200B]/);
  });
});
