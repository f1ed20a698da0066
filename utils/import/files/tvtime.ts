import {
  type ColumnDates,
  columnDates,
  digits,
  FILE_SOURCES,
  type FileItem,
  type FileOptions,
  type FileParse,
  type KnownTable,
  later,
  pick,
  type RowDate,
  Skips,
  type UnnamedShow,
  yearIn,
} from './items';
import type { Row, Table } from './read';

/**
 * TV Time's GDPR export, as public importers (Trakt's, SeriesGuide's, Yamtrack's, TvTimeToTrakt)
 * read it; TV Time is closed, so what they found is all there is to go by:
 * - `tracking-prod-records-v2.csv`: a row per watch, its `key` starting `watch-episode-` (or
 *   `rewatch-episode-`), with the show's TVDB id (`s_id`), `series_name`, `season_number` and
 *   `episode_number` (`s_no`, `ep_no` in some rows), the episode's TVDB id (`ep_id`, `episode_id`
 *   in some exports) and `created_at` (UTC); `user-series-` rows name followed shows.
 * - `tracking-prod-records.csv`: films (`entity_type` movie; `type` watch, rewatch or towatch) by
 *   `movie_name` (or the English slug in `alpha_range_key`) and `release_date` (0001-01-01 when
 *   unknown), watched at the epoch in `watch_date_range_key` or `created_at`; its episode rows are
 *   read only without the v2 file, which replaced them.
 * - `followed_tv_show.csv`: `tv_show_id` (TVDB) and `tv_show_name`.
 * A show sends its furthest episode; a show no file names is listed apart, never guessed.
 */
const KINDS = ['tvtime-records-v2', 'tvtime-records', 'tvtime-followed'] as const;

interface Show {
  tvdb?: number;
  name?: string;
  episodes: Map<string, { season: number; episode: number; tvdb?: number; at?: string }>;
  rows: number;
  from: Set<KnownTable['kind']>;
}

interface Film {
  title: string;
  year?: number;
  watched: boolean;
  at?: string;
  rows: number;
  viewings: number;
}

export function tvTimeItems(tables: readonly Table[], options: FileOptions): FileParse {
  const mine = pick(tables, KINDS);
  if (!Array.isArray(mine)) return mine;
  const skips = new Skips();
  const names = new Map<number, string>();
  const shows = new Map<string, Show>();
  const films = new Map<string, Film>();
  const hasV2 = mine.some((table) => table.kind === 'tvtime-records-v2');

  for (const table of mine) {
    for (const row of table.rows) {
      const id = digits(row.s_id ?? row.tv_show_id ?? row.series_id);
      const name = (row.series_name ?? row.tv_show_name)?.trim();
      if (id !== undefined && name && !names.has(id)) names.set(id, name);
    }
    if (table.kind === 'tvtime-followed') continue;
    const dates = columnDates(table, 'created_at', options);
    if (dates.kind === 'ask') return { kind: 'ask', dateOrder: dates.question };
    if (dates.kind === 'unreadable') return { kind: 'unreadable-dates', path: dates.path, column: dates.column };
    if (table.kind === 'tvtime-records-v2') readEpisodes(table, dates, shows, skips, options.now);
    else {
      if (!hasV2) readEpisodes(table, dates, shows, skips, options.now);
      readFilms(table, dates, films, skips, options.now);
    }
  }

  const items: FileItem[] = [];
  const unnamed: UnnamedShow[] = [];
  for (const show of shows.values()) {
    const furthest = [...show.episodes.values()].reduce((a, b) =>
      b.season > a.season || (b.season === a.season && b.episode > a.episode) ? b : a,
    );
    const name = show.name ?? (show.tvdb !== undefined ? names.get(show.tvdb) : undefined);
    const lastEpisode = { season: furthest.season, episode: furthest.episode };
    if (!name) {
      if (show.tvdb !== undefined)
        unnamed.push({
          tvdbShow: show.tvdb,
          lastEpisode,
          episodes: show.episodes.size,
          ...(furthest.at ? { watchedAt: furthest.at } : {}),
        });
      continue;
    }
    const { title, year } = splitYear(name);
    items.push({
      item: {
        source: FILE_SOURCES.tvtime,
        list: 'library',
        mediaType: 'TV',
        title,
        ...(year ? { year } : {}),
        ids: {},
        watched: true,
        lastEpisode,
        ...(furthest.at ? { watchedAt: furthest.at } : {}),
      },
      extra: {
        from: [...show.from],
        rows: show.rows,
        tvdb: {
          ...(show.tvdb !== undefined ? { show: show.tvdb } : {}),
          ...(furthest.tvdb !== undefined ? { episode: furthest.tvdb } : {}),
        },
        episodes: show.episodes.size,
        viewings: show.rows,
      },
    });
  }
  for (const film of films.values()) items.push(filmItem(film));
  return { kind: 'items', items, skipped: skips.counts, finishedKnown: true, unnamed };
}

function readEpisodes(
  table: KnownTable,
  dates: ColumnDates & { kind: 'read' },
  shows: Map<string, Show>,
  skips: Skips,
  now: Date,
): void {
  const v2 = table.kind === 'tvtime-records-v2';
  for (const row of table.rows) {
    const watch = v2
      ? /^(?:re)?watch-episode-/.test(row.key ?? '')
      : row.entity_type === 'episode' && /^(?:re)?watch$/.test(row.type ?? '');
    if (!watch) continue;
    const tvdb = digits(row.s_id ?? row.series_id);
    const name = row.series_name?.trim() || undefined;
    const season = digits(row.season_number) ?? digits(row.s_no);
    const episode = digits(row.episode_number) ?? digits(row.ep_no);
    const date = dateOf(row, dates, now);
    if (tvdb === undefined && !name) skips.add('no-title');
    else if (season === undefined || episode === undefined) skips.add('no-episode-number');
    else if (!date.ok) skips.add(date.skip);
    else {
      const showKey = tvdb !== undefined ? `tvdb:${tvdb}` : `name:${name}`;
      const show: Show = shows.get(showKey) ?? {
        ...(tvdb !== undefined ? { tvdb } : {}),
        episodes: new Map(),
        rows: 0,
        from: new Set(),
      };
      shows.set(showKey, show);
      show.name ??= name;
      show.rows += 1;
      show.from.add(table.kind);
      const seen = show.episodes.get(`${season}:${episode}`) ?? { season, episode };
      const episodeTvdb = digits(row.ep_id) ?? digits(row.episode_id);
      if (episodeTvdb !== undefined) seen.tvdb = episodeTvdb;
      const at = later(seen.at, date.at);
      if (at) seen.at = at;
      show.episodes.set(`${season}:${episode}`, seen);
    }
  }
}

function readFilms(
  table: KnownTable,
  dates: ColumnDates & { kind: 'read' },
  films: Map<string, Film>,
  skips: Skips,
  now: Date,
): void {
  for (const row of table.rows) {
    const watched = /^(?:re)?watch$/.test(row.type ?? '');
    if (row.entity_type !== 'movie' || (!watched && row.type !== 'towatch')) continue;
    // The slug is English whatever the profile's language: the name, where there is one, is the person's.
    const slug = /-alpha-(.+)$/.exec(row.alpha_range_key ?? '')?.[1]?.replace(/-/g, ' ');
    const title = row.movie_name?.trim() || slug?.trim() || '';
    const date = watched ? dateOf(row, dates, now) : ({ ok: true } as RowDate);
    if (!title) skips.add('no-title');
    else if (!date.ok) skips.add(date.skip);
    else {
      const year = yearIn(row.release_date);
      const key = `${title.toLocaleLowerCase('en')}|${year ?? ''}`;
      const film = films.get(key) ?? { title, ...(year ? { year } : {}), watched: false, rows: 0, viewings: 0 };
      films.set(key, film);
      film.rows += 1;
      if (watched) {
        film.watched = true;
        film.viewings += 1;
        const at = later(film.at, date.at);
        if (at) film.at = at;
      }
    }
  }
}

/** The watch time: the epoch in `watch_date_range_key` where there is one, else `created_at`. */
function dateOf(row: Row, dates: ColumnDates & { kind: 'read' }, now: Date): RowDate {
  const epoch = digits(/^watch-date-(\d{9,11})$/.exec(row.watch_date_range_key ?? '')?.[1]);
  if (epoch === undefined) return dates.read(row.created_at);
  const at = epoch * 1000;
  return at > now.getTime() + 10 * 60_000 ? { ok: false, skip: 'future-date' } : { ok: true, at: new Date(at).toISOString() };
}

/** "Bodyguard (2018)": TV Time tells shows of one name apart by their year. */
function splitYear(name: string): { title: string; year?: number } {
  const match = /^(.*\S)\s+\((\d{4})\)$/.exec(name);
  const year = yearIn(match?.[2]);
  return match?.[1] && year ? { title: match[1], year } : { title: name };
}

function filmItem(film: Film): FileItem {
  return {
    item: {
      source: FILE_SOURCES.tvtime,
      list: film.watched ? 'library' : 'watchlist',
      mediaType: 'MOVIE',
      title: film.title,
      ...(film.year ? { year: film.year } : {}),
      ids: {},
      watched: film.watched,
      ...(film.at ? { watchedAt: film.at } : {}),
    },
    extra: { from: ['tvtime-records'], rows: film.rows, ...(film.viewings > 0 ? { viewings: film.viewings } : {}) },
  };
}
