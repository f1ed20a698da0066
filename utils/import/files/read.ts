import { unzipSync } from 'fflate';
import Papa from 'papaparse';
import { ZIP_ENTRY_NAMES } from './recognise';

/**
 * The files a person gives (CSV or ZIP, one or several) read into tables: each CSV's rows as
 * records keyed by its header. Only what the exports hold is read: inside a ZIP, only the CSVs
 * whose names the known exports use (a Netflix ZIP also holds a clickstream far bigger than the
 * viewing activity). Bounded: past MAX_FILE_BYTES or MAX_FILE_ROWS the read stops with a kind.
 */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILE_ROWS = 200_000;

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

export type Row = Record<string, string>;

export interface Table {
  /** The file given. */
  file: string;
  /** Where in it: the entry's path in a ZIP, or the file's name. */
  path: string;
  header: string[];
  rows: Row[];
}

export type FileProblemKind =
  /** Neither CSV nor ZIP (a JSON export, a PDF, a picture). */
  | 'not-csv-or-zip'
  /** Text in another encoding than UTF-8 (a file saved again by a spreadsheet, say). */
  | 'not-utf8'
  | 'empty'
  /** A quoted field never closed. */
  | 'malformed-csv'
  | 'zip-unreadable'
  /** TV Time sends its export as a ZIP protected by a password: it has to be unpacked first. */
  | 'zip-encrypted'
  | 'zip-no-export'
  | 'too-big'
  | 'too-many-rows';

export interface FileProblem {
  kind: FileProblemKind;
  file: string;
  /** The entry in a ZIP. */
  path?: string;
  /** The limit passed (too-big: bytes, too-many-rows: rows). */
  limit?: number;
  /** The data row (1 is the first under the header) where a malformed field starts. */
  row?: number;
}

export type FilesRead = { ok: true; tables: Table[] } | { ok: false; error: FileProblem };

export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
}

class Refused extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.kind);
  }
}

export function readExportFiles(
  files: readonly ExportFile[],
  limits: ReadLimits = { maxBytes: MAX_FILE_BYTES, maxRows: MAX_FILE_ROWS },
): FilesRead {
  const budget = { bytes: limits.maxBytes, rows: limits.maxRows, limits };
  try {
    // What is given counts before anything is unpacked: the file at which it passes the limit is named.
    let given = 0;
    const over = files.find((file) => {
      given += file.bytes.length;
      return given > limits.maxBytes;
    });
    if (over) throw new Refused({ kind: 'too-big', file: over.name, limit: limits.maxBytes });
    return { ok: true, tables: files.flatMap((file) => readFile(file, budget)) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.problem };
    throw error;
  }
}

interface Budget {
  bytes: number;
  rows: number;
  limits: ReadLimits;
}

function readFile(file: ExportFile, budget: Budget): Table[] {
  const { bytes, name } = file;
  if (bytes.length === 0) throw new Refused({ kind: 'empty', file: name });
  if (isZip(bytes)) return readZip(file, budget);
  spend(budget, bytes.length, { file: name });
  return [readCsv(bytes, { file: name, path: name }, budget)];
}

const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1;

function readZip(file: ExportFile, budget: Budget): Table[] {
  const where = { file: file.name };
  // Bit 0 of the first entry's flags: its content is encrypted (the ZIP reader does not say so).
  if (file.bytes[2] === 3 && ((file.bytes[6] ?? 0) & 1) === 1) throw new Refused({ kind: 'zip-encrypted', ...where });
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes, {
      filter: (entry) => {
        if (!isExportEntry(entry.name)) return false;
        // 99: AES, how password-protected archives are often packed.
        if (entry.compression === 99) throw new Refused({ kind: 'zip-encrypted', ...where, path: entry.name });
        spend(budget, entry.originalSize, { ...where, path: entry.name });
        return true;
      },
    });
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw new Refused({ kind: 'zip-unreadable', ...where });
  }
  const names = Object.keys(entries).sort();
  if (names.length === 0) throw new Refused({ kind: 'zip-no-export', ...where });
  return names.flatMap((path) => {
    const bytes = entries[path];
    return bytes && bytes.length > 0 ? [readCsv(bytes, { ...where, path }, budget)] : [];
  });
}

function isExportEntry(path: string): boolean {
  const parts = path.split('/');
  const base = parts.at(-1) ?? '';
  // macOS adds a copy of each file's metadata under __MACOSX/ and as ._name.
  return !parts.includes('__MACOSX') && !base.startsWith('._') && ZIP_ENTRY_NAMES.has(base.toLowerCase());
}

function spend(budget: Budget, bytes: number, where: Omit<FileProblem, 'kind'>): void {
  budget.bytes -= bytes;
  if (budget.bytes < 0) throw new Refused({ kind: 'too-big', ...where, limit: budget.limits.maxBytes });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readCsv(bytes: Uint8Array, where: { file: string; path: string }, budget: Budget): Table {
  let text: string;
  try {
    // The decoder drops a byte order mark.
    text = utf8.decode(bytes);
  } catch {
    throw new Refused({ kind: 'not-utf8', ...where });
  }
  if (!looksLikeText(text)) throw new Refused({ kind: 'not-csv-or-zip', ...where });
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    delimiter: ',',
    skipEmptyLines: 'greedy',
    // The header, the rows the budget allows, and one more to know it was passed.
    preview: budget.rows + 2,
  });
  const broken = parsed.errors.find((error) => error.type === 'Quotes');
  if (broken) throw new Refused({ kind: 'malformed-csv', ...where, row: broken.row ?? 0 });
  const [first, ...lines] = parsed.data;
  const header = (first ?? []).map((name) => name.trim());
  if (header.length < 2 || header.every((name) => name === '')) throw new Refused({ kind: 'not-csv-or-zip', ...where });
  budget.rows -= lines.length;
  if (budget.rows < 0) throw new Refused({ kind: 'too-many-rows', ...where, limit: budget.limits.maxRows });
  return { ...where, header, rows: lines.map((line) => rowOf(header, line)) };
}

/** A row keyed by the header: a missing field is empty, one past the header dropped, a repeated column name read once. */
function rowOf(header: readonly string[], line: readonly string[]): Row {
  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (seen.has(name)) return;
    seen.add(name);
    entries.push([name, line[i] ?? '']);
  });
  // fromEntries defines each key as the row's own, a column named "__proto__" included.
  return Object.fromEntries(entries);
}

/** Not a binary file or a JSON export that happened to decode as UTF-8. */
function looksLikeText(text: string): boolean {
  const start = text.slice(0, 4096);
  return !start.includes('\u0000') && !/^\s*[{[]/.test(start);
}
