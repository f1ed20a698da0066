import { z } from 'zod';
import { cleanText, MAX_TITLE_LENGTH } from '../media';
import { SOURCE_LISTS, SOURCE_STATUSES, type SourceId, type SourceItem } from '../model/import';

/**
 * The boundary where what a service sent becomes something the import keeps: only the fields the
 * report uses, each cleaned as live titles are (control and format characters gone, length
 * capped), a date only if it is one, a status only from Simkl's closed set. Anything else is
 * dropped, never stored.
 */
const count = (max: number) => z.number().int().min(0).max(max);
const dropped = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const itemSchema = z.object({
  list: z.enum(SOURCE_LISTS),
  mediaType: z.enum(['MOVIE', 'TV']),
  anime: dropped(z.literal(true)),
  title: z
    .string()
    .transform((title) => cleanText(title, MAX_TITLE_LENGTH))
    .pipe(z.string().min(1)),
  year: dropped(z.number().int().min(1870).max(2200)),
  ids: z
    .object({
      tmdb: dropped(z.number().int().positive().max(1e9)),
      imdb: dropped(z.string().regex(/^tt\d{1,10}$/)),
      simkl: dropped(z.number().int().positive().max(1e9)),
    })
    .catch({}),
  watched: z.boolean(),
  lastEpisode: dropped(z.object({ season: count(10_000).optional(), episode: count(100_000) })),
  rating: dropped(z.number().finite().min(0).max(10)),
  watchedAt: dropped(
    z
      .string()
      .max(40)
      .refine((text) => /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text)))
      .transform((text) => new Date(text).toISOString()),
  ),
  status: dropped(z.enum(SOURCE_STATUSES)),
});

/** The item a source's reader built, cleaned; undefined when it names nothing. */
export function cleanItem(raw: unknown, source: SourceId): SourceItem | undefined {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const item: SourceItem = { source, ...parsed.data };
  for (const key of Object.keys(item) as (keyof SourceItem)[]) if (item[key] === undefined) delete item[key];
  for (const key of Object.keys(item.ids) as (keyof SourceItem['ids'])[]) if (item.ids[key] === undefined) delete item.ids[key];
  return item;
}
