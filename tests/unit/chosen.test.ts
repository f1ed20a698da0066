import { describe, expect, it } from 'vitest';
import { chosenSite, confirmChosen, corrected, forgetChosen, gate, sameGuess, trustedFor } from '@/utils/sites/chosen';

const ORIGIN = 'http://127.0.0.1:45103';
const guess = { title: 'Pioneer One', mediaType: 'TV' as const, season: 2, episode: 5 };

describe('a site the person chose', () => {
  it('holds back what it names, as a guess, until they confirm one there', async () => {
    expect(gate(guess, await chosenSite(ORIGIN))).toEqual({ media: null, guess });
    await confirmChosen(ORIGIN, guess, guess);
    expect(gate(guess, await chosenSite(ORIGIN))).toEqual({ media: guess });
    await forgetChosen(ORIGIN);
  });

  it("remembers a correction for that show on that site, keeping each episode's own numbers", async () => {
    await confirmChosen(ORIGIN, guess, { title: 'Pioneer One (2010)', mediaType: 'TV', year: 2010, season: 2, episode: 5 });
    const record = await chosenSite(ORIGIN);
    expect(gate({ ...guess, episode: 6 }, record)).toEqual({
      media: { title: 'Pioneer One (2010)', mediaType: 'TV', year: 2010, season: 2, episode: 6 },
    });
    // Another show on the site, and the same show on another site, are as read.
    expect(corrected({ title: 'Other Show', season: 1, episode: 1 }, record)).toEqual({
      title: 'Other Show',
      season: 1,
      episode: 1,
    });
    expect(gate(guess, await chosenSite('http://127.0.0.1:45104'))).toEqual({ media: null, guess });
    await forgetChosen(ORIGIN);
    expect(await chosenSite(ORIGIN)).toEqual({ confirmed: false, trusted: [], corrections: [] });
  });

  it('trust grows one show at a time: a second show on a trusted site is a new question', async () => {
    await confirmChosen(ORIGIN, guess, guess);
    const other = { title: 'Night of the Living Dead', mediaType: 'MOVIE' as const, year: 1968 };
    expect(gate(other, await chosenSite(ORIGIN))).toEqual({ media: null, guess: other });
    expect(gate({ ...guess, episode: 9 }, await chosenSite(ORIGIN))).toEqual({ media: { ...guess, episode: 9 } });
    await confirmChosen(ORIGIN, other, other);
    expect(gate(other, await chosenSite(ORIGIN))).toEqual({ media: other });
    expect(trustedFor(await chosenSite(ORIGIN))).toEqual(['Night of the Living Dead', 'Pioneer One']);
    await forgetChosen(ORIGIN);
  });

  it('an answer counts only for the guess that was shown', () => {
    expect(sameGuess(guess, { ...guess })).toBe(true);
    expect(sameGuess(guess, { ...guess, episode: 6 })).toBe(false);
    expect(sameGuess(undefined, guess)).toBe(false);
  });

  it('a film corrected from an episode loses the numbers', () => {
    const record = {
      confirmed: true,
      trusted: [],
      corrections: [{ read: 'pioneer one', title: 'Pioneer One', mediaType: 'MOVIE' as const }],
    };
    expect(corrected(guess, record)).toEqual({ title: 'Pioneer One', mediaType: 'MOVIE' });
  });
});
