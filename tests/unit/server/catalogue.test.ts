/** The stand-in's catalogue: its titles and how it normalises them for matching. */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, matchTitle, normaliseTitle } from '../../../server/catalogue';

describe('catalogue', () => {
  it('holds at least 60 titles with unique ids and real season structure for series', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CATALOGUE.map((entry) => entry.tmdbId)).size).toBe(CATALOGUE.length);
    for (const entry of CATALOGUE) {
      if (entry.mediaType === 'TV') {
        expect(entry.seasons?.length, entry.title).toBeGreaterThan(0);
        for (const episodes of entry.seasons ?? []) expect(Number.isInteger(episodes) && episodes > 0, entry.title).toBe(true);
      } else {
        expect(entry.seasons, entry.title).toBeUndefined();
      }
    }
  });

  it('normalises case, diacritics, punctuation, "&" and a leading "The"', () => {
    expect(normaliseTitle("The Queen's Gambit")).toBe(normaliseTitle('queens gambit'));
    expect(normaliseTitle('Shōgun')).toBe('shogun');
    expect(normaliseTitle('Deadpool & Wolverine')).toBe(normaliseTitle('Deadpool and Wolverine'));
    expect(normaliseTitle('WALL·E')).toBe(normaliseTitle('Wall-E'));
    expect(normaliseTitle('Theodore')).toBe('theodore');
    expect(matchTitle({ title: 'La Casa de Papel' })?.entry.title).toBe('Money Heist');
  });
});
