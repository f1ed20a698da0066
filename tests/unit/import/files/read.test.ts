import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ExportFile, MAX_FILE_BYTES, MAX_FILE_ROWS, readExportFiles } from '@/utils/import/files/read';
import { fixture, tablesOf, text, zipOf } from './support';

const params = { numRuns: 300, seed: 20261201 };
const encode = (value: string) => new TextEncoder().encode(value);

describe('reading CSV files', () => {
  it('reads rows keyed by the header: a byte order mark, CRLF, quoted commas, quotes and line breaks', () => {
    const [table] = tablesOf(
      text('\uFEFFTitle,Date\r\n"Love, Death & Robots: Volume 2: ""Pop Squad""",5/15/21\r\n"Two\r\nlines",1/2/21\r\n'),
    );
    expect(table).toEqual({
      file: 'file.csv',
      path: 'file.csv',
      header: ['Title', 'Date'],
      rows: [
        { Title: 'Love, Death & Robots: Volume 2: "Pop Squad"', Date: '5/15/21' },
        { Title: 'Two\r\nlines', Date: '1/2/21' },
      ],
    });
  });

  it('reads the fixtures as Netflix writes them: every field quoted, or a BOM and CRLF', () => {
    const [us] = tablesOf(fixture('netflix/NetflixViewingHistory-us.csv'));
    expect(us?.rows).toHaveLength(14);
    expect(us?.rows[11]).toEqual({ Title: 'Love, Death & Robots: Volume 2: Automated Customer Service', Date: '5/15/21' });
    const [de] = tablesOf(fixture('netflix/NetflixViewingHistory-de.csv'));
    expect(de?.header).toEqual(['Title', 'Date']);
    expect(de?.rows[1]).toEqual({ Title: 'Dark: Staffel 2: Anfänge und Enden', Date: '13.02.21' });
  });

  it('skips blank lines, fills a short row with blanks, drops fields past the header and reads a repeated column once', () => {
    const [table] = tablesOf(text('a,b,a\n\n  \n1\n1,2,3,4\n'));
    expect(table?.rows).toEqual([
      { a: '1', b: '' },
      { a: '1', b: '2' },
    ]);
  });

  it('keeps a column named __proto__ as the row’s own field', () => {
    const [table] = tablesOf(text('__proto__,constructor\n1,2\n'));
    const row = table?.rows[0] ?? {};
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('reads several files at once, in the order given', () => {
    const tables = tablesOf(fixture('letterboxd/watched.csv'), fixture('letterboxd/diary.csv'));
    expect(tables.map((t) => t.path)).toEqual(['watched.csv', 'diary.csv']);
  });
});

describe('reading ZIP files', () => {
  it('reads the export CSVs of a ZIP as Netflix ships it, by their paths, and leaves the rest packed', () => {
    const clickstream = {
      'CLICKSTREAM/Clickstream.csv': encode('Profile Name,Source\nAnna,x\n'),
      'Cover sheet.pdf': new Uint8Array([37, 80]),
    };
    const netflix = zipOf('netflix-report.zip', 'netflix/CONTENT_INTERACTION', 'CONTENT_INTERACTION/');
    const bytes = zipSync({ ...clickstream, 'CONTENT_INTERACTION/ViewingActivity.csv': encode('Profile Name,Title\nAnna,X\n') });
    expect(tablesOf(netflix).map((t) => t.path)).toEqual(['CONTENT_INTERACTION/ViewingActivity.csv']);
    expect(tablesOf({ name: 'n.zip', bytes }).map((t) => [t.file, t.path])).toEqual([
      ['n.zip', 'CONTENT_INTERACTION/ViewingActivity.csv'],
    ]);
  });

  it('reads a Letterboxd ZIP, its folders included, and leaves macOS’s copies out', () => {
    const zip = zipOf('letterboxd-someone-2026-11-30-utc.zip', 'letterboxd');
    expect(tablesOf(zip).map((t) => t.path)).toEqual([
      'deleted/diary.csv',
      'diary.csv',
      'ratings.csv',
      'watched.csv',
      'watchlist.csv',
    ]);
    const mac = zipSync({
      '__MACOSX/._watched.csv': encode('junk'),
      '._diary.csv': encode('junk'),
      'watched.csv': encode('Date,Name\n1,2\n'),
    });
    expect(tablesOf({ name: 'l.zip', bytes: mac }).map((t) => t.path)).toEqual(['watched.csv']);
  });

  it('reads ZIPs and loose CSVs given together', () => {
    const tables = tablesOf(zipOf('tvtime.zip', 'tvtime'), fixture('imdb/ratings.csv'));
    expect(tables.map((t) => t.path)).toEqual([
      'followed_tv_show.csv',
      'tracking-prod-records-v2.csv',
      'tracking-prod-records.csv',
      'ratings.csv',
    ]);
  });
});

describe('refusing what is not an export', () => {
  const refused = (files: ExportFile[], limits?: { maxBytes: number; maxRows: number }) => {
    const read = readExportFiles(files, limits);
    if (read.ok) return expect.fail('read');
    return read.error;
  };

  it.each<[string, ExportFile, string]>([
    ['a JSON export', text('{"shows":[]}', 'tv-time-liberator.json'), 'not-csv-or-zip'],
    ['a JSON list', text('  [1,2]', 'export.csv'), 'not-csv-or-zip'],
    [
      'a picture',
      { name: 'a.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
      'not-utf8',
    ],
    ['a binary that decodes', { name: 'b.bin', bytes: new Uint8Array([65, 0, 66, 0, 44, 10]) }, 'not-csv-or-zip'],
    ['a file of one column', text('Title\nA\nB\n'), 'not-csv-or-zip'],
    [
      'text saved as Latin-1',
      { name: 'h.csv', bytes: new Uint8Array([84, 105, 116, 108, 101, 44, 68, 10, 0xe9, 44, 49, 10]) },
      'not-utf8',
    ],
    ['an empty file', { name: 'e.csv', bytes: new Uint8Array() }, 'empty'],
    ['blank lines only', text('\n\n\r\n'), 'not-csv-or-zip'],
    ['a quote never closed', text('Title,Date\n"Open,1/1/21\nNext,1/2/21\n'), 'malformed-csv'],
    ['a damaged ZIP', { name: 'd.zip', bytes: zipSync({ 'watched.csv': encode('a,b\n1,2\n') }).slice(0, 40) }, 'zip-unreadable'],
    ['a ZIP without an export in it', { name: 'x.zip', bytes: zipSync({ 'notes.txt': encode('hello') }) }, 'zip-no-export'],
    ['an empty ZIP', { name: 'y.zip', bytes: zipSync({}) }, 'zip-no-export'],
  ])('%s', (_, file, kind) => {
    expect(refused([file])).toMatchObject({ kind, file: file.name });
  });

  it('says where a malformed field starts', () => {
    expect(refused([text('Title,Date\nA,1\n"Open,1/1/21\n')])).toEqual({
      kind: 'malformed-csv',
      file: 'file.csv',
      path: 'file.csv',
      row: 2,
    });
  });

  it('refuses a ZIP protected by a password, as TV Time sends its export, so the page can ask for it unpacked', () => {
    const bytes = zipSync({ 'tracking-prod-records-v2.csv': encode('key,s_id\n1,2\n') });
    bytes[6] = (bytes[6] ?? 0) | 1;
    expect(refused([{ name: 'tv-time-personal-data.zip', bytes }])).toEqual({
      kind: 'zip-encrypted',
      file: 'tv-time-personal-data.zip',
    });
  });

  it(`refuses more than ${MAX_FILE_BYTES / 1024 / 1024} MB given, or unpacked, and more than ${MAX_FILE_ROWS} rows`, () => {
    const limits = { maxBytes: 1000, maxRows: 3 };
    expect(refused([text(`a,b\n${'x,y\n'.repeat(300)}`)], limits)).toMatchObject({ kind: 'too-big', limit: 1000 });
    expect(refused([text('a,b\n1,2\n'), text(`a,b\n${'x,y\n'.repeat(249)}`, 'second.csv')], limits)).toMatchObject({
      kind: 'too-big',
      file: 'second.csv',
    });
    // A ZIP small to give but big to unpack is refused before it is unpacked.
    const bomb = { name: 'b.zip', bytes: zipSync({ 'watched.csv': encode(`a,b\n${'x,y\n'.repeat(5_000)}`) }) };
    expect(bomb.bytes.length).toBeLessThan(1000);
    expect(refused([bomb], limits)).toEqual({ kind: 'too-big', file: 'b.zip', path: 'watched.csv', limit: 1000 });
    expect(refused([text('a,b\n1,2\n3,4\n'), text('a,b\n5,6\n7,8\n', 'two.csv')], limits)).toEqual({
      kind: 'too-many-rows',
      file: 'two.csv',
      path: 'two.csv',
      limit: 3,
    });
    expect(readExportFiles([text('a,b\n1,2\n3,4\n5,6\n')], limits).ok).toBe(true);
  });

  it('reads 200,000 rows, and refuses one more', () => {
    const rows = (n: number) => text(`Title,Date\n${'A,1/2/21\n'.repeat(n)}`);
    const read = readExportFiles([rows(MAX_FILE_ROWS)]);
    expect(read.ok && read.tables[0]?.rows.length).toBe(MAX_FILE_ROWS);
    expect(readExportFiles([rows(MAX_FILE_ROWS + 1)])).toMatchObject({ ok: false, error: { kind: 'too-many-rows' } });
  });
});

/** A CSV as a spreadsheet or a service writes it: fields quoted when they must be (or always), CRLF or LF, a BOM or not. */
function writeCsv(
  header: string[],
  rows: string[][],
  style: { crlf: boolean; bom: boolean; quoteAll: boolean; trailing: boolean },
): string {
  const field = (value: string) => (style.quoteAll || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const eol = style.crlf ? '\r\n' : '\n';
  const body = [header, ...rows].map((line) => line.map(field).join(',')).join(eol);
  return `${style.bom ? '\uFEFF' : ''}${body}${style.trailing ? eol : ''}`;
}

const cell = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(',', '"', '""', '\n', '\r\n', ', "x"\n', 'Show: Season 1: Episode', 'é', '💥', ' padded '),
  fc.array(fc.constantFrom('a', ',', '"', '\n', '\r', ' ', ':', 'ü'), { maxLength: 10 }).map((chars) => chars.join('')),
);

const csvCase = fc
  .uniqueArray(
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
      .filter((name) => name.trim() === name && name !== '' && !name.startsWith('\uFEFF')),
    { minLength: 2, maxLength: 6 },
  )
  .chain((header) =>
    fc.record({
      header: fc.constant(header),
      // A row of blanks only is a blank line, which is skipped: every row says something.
      rows: fc
        .array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { maxLength: 12 })
        .map((rows) => rows.filter((row) => row.some((value) => value.trim() !== ''))),
      style: fc.record({ crlf: fc.boolean(), bom: fc.boolean(), quoteAll: fc.boolean(), trailing: fc.boolean() }),
    }),
  )
  // A file that opens like JSON is taken for JSON.
  .filter(({ header }) => !/^\s*[{[]/.test(header[0] ?? ''));

describe('the CSV reader, on generated files', () => {
  it('gives back every row as written, whatever the fields hold and however the file is laid out', () => {
    fc.assert(
      fc.property(csvCase, ({ header, rows, style }) => {
        const [table] = tablesOf(text(writeCsv(header, rows, style)));
        expect(table?.header).toEqual(header);
        expect(table?.rows).toEqual(rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]]))));
      }),
      params,
    );
  });

  it('reads the same rows from a ZIP', () => {
    fc.assert(
      fc.property(csvCase, ({ header, rows, style }) => {
        const bytes = zipSync({ 'export/watched.csv': encode(writeCsv(header, rows, style)) });
        const [table] = tablesOf({ name: 'e.zip', bytes });
        expect(table?.rows).toHaveLength(rows.length);
      }),
      { ...params, numRuns: 100 },
    );
  });

  it('never throws on any bytes, a file cut short or a ZIP damaged anywhere: it reads or names what is wrong', () => {
    const valid = zipSync({ 'diary.csv': encode('Date,Name\n2021-01-01,"A, b"\n') });
    const damaged = fc
      .tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length))
      .map(([at, byte, cut]) => {
        const bytes = valid.slice(0, Math.max(cut, 4));
        if (at < bytes.length) bytes[at] = byte;
        return bytes;
      });
    const anyText = fc.string({ unit: 'binary', maxLength: 200 }).map(encode);
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), anyText, damaged), (bytes) => {
        const read = readExportFiles([{ name: 'x', bytes }]);
        expect(typeof read.ok).toBe('boolean');
      }),
      { ...params, numRuns: 1_000 },
    );
  });
});
