import { describe, expect, it } from 'vitest';
import { KnownIndex, knownFrom } from '@/utils/import/crossref';
import { looseTitle } from '@/utils/import/titles';
import type { SourceItem } from '@/utils/model/import';
import { sourceItem } from './support';

const item = sourceItem;

const index = new KnownIndex(
  knownFrom(
    [
      { title: 'Severance', mediaType: 'TV', year: 2022, tmdbId: 95396, status: 'WATCHING', currentSeason: 2, currentEpisode: 3 },
      { title: 'Oppenheimer', mediaType: 'MOVIE', year: 2023, tmdbId: 872585, status: 'FINISHED' },
      { title: 'Parasite', mediaType: 'MOVIE', year: 2019, status: 'WANT_TO_WATCH' },
      { title: 'Shōgun', mediaType: 'TV', year: 2024, status: 'WATCHING', currentSeason: 1, currentEpisode: 10 },
      { title: 'The Office', mediaType: 'TV', year: 2005, status: 'FINISHED' },
      { title: 'Hunter x Hunter', mediaType: 'TV', year: 2011, status: 'WATCHING', currentEpisode: 100 },
    ],
    [
      { title: 'Interstellar', mediaType: 'MOVIE', year: 2014 },
      { title: 'Amélie', mediaType: 'MOVIE', year: 2001 },
      { title: 'Severance', mediaType: 'TV', year: 2022, tmdbId: 95396, season: 2, episode: 4 },
    ],
  ),
);

describe('the cross-reference matcher', () => {
  it.each<[string, Partial<SourceItem>, string, number, boolean]>([
    ['a TMDB id on both sides', { title: 'Oppenheimer (IMAX)', year: 2023, ids: { tmdb: 872585 } }, 'id', 1, true],
    ['the same title and year', { title: 'Interstellar', year: 2014 }, 'exact', 0.95, true],
    ['the same title in other case and spacing', { title: '  interstellar ', year: 2014 }, 'exact', 0.95, true],
    ['a year one off', { title: 'Interstellar', year: 2015 }, 'close', 0.8, true],
    ['a year two off is no match', { title: 'Interstellar', year: 2016 }, 'none', 0, false],
    ['accents', { title: 'Amelie', year: 2001 }, 'fuzzy', 0.7, true],
    [
      'a trailing article',
      { title: 'Office, The', mediaType: 'TV', year: 2005, lastEpisode: { season: 9, episode: 25 } },
      'fuzzy',
      0.7,
      true,
    ],
    ['punctuation and accents with a year one off', { title: 'Amélie!', year: 2002 }, 'fuzzy', 0.6, true],
    ['a film ReelRifter only wants to watch', { title: 'Parasite', year: 2019 }, 'exact', 0.95, false],
    ['a title nothing has', { title: 'The Unfindable Film of Nowhere', year: 2020 }, 'none', 0, false],
    ['a film is not a show of the same name', { title: 'Severance', year: 2022, mediaType: 'MOVIE' }, 'none', 0, false],
  ])('%s', (_name, patch, type, confidence, already) => {
    const match = index.match(item(patch));
    expect([match.type, match.confidence, match.already]).toEqual([type, confidence, already]);
  });

  it.each<[string, SourceItem['lastEpisode'], boolean]>([
    ['an episode ReelRifter has passed', { season: 2, episode: 2 }, true],
    ['the furthest one it has (from the history)', { season: 2, episode: 4 }, true],
    ['a later one', { season: 2, episode: 5 }, false],
    ['a later season', { season: 3, episode: 1 }, false],
  ])('a show: %s', (_name, lastEpisode, already) => {
    const match = index.match(item({ title: 'Severance', mediaType: 'TV', year: 2022, ids: { tmdb: 95396 }, lastEpisode }));
    expect(match).toMatchObject({ type: 'id', already });
  });

  it('an anime numbered from the first episode compares by episode alone', () => {
    const anime = (episode: number) =>
      item({ title: 'Hunter x Hunter', mediaType: 'TV', year: 2011, anime: true, lastEpisode: { episode } });
    expect(index.match(anime(99)).already).toBe(true);
    expect(index.match(anime(148)).already).toBe(false);
  });

  it('a Japanese title without its macron matches', () => {
    expect(
      index.match(item({ title: 'Shogun', mediaType: 'TV', year: 2024, lastEpisode: { season: 1, episode: 10 } })),
    ).toMatchObject({
      type: 'fuzzy',
      already: true,
    });
  });
});

describe('loose titles', () => {
  it.each([
    ['The Lord of the Rings: The Fellowship of the Ring', 'lord of the rings the fellowship of the ring'],
    ['Office, The', 'office'],
    ['Amélie', 'amelie'],
    ['Léon: The Professional', 'leon the professional'],
    ["Schindler's List", 'schindler s list'],
    ['Fast & Furious', 'fast and furious'],
    ['La Casa de Papel', 'casa de papel'],
    ['Das Boot', 'boot'],
  ])('%s → %s', (title, loose) => expect(looseTitle(title)).toBe(loose));
});
