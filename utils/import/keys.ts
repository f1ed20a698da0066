import { z } from 'zod/mini';
import { checkApiUrl } from '../origins';
import { db } from '../store/db';
import type { ImportSource, SourceKey } from './sources/source';

/**
 * The keys of the services the import reads from, kept like the ReelRifter token: in the
 * extension's IndexedDB, which no page and no content script can open, each with the address it
 * is for, never in a log, an error, a URL or an export. What a key holds is the fields its
 * source declares (sources/). Background only.
 */

/** The address a key is for: the source's own, or the one the person gave (`apiUrl`). */
function addressOf(source: ImportSource, fields: Record<string, unknown>): string | undefined {
  if (source.address.kind === 'none') return undefined;
  const url = source.address.kind === 'fixed' ? source.address.url() : fields.apiUrl;
  const checked = typeof url === 'string' ? checkApiUrl(url) : undefined;
  return checked?.ok ? checked.url : undefined;
}

/** Checks a key the person typed (or one read back); the field that is wrong when it is not one. */
export function checkSourceKey(
  source: ImportSource,
  fields: Record<string, unknown>,
): { ok: true; key: SourceKey } | { ok: false; field: string } {
  const apiUrl = addressOf(source, fields);
  if (!apiUrl) return { ok: false, field: 'apiUrl' };
  const parsed = source.keySchema.safeParse(fields);
  if (!parsed.success) return { ok: false, field: String(parsed.error.issues[0]?.path[0] ?? 'key') };
  return { ok: true, key: { ...parsed.data, source: source.id, apiUrl } };
}

const stored = z.looseObject({ source: z.string(), apiUrl: z.string() });

export async function readSourceKey(source: ImportSource): Promise<SourceKey | undefined> {
  // A site is read with the browser's own sign-in: nothing is kept, its address is its key.
  if (source.kind === 'site') {
    const checked = checkSourceKey(source, {});
    return checked.ok ? checked.key : undefined;
  }
  if (source.kind === 'files') return undefined;
  const parsed = stored.safeParse(await (await db()).get('secrets', `source:${source.id}`));
  if (!parsed.success || parsed.data.source !== source.id) return undefined;
  const checked = checkSourceKey(source, parsed.data);
  // A key kept for another address (the build's address changed) is not sent there.
  return checked.ok && checked.key.apiUrl === parsed.data.apiUrl ? checked.key : undefined;
}

export async function writeSourceKey(key: SourceKey): Promise<void> {
  await (await db()).put('secrets', key, `source:${key.source}`);
}

export async function forgetSourceKey(source: ImportSource): Promise<void> {
  await (await db()).delete('secrets', `source:${source.id}`);
}

/** The addresses of every kept source key. */
export async function keptSourceAddresses(sources: readonly ImportSource[]): Promise<string[]> {
  const keys = await Promise.all(sources.map(readSourceKey));
  return keys.flatMap((key) => (key ? [key.apiUrl] : []));
}
