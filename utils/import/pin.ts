import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { failureOf } from '../http';
import type { PinView, SourceId } from '../model/import';
import type { Result } from '../model/records';
import { serverPattern } from '../origins';
import { db } from '../store/db';
import { checkSourceKey, writeSourceKey } from './keys';
import { sourceById } from './sources';

/**
 * Connecting a source with a PIN (Simkl's): the background asks the service for a code, the page
 * shows it with the address to type it at, then asks here every `interval` seconds whether the
 * person approved it. The token goes straight into the key store; no page ever sees it.
 */

/** Simkl's PIN flow, first step: a code for the person to type at the address shown. */
export async function startPin(id: SourceId): Promise<Result<{ code: PinView }>> {
  const source = sourceById(id);
  const clientId = source?.pin?.clientId();
  if (!source?.pin || !clientId || source.address.kind !== 'fixed')
    return { ok: false, error: { kind: 'rejected', why: 'invalid' } };
  const apiUrl = source.address.url();
  if (!(await browser.permissions.contains({ origins: [serverPattern(apiUrl)] })))
    return { ok: false, error: { kind: 'permission' } };
  try {
    const code = await source.pin.start(apiUrl, clientId, {});
    const pending: PinView = { ...code, expiresAt: Date.now() + code.expiresIn * 1000 };
    await writePin(id, pending);
    return { ok: true, code: pending };
  } catch (error) {
    return { ok: false, error: failureOf(error) };
  }
}

/** A PIN the person may be approving, kept beside the import's job so a stopped worker keeps waiting for it. */
type PendingPin = PinView & { checkedAt?: number };
const pinSchema = z.object({
  userCode: z.string().check(z.maxLength(16)),
  verificationUrl: z.string().check(z.maxLength(200)),
  interval: z.int().check(z.gte(0), z.lte(600)),
  expiresAt: z.number(),
  checkedAt: z.optional(z.number()),
}) satisfies z.ZodMiniType<PendingPin>;
const pinKey = (id: SourceId) => `pin:${id}`;
async function readPin(id: SourceId): Promise<PendingPin | undefined> {
  const parsed = pinSchema.safeParse(await (await db()).get('imports', pinKey(id)));
  return parsed.success ? parsed.data : undefined;
}
async function writePin(id: SourceId, pin: PendingPin | undefined): Promise<void> {
  if (pin) await (await db()).put('imports', pin, pinKey(id));
  else await (await db()).delete('imports', pinKey(id));
}

/** Simkl's PIN flow, then: approved (the token is kept as the source's key), pending, or expired. */
export async function checkPin(id: SourceId): Promise<Result<{ state: 'approved' | 'pending' | 'expired' }>> {
  const source = sourceById(id);
  const pending = await readPin(id);
  const clientId = source?.pin?.clientId();
  if (!source?.pin || !clientId || source.address.kind !== 'fixed' || !pending || pending.expiresAt < Date.now()) {
    await writePin(id, undefined);
    return { ok: true, state: 'expired' };
  }
  // Never sooner than the service asked, whoever calls.
  if (pending.checkedAt && Date.now() - pending.checkedAt < pending.interval * 1000) return { ok: true, state: 'pending' };
  pending.checkedAt = Date.now();
  await writePin(id, pending);
  const apiUrl = source.address.url();
  try {
    const checked = await source.pin.check(apiUrl, clientId, pending.userCode, {});
    if (checked.state === 'slow-down') await writePin(id, { ...pending, interval: pending.interval + 5 });
    if (checked.state !== 'approved') return { ok: true, state: checked.state === 'expired' ? 'expired' : 'pending' };
    const key = checkSourceKey(source, { clientId, token: checked.token });
    if (!key.ok) return { ok: false, error: { kind: 'unreadable', why: 'shape' } };
    await writeSourceKey(key.key);
    await writePin(id, undefined);
    return { ok: true, state: 'approved' };
  } catch (error) {
    return { ok: false, error: failureOf(error) };
  }
}
