import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DateOrder, dateColumn, readDate } from '@/utils/import/files/dates';
import { NOW } from './support';

describe('a date column’s order, from all its values', () => {
  it.each<[string, string[], DateOrder]>([
    ['US, a day above 12 (6/19/25)', ['1/2/25', '6/19/25', '3/4/25'], 'mdy'],
    ['British, a day above 12 (19/06/2025)', ['01/02/2025', '19/06/2025'], 'dmy'],
    ['Canadian, year first (2021-12-15)', ['2021-12-15', '2021-01-02'], 'ymd'],
    ['German, dots and two-digit years (05.02.21, 13.02.21)', ['05.02.21', '13.02.21'], 'dmy'],
    ['Dutch, dashes (15-12-2021)', ['01-02-2021', '15-12-2021'], 'dmy'],
    ['Korean, spaced dots (2021. 12. 15.)', ['2021. 12. 15.', '2021. 1. 2.'], 'ymd'],
    ['ISO times, zoned or UTC', ['2023-03-01 20:15:00', '2023-03-01T20:15:00Z', '2023-03-01T22:15:00+02:00'], 'ymd'],
    ['days above 12 far down the file still settle it', [...Array(500).fill('01/02/21'), '1/31/21'], 'mdy'],
    ['blank values are left out', ['', '  ', '25/12/20'], 'dmy'],
  ])('%s', (_, values, order) => {
    expect(dateColumn(values, NOW)).toEqual({ kind: 'settled', order });
  });

  it('is settled by a reading that would put a viewing in the future', () => {
    // Read day first, 11/12/26 is 11 December 2026, after the tests' today (1 December 2026).
    expect(dateColumn(['11/12/26', '01/02/26'], NOW)).toEqual({ kind: 'settled', order: 'mdy' });
    expect(dateColumn(['12/11/26', '01/02/26'], NOW)).toEqual({ kind: 'settled', order: 'dmy' });
  });

  it('leaves out a value that is a day in neither order (29 February 2021), so it settles nothing', () => {
    expect(dateColumn(['02/29/20', '03/01/21'], NOW)).toEqual({ kind: 'settled', order: 'mdy' });
    expect(dateColumn(['2/29/21', '1/2/21'], NOW)).toMatchObject({ kind: 'ambiguous' });
    expect(dateColumn(['29/02/21'], NOW)).toEqual({ kind: 'unreadable' });
  });

  it('asks when nothing settles it, with two rows read both ways', () => {
    expect(dateColumn(['05/02/21', '03/04/21', '01/01/21'], NOW)).toEqual({
      kind: 'ambiguous',
      examples: [
        { value: '05/02/21', dayFirst: '2021-02-05', monthFirst: '2021-05-02' },
        { value: '03/04/21', dayFirst: '2021-04-03', monthFirst: '2021-03-04' },
      ],
    });
    expect(dateColumn(['05.02.21', '05.02.21'], NOW)).toEqual({
      kind: 'ambiguous',
      examples: [{ value: '05.02.21', dayFirst: '2021-02-05', monthFirst: '2021-05-02' }],
    });
  });

  it('needs no answer when every value reads the same either way', () => {
    expect(dateColumn(['01/01/21', '07/07/22'], NOW)).toEqual({ kind: 'settled', order: 'dmy' });
  });

  it('cannot be read when no value is a date, or days pass 12 on both sides', () => {
    expect(dateColumn(['yesterday', '19 June 2025'], NOW)).toEqual({ kind: 'unreadable' });
    expect(dateColumn(['13/01/21', '01/13/21'], NOW)).toEqual({ kind: 'unreadable' });
    expect(dateColumn([], NOW)).toEqual({ kind: 'unreadable' });
    expect(dateColumn(['2021-13-45'], NOW)).toEqual({ kind: 'unreadable' });
  });

  it('leaves values that are no day either way to be refused one by one', () => {
    expect(dateColumn(['40/40/21', '19/06/2025'], NOW)).toEqual({ kind: 'settled', order: 'dmy' });
  });
});

describe('reading a value in its column’s order', () => {
  it.each<[string, DateOrder, string]>([
    ['6/19/25', 'mdy', '2025-06-19T12:00:00.000Z'],
    ['19/06/2025', 'dmy', '2025-06-19T12:00:00.000Z'],
    ['05.02.21', 'dmy', '2021-02-05T12:00:00.000Z'],
    ['2021-12-15', 'ymd', '2021-12-15T12:00:00.000Z'],
    ['2021-12-15', 'dmy', '2021-12-15T12:00:00.000Z'],
    ['2023-03-01 20:15:00', 'ymd', '2023-03-01T20:15:00.000Z'],
    ['2023-03-01T22:15:00+02:00', 'ymd', '2023-03-01T20:15:00.000Z'],
    ['2023-03-01T22:15:00.123+0200', 'ymd', '2023-03-01T20:15:00.000Z'],
    ['2023-03-01 20:15:00 UTC', 'ymd', '2023-03-01T20:15:00.000Z'],
    ['1/2/99', 'mdy', '1999-01-02T12:00:00.000Z'],
  ])('%s (%s) is %s', (value, order, iso) => {
    expect(readDate(value, order, NOW)).toEqual({ ok: true, iso });
  });

  it('refuses a date in the future, and a date alone only past the furthest time zone’s today', () => {
    expect(readDate('2026-12-25', 'ymd', NOW)).toEqual({ ok: false, why: 'future' });
    expect(readDate('2026-12-01 12:30:00', 'ymd', NOW)).toEqual({ ok: false, why: 'future' });
    expect(readDate('2026-12-02', 'ymd', NOW)).toEqual({ ok: true, iso: NOW.toISOString() });
    expect(readDate('2026-12-01', 'ymd', new Date('2026-12-01T08:00:00Z'))).toEqual({
      ok: true,
      iso: '2026-12-01T08:00:00.000Z',
    });
  });

  it('refuses what is no date in that order', () => {
    for (const [value, order] of [
      ['19/06/2025', 'mdy'],
      ['31/04/2021', 'dmy'],
      ['29/02/2021', 'dmy'],
      ['6/19/25', 'ymd'],
      ['2021-12-15 25:00:00', 'ymd'],
      ['1/2/1850', 'mdy'],
      ['tomorrow', 'dmy'],
    ] as const) {
      expect(readDate(value, order, NOW), value).toEqual({ ok: false, why: 'unreadable' });
    }
  });
});

describe('on generated columns', () => {
  const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true });
  const pad = (n: number) => String(n).padStart(2, '0');
  const write = (date: Date, order: 'dmy' | 'mdy', separator: string) => {
    const [d, m, y] = [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()];
    return order === 'dmy' ? `${pad(d)}${separator}${pad(m)}${separator}${y}` : `${m}${separator}${d}${separator}${y}`;
  };

  it('a column with a day above 12 is settled in the order it was written, and every value reads back as its day', () => {
    fc.assert(
      fc.property(
        fc.array(day, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('dmy' as const, 'mdy' as const),
        fc.constantFrom('/', '.', '-'),
        (dates, order, separator) => {
          const values = [...dates, new Date('2020-05-20T00:00:00Z')].map((date) => write(date, order, separator));
          expect(dateColumn(values, NOW)).toEqual({ kind: 'settled', order });
          for (const [i, value] of values.entries()) {
            const read = readDate(value, order, NOW);
            const date = dates[i] ?? new Date('2020-05-20T00:00:00Z');
            expect(read.ok && read.iso.slice(0, 10)).toBe(date.toISOString().slice(0, 10));
          }
        },
      ),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('never settles a column silently that both orders read as past days: it asks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 25 })), {
          minLength: 1,
        }),
        (parts) => {
          const values = parts.map(([a, b, y]) => `${a}/${b}/${pad(y)}`);
          const column = dateColumn(values, NOW);
          const differs = parts.some(([a, b]) => a !== b);
          expect(column.kind).toBe(differs ? 'ambiguous' : 'settled');
        },
      ),
      { numRuns: 300, seed: 20261201 },
    );
  });
});
