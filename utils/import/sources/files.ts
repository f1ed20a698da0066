import { z } from 'zod/mini';
import type { MessageKey } from '../../i18n';
import { FILE_SOURCES } from '../files/items';
import type { ImportSource } from './source';

/**
 * The services whose past comes as export files the person downloads from them: read in the import
 * page (utils/import/files/, never uploaded), so each is a declaration without a key, an address or
 * a reader. Their items arrive through `import/files/part` and are cleaned like any source's.
 */
const exportFiles = (id: string, label: MessageKey, hint: MessageKey, ratingScale: number): ImportSource => ({
  id,
  kind: 'files',
  label,
  hint,
  ratingScale,
  fields: [],
  keySchema: z.object({}),
  address: { kind: 'none' },
});

/** NetflixViewingHistory.csv, or the account export's ViewingActivity.csv (or its ZIP). */
export const netflixFile: ImportSource = {
  ...exportFiles(FILE_SOURCES.netflix, 'importSourceNetflixFile', 'importHintNetflixFile', 10),
  // Where the person is signed in to Netflix, its viewing activity numbers the files' episodes.
  settledBy: 'netflix-activity',
};
/** watched.csv, diary.csv and ratings.csv, or the ZIP: ratings of half a star to five. */
export const letterboxdFile = exportFiles(FILE_SOURCES.letterboxd, 'importSourceLetterboxd', 'importHintLetterboxd', 5);
/** ratings.csv and watchlist.csv. */
export const imdbFile = exportFiles(FILE_SOURCES.imdb, 'importSourceImdb', 'importHintImdb', 10);
/** The GDPR export's CSVs (or its ZIP, unpacked first when protected by a password). */
export const tvTimeFile = exportFiles(FILE_SOURCES.tvtime, 'importSourceTvTime', 'importHintTvTime', 10);
