import { z } from 'zod/mini';
import { cleanText, MAX_TITLE_LENGTH } from '../media';
import { SOURCE_LISTS, SOURCE_STATUSES, type SourceId, type SourceItem } from '../model/import';

/**
 * The boundary where what a service sent becomes something the import keeps: only the fields the
 * report uses, each cleaned as live titles are (control and format characters gone, length
 * capped), a date only if it is one, a status only from Simkl's closed set. Anything else is
 * dropped, never stored.
 */
const count = (max: number) => z.int().check(z.gte(0), z.lte(max));
const dropped = <T extends z.core.SomeType>(schema: T) => z.catch(z.optional(schema), undefined);

const title = z.pipe(
  z.pipe(
    z.string(),
    z.transform((text: string) => cleanText(text, MAX_TITLE_LENGTH)),
  ),
  z.string().check(z.minLength(1)),
);
const year = dropped(z.int().check(z.gte(1870), z.lte(2200)));
const lastEpisode = dropped(z.object({ season: z.optional(count(10_000)), episode: count(100_000) }));
const episodeTitle = dropped(title);

/** An uncertain title's other readings: at most a few, each a title to send as it stands. */
const readingSchema = z.object({ mediaType: z.enum(['MOVIE', 'TV']), title, year, lastEpisode, episodeTitle });

const itemSchema = z.object({
  list: z.enum(SOURCE_LISTS),
  mediaType: z.enum(['MOVIE', 'TV']),
  anime: dropped(z.literal(true)),
  title,
  year,
  ids: z.catch(
    z.object({
      tmdb: dropped(z.int().check(z.positive(), z.lte(1e9))),
      imdb: dropped(z.string().check(z.regex(/^tt\d{1,10}$/))),
      simkl: dropped(z.int().check(z.positive(), z.lte(1e9))),
    }),
    {},
  ),
  watched: z.boolean(),
  lastEpisode,
  rating: dropped(z.number().check(z.gte(0), z.lte(10))),
  watchedAt: dropped(
    z.pipe(
      z.string().check(
        z.maxLength(40),
        z.refine((text) => /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text))),
      ),
      z.transform((text: string) => new Date(text).toISOString()),
    ),
  ),
  status: dropped(z.enum(SOURCE_STATUSES)),
  progress: dropped(z.number().check(z.gte(0), z.lte(1))),
  bookmarkSeconds: dropped(z.int().check(z.gte(0), z.lte(100_000))),
  runtimeSeconds: dropped(z.int().check(z.positive(), z.lte(100_000))),
  episodeTitle,
  readings: dropped(z.array(readingSchema).check(z.minLength(1), z.maxLength(4))),
});

/** The item a source's reader built, cleaned; undefined when it names nothing. */
export function cleanItem(raw: unknown, source: SourceId): SourceItem | undefined {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const item: SourceItem = { source, ...parsed.data };
  for (const key of Object.keys(item) as (keyof SourceItem)[]) if (item[key] === undefined) delete item[key];
  for (const key of Object.keys(item.ids) as (keyof SourceItem['ids'])[]) if (item.ids[key] === undefined) delete item.ids[key];
  for (const reading of item.readings ?? []) {
    for (const key of Object.keys(reading) as (keyof typeof reading)[]) if (reading[key] === undefined) delete reading[key];
  }
  return item;
}
