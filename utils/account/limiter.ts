import { db } from '../store/db';

/** ReelRifter's soft ceiling per token. */
export const REQUESTS_PER_MINUTE = 60;
/**
 * An import's share: it goes only while the last minute holds fewer than this many requests, so live
 * scrobbles always have room and the total stays under the ceiling.
 */
export const IMPORT_REQUESTS_PER_MINUTE = 50;

/**
 * The limiter's minute, a second long: a request reaches the server some milliseconds after it takes
 * its slot, and that delay varies, so slots exactly 60 s apart could land 61 in the server's minute.
 */
const SLOT_WINDOW_MS = 61_000;

/**
 * Takes one of the minute's request slots, or says how long until one frees up. Kept in IndexedDB
 * so a restarted worker still knows what it sent.
 */
export async function takeRequestSlot(now: number, perMinute = REQUESTS_PER_MINUTE): Promise<number> {
  const tx = (await db()).transaction('meta', 'readwrite');
  const recent = ((await tx.store.get('sendTimes')) ?? []).filter((t) => t > now - SLOT_WINDOW_MS && t <= now);
  let wait = 0;
  if (recent.length >= perMinute) {
    wait = (recent[recent.length - perMinute] ?? now) + SLOT_WINDOW_MS - now;
  } else {
    recent.push(now);
    await tx.store.put(recent, 'sendTimes');
  }
  await tx.done;
  return wait;
}
