import type { FileNotes, RawItem } from '../../model/import';
import { imdbItems } from './imdb';
import { FILE_SOURCES, type FileItem, type FileOptions, type FileParse } from './items';
import { letterboxdItems } from './letterboxd';
import { netflixFileItems } from './netflix';
import { type ExportFile, type FileProblem, readExportFiles, type Table } from './read';
import { tvTimeItems } from './tvtime';

/**
 * What the import page does with the files a person gives, in the page (nothing is uploaded): read
 * them (CSV or ZIP), take the chosen service's export from them, and hand its items over to the
 * background as a source's reader would. Loaded only by the import page, when files are given.
 */
const READERS: Record<string, (tables: readonly Table[], options: FileOptions) => FileParse> = {
  [FILE_SOURCES.netflix]: netflixFileItems,
  [FILE_SOURCES.letterboxd]: letterboxdItems,
  [FILE_SOURCES.imdb]: imdbItems,
  [FILE_SOURCES.tvtime]: tvTimeItems,
};

/** At most this many shows no file names are listed with the report (the message's schema says so too). */
export const UNNAMED_SHOWN = 100;

export type ExportRead = FileParse | { kind: 'problem'; problem: FileProblem };

/** The files given, read as `source`'s export (with the person's answers so far). */
export function readExport(source: string, files: readonly ExportFile[], options: FileOptions): ExportRead {
  const reader = READERS[source];
  if (!reader) return { kind: 'none', found: [] };
  const read = readExportFiles(files);
  if (!read.ok) return { kind: 'problem', problem: read.error };
  return reader(read.tables, options);
}

/** An item as the background keeps it: what the export said of how far and how it reads beside it. */
export function itemToSend({ item, extra }: FileItem): RawItem {
  const readings = extra.otherReadings?.map(({ mediaType, title, year, lastEpisode }) => ({
    mediaType,
    title,
    ...(year !== undefined ? { year } : {}),
    ...(lastEpisode ? { lastEpisode } : {}),
  }));
  return {
    ...item,
    ...(extra.episodeTitle ? { episodeTitle: extra.episodeTitle } : {}),
    ...(extra.bookmarkSeconds !== undefined ? { bookmarkSeconds: extra.bookmarkSeconds } : {}),
    ...(readings?.length ? { readings } : {}),
  };
}

export function notesOf(parse: Extract<FileParse, { kind: 'items' }>, files: number, profile?: string): FileNotes {
  const skipped: Record<string, number> = {};
  for (const [reason, count] of Object.entries(parse.skipped)) if (count) skipped[reason] = count;
  const named = profile ?? parse.items.find((item) => item.extra.profile)?.extra.profile;
  const bookmarks = parse.items.some((item) => item.extra.bookmarkSeconds !== undefined);
  return {
    finishedKnown: parse.finishedKnown,
    skipped,
    unnamed: parse.unnamed
      .slice(0, UNNAMED_SHOWN)
      .map(({ tvdbShow, lastEpisode, episodes }) => ({ tvdbShow, lastEpisode, episodes })),
    // Within what the message to the background takes.
    files: Math.min(files, 100),
    ...(named ? { profile: named.slice(0, 200) } : {}),
    ...(bookmarks ? { bookmarks } : {}),
  };
}
