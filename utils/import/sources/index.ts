import { imdbFile, letterboxdFile, netflixFile, tvTimeFile } from './files';
import { netflixActivity } from './netflix-activity';
import { rewind } from './rewind';
import { simkl } from './simkl';
import type { ImportSource } from './source';
import { tmdb } from './tmdb';

/**
 * Every service the import reads from, in the order the import page offers them. A new source is
 * its declaration (a file beside this one) and its line here.
 */
export const importSources: readonly ImportSource[] = [
  simkl,
  tmdb,
  rewind,
  netflixActivity,
  netflixFile,
  letterboxdFile,
  imdbFile,
  tvTimeFile,
];

export function sourceById(id: unknown): ImportSource | undefined {
  return importSources.find((source) => source.id === id);
}
