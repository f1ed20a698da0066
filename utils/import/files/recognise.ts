/**
 * Which export a table is, by its header (and, where two exports share one header, by its name).
 * A header is matched by the columns the readers use, so a column an export adds later does not
 * hide the file, and a column it never had is not asked for.
 */
export type ExportKind =
  | 'netflix-history'
  | 'netflix-activity'
  | 'letterboxd-watched'
  | 'letterboxd-diary'
  | 'letterboxd-ratings'
  | 'letterboxd-watchlist'
  | 'imdb-ratings'
  | 'imdb-watchlist'
  | 'tvtime-records-v2'
  | 'tvtime-records'
  | 'tvtime-followed';

interface Shape {
  kind: ExportKind;
  has: readonly string[];
  /** Columns that say it is another file with the same columns (Letterboxd's reviews.csv has the diary's and Review). */
  lacks?: readonly string[];
  /** The file's own name, where the header alone cannot tell (Letterboxd's watched.csv and watchlist.csv). */
  named?: RegExp;
}

const LETTERBOXD = ['Date', 'Name', 'Year', 'Letterboxd URI'];

/** Most specific first: the first shape a table fits is what it is. */
const SHAPES: readonly Shape[] = [
  {
    kind: 'netflix-activity',
    has: [
      'Profile Name',
      'Start Time',
      'Duration',
      'Attributes',
      'Title',
      'Supplemental Video Type',
      'Bookmark',
      'Latest Bookmark',
    ],
  },
  { kind: 'letterboxd-diary', has: [...LETTERBOXD, 'Rating', 'Rewatch', 'Watched Date'], lacks: ['Review'] },
  { kind: 'letterboxd-ratings', has: [...LETTERBOXD, 'Rating'], lacks: ['Review', 'Watched Date'] },
  { kind: 'letterboxd-watchlist', has: LETTERBOXD, lacks: ['Rating'], named: /watchlist/i },
  { kind: 'letterboxd-watched', has: LETTERBOXD, lacks: ['Rating'], named: /watched/i },
  // A ratings export has no Created; a list's (the watchlist) has Created, and newer ones Your Rating too.
  { kind: 'imdb-ratings', has: ['Const', 'Your Rating', 'Date Rated', 'Title', 'Title Type'], lacks: ['Created'] },
  { kind: 'imdb-watchlist', has: ['Const', 'Created', 'Title', 'Title Type'] },
  // TV Time's own exports, as public importers read them: the column order differs between exports,
  // and the episode's TVDB id is `ep_id` in some and `episode_id` in others, so neither is required.
  { kind: 'tvtime-records-v2', has: ['key', 's_id', 'series_name', 'season_number', 'episode_number', 'created_at'] },
  { kind: 'tvtime-records', has: ['type', 'entity_type', 'movie_name', 'release_date', 'created_at'] },
  { kind: 'tvtime-followed', has: ['tv_show_id', 'tv_show_name', 'active', 'archived'] },
  // Last: two columns any other file could start with.
  { kind: 'netflix-history', has: ['Title', 'Date'] },
];

/** Letterboxd keeps deleted and orphaned entries in folders of their own, with the same columns: never read as the person's. */
const SET_ASIDE = /(?:^|\/)(?:deleted|orphaned)\//i;

export function recogniseTable(table: { path: string; header: readonly string[] }): ExportKind | undefined {
  const columns = new Set(table.header);
  const name = table.path.split('/').at(-1) ?? '';
  const shape = SHAPES.find(
    (s) =>
      s.has.every((c) => columns.has(c)) &&
      !s.lacks?.some((c) => columns.has(c)) &&
      (!s.named || s.named.test(name)) &&
      // Netflix's short file is exactly its two columns.
      (s.kind !== 'netflix-history' || columns.size === 2),
  );
  if (!shape || (shape.kind.startsWith('letterboxd') && SET_ASIDE.test(table.path))) return undefined;
  return shape.kind;
}

/**
 * The names of the CSVs read from inside a ZIP (lower case): the known exports ship their files
 * under these names, and everything else in their archives is left packed.
 */
export const ZIP_ENTRY_NAMES: ReadonlySet<string> = new Set([
  'viewingactivity.csv',
  'netflixviewinghistory.csv',
  'watched.csv',
  'diary.csv',
  'ratings.csv',
  'watchlist.csv',
  'tracking-prod-records-v2.csv',
  'tracking-prod-records.csv',
  'followed_tv_show.csv',
]);
