/** The zod schemas and parsers: faults, scrobble bodies, control bodies, cursors and limits. */
import { z } from 'zod';
import { HUGE_MAX_BYTES, SOURCE_MAX, TITLE_MAX, type WatchlistItem } from './state';

export const faultSchema = z
  .object({
    kind: z.enum(['error500', 'rateLimit', 'slow', 'drop', 'garbage', 'wrongJson', 'huge', 'refuse', 'redirect']),
    times: z.number().int().min(1).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    sizeBytes: z.number().int().min(1).max(HUGE_MAX_BYTES).optional(),
    paths: z.array(z.string().startsWith('/')).optional(),
    location: z.url().optional(),
  })
  .strict();

const count = (name: string, max: number) => {
  const message = `${name} must be an integer from 0 to ${max}`;
  return z.number({ error: message }).int({ error: message }).min(0, { error: message }).max(max, { error: message });
};

export const scrobbleBodySchema = z.object(
  {
    title: z
      .string({ error: (issue) => (issue.input === undefined ? 'title is required' : 'title must be a string') })
      .trim()
      .min(1, { error: 'title must not be empty' })
      .max(TITLE_MAX, { error: `title must be at most ${TITLE_MAX} characters` }),
    mediaType: z.enum(['TV', 'MOVIE'], { error: 'mediaType must be TV or MOVIE' }).nullish(),
    season: count('season', 10_000).nullish(),
    episode: count('episode', 100_000).nullish(),
    year: count('year', 9999).nullish(),
    action: z.enum(['watched', 'watching'], { error: 'action must be watched or watching' }).nullish(),
    source: z
      .string({ error: 'source must be a string' })
      .trim()
      .max(SOURCE_MAX, { error: `source must be at most ${SOURCE_MAX} characters` })
      .nullish(),
  },
  { error: 'body must be a JSON object' },
);

const cursorSchema = z.object({ u: z.iso.datetime(), i: z.string().min(1) });

export function encodeCursor(item: WatchlistItem): string {
  return Buffer.from(JSON.stringify({ u: item.updatedAt, i: item.id })).toString('base64url');
}

export function decodeCursor(cursor: string): z.infer<typeof cursorSchema> | null {
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(cursor)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function parseLimit(value: string | null): number | string {
  if (value === null) return 50;
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 200) return 'limit must be an integer from 1 to 200';
  return Number(value);
}

/** The bodies the control endpoints take. */
export const controlBodySchemas = {
  fault: z.union([z.null(), faultSchema]),
  tokens: z.object({ userId: z.string().optional(), label: z.string().optional() }),
  revoke: z.object({ token: z.string() }),
  reset: z.object({ data: z.boolean().optional() }),
};
