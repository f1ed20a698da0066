import { z } from 'zod';
import { checkApiUrl } from '../origins';
import { db } from '../store/db';
import type { SourceId } from './items';
import { REWIND_KEY } from './sources/rewind';

/**
 * The keys of the services the import reads from, kept like the ReelRifter token: in the
 * extension's IndexedDB, which no page and no content script can open, each with the address it
 * is for, never in a log, an error, a URL or an export. Background only.
 */
export type SourceKey =
  | { source: 'simkl'; clientId: string; token: string; apiUrl: string }
  | { source: 'tmdb'; token: string; apiUrl: string }
  | { source: 'rewind'; key: string; apiUrl: string };

const text = z.string().trim().min(1).max(500);
const address = z.string().refine((url) => checkApiUrl(url).ok);
const keySchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('simkl'), clientId: text, token: text, apiUrl: address }),
  z.object({ source: z.literal('tmdb'), token: text, apiUrl: address }),
  z.object({ source: z.literal('rewind'), key: z.string().trim().regex(REWIND_KEY), apiUrl: address }),
]) satisfies z.ZodType<SourceKey>;

/** Checks a key the person typed; the reason when it is not one. */
export function checkSourceKey(key: unknown): { ok: true; key: SourceKey } | { ok: false; field: string } {
  const parsed = keySchema.safeParse(key);
  if (parsed.success) return { ok: true, key: parsed.data };
  return { ok: false, field: String(parsed.error.issues[0]?.path[0] ?? 'key') };
}

export async function readSourceKey(source: SourceId): Promise<SourceKey | undefined> {
  const parsed = keySchema.safeParse(await (await db()).get('secrets', `source:${source}`));
  return parsed.success && parsed.data.source === source ? parsed.data : undefined;
}

export async function writeSourceKey(key: SourceKey): Promise<void> {
  await (await db()).put('secrets', key, `source:${key.source}`);
}

export async function forgetSourceKey(source: SourceId): Promise<void> {
  await (await db()).delete('secrets', `source:${source}`);
}
