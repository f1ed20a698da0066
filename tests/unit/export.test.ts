import { describe, expect, it } from 'vitest';
import type { ScrobbleEntry } from '@/utils/model/records';
import { toCsv, toJson } from '@/utils/scrobble/log';

const base: ScrobbleEntry = {
  key: 'k1',
  viewingKey: 'netflix|1||',
  site: 'netflix',
  action: 'watched',
  media: { title: 'Glass Onion: A Knives Out Mystery', year: 2022, mediaType: 'MOVIE' },
  state: 'matched',
  attempts: 1,
  nextAttemptAt: 0,
  match: { title: 'Glass Onion: A Knives Out Mystery', year: 2022, mediaType: 'MOVIE' },
  createdAt: Date.UTC(2026, 10, 23, 20, 0, 0),
  updatedAt: 0,
};

describe('CSV export', () => {
  it('has a header and one row per entry with the outcome and the match', () => {
    const lines = toCsv([base, { ...base, key: 'k2', state: 'unmatched', match: undefined, media: { title: 'Nowhere' } }]).split(
      '\r\n',
    );
    expect(lines[0]).toBe(
      'createdAt,site,action,outcome,title,year,mediaType,season,episode,matchedTitle,matchedYear,matchedSeason,matchedEpisode,error',
    );
    expect(lines[1]).toBe(
      '2026-11-23T20:00:00.000Z,netflix,watched,matched,Glass Onion: A Knives Out Mystery,2022,MOVIE,,,Glass Onion: A Knives Out Mystery,2022,,,',
    );
    expect(lines[2]).toBe('2026-11-23T20:00:00.000Z,netflix,watched,unmatched,Nowhere,,,,,,,,,');
    expect(lines).toHaveLength(4);
  });

  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    const csv = toCsv([{ ...base, media: { title: 'Say "Hi", then\nleave' }, error: '=HYPERLINK("x")' }]);
    expect(csv).toContain('"Say ""Hi"", then\nleave"');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('defuses a formula behind spaces or a NUL, and a leading NUL', () => {
    for (const title of [' =1+1', '  @SUM(A1)', '\u0000=1+1', '\u0000x', '\t-2']) {
      const row = toCsv([{ ...base, media: { title } }]).split('\r\n')[1] ?? '';
      expect(row.split(',')[4], JSON.stringify(title)).toBe(`'${title}`);
    }
    expect(toCsv([{ ...base, media: { title: 'A = B' } }])).toContain(',A = B,');
  });
});

describe('JSON export', () => {
  it('keeps what a person needs and leaves the bookkeeping out', () => {
    const [row] = JSON.parse(toJson([base]));
    expect(row).toEqual({
      createdAt: '2026-11-23T20:00:00.000Z',
      site: 'netflix',
      action: 'watched',
      outcome: 'matched',
      media: base.media,
      match: base.match,
      error: null,
    });
  });
});
