import type { SourceItem } from '@/utils/model/import';

/** A film read from Simkl's library, watched; `patch` changes what a test needs. */
export const sourceItem = (patch: Partial<SourceItem>): SourceItem => ({
  source: 'simkl',
  list: 'library',
  mediaType: 'MOVIE',
  title: 'Interstellar',
  year: 2014,
  ids: {},
  watched: true,
  ...patch,
});
