import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ScrobbleEntry } from '@/utils/model/records';
import { DEFAULT_API_URL } from '@/utils/origins';
import type { PlaybackReport } from '@/utils/protocol/content';
import { resetBudgets } from '@/utils/scrobble/budget';
import { queuedEntries } from '@/utils/scrobble/queue';
import { handleReport } from '@/utils/scrobble/reports';
import { db, type ViewingRecord, writeCredential } from '@/utils/store/db';
import { connectionItem, DEFAULT_SCROBBLE_SETTINGS } from '@/utils/store/items';
import { playbackReport } from '../../support/reports';

/** What the scrobble tests share: a clock, folding reports as the background does, hand-made entries. */

export const TOKEN = 'rr_pat_outboxUnitTest000001';
export const settings = Promise.resolve(DEFAULT_SCROBBLE_SETTINGS);
export const report = playbackReport;

/** The worker's clock, a day back: each report comes ten minutes after the one before (up to 9,600 s of play at 16×). */
let clock = 0;
const seen = new Set<string>();

/** Empty stores, a fresh fake browser and the clock a day back: every test starts here. */
export async function freshStart(): Promise<void> {
  fakeBrowser.reset();
  const database = await db();
  await Promise.all((['scrobbles', 'viewings', 'meta', 'secrets', 'settings'] as const).map((s) => database.clear(s)));
  clock = Date.now() - 24 * 60 * 60 * 1000;
  seen.clear();
  resetBudgets();
}

/**
 * Folds a report as the background does, ten minutes after the previous one. A page's tracker always
 * says `start` first, so a segment's first report here is preceded by its start.
 */
export async function fold(r: PlaybackReport, tabId: number) {
  if (!seen.has(`${tabId}|${r.segmentId}`)) {
    seen.add(`${tabId}|${r.segmentId}`);
    if (r.forwardSeconds > 0) {
      const start = { ...r, reason: 'start' as const, position: r.startPosition, forwardSeconds: 0, state: 'playing' as const };
      clock += 1_000;
      await handleReport(start, tabId, settings, clock);
    }
  }
  clock += 600_000;
  return handleReport(r, tabId, settings, clock);
}

/** A log entry made by hand, created at `i`. */
export const entry = (i: number, state: ScrobbleEntry['state'], viewingKey = `k${i}`): ScrobbleEntry => ({
  key: `v${i}:watched`,
  viewingKey,
  site: 'netflix',
  action: 'watched',
  media: { title: `T${i}` },
  state,
  attempts: 1,
  nextAttemptAt: 0,
  createdAt: i,
  updatedAt: i,
});

/** A viewing record made by hand, last seen at `lastSeenAt`. */
export const viewing = (key: string, lastSeenAt: number): ViewingRecord => ({
  key,
  id: `id-${key}`,
  site: 'netflix',
  media: { title: key },
  segments: {},
  duration: 3000,
  position: 0,
  ended: false,
  watchingSent: false,
  watchedSent: false,
  firstSeenAt: lastSeenAt,
  lastSeenAt,
});

export function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
}

/** Connected, with one episode played to the end: its watching and watched wait in the outbox. */
export async function connectedWithOneQueued(): Promise<ScrobbleEntry> {
  await writeCredential({ token: TOKEN, apiUrl: DEFAULT_API_URL });
  await connectionItem.write({ state: 'connected', account: { username: 'demo' } });
  await fold(report({ position: 2900, forwardSeconds: 2900, state: 'ended' }), 1);
  const watched = (await queuedEntries()).find((e) => e.action === 'watched');
  if (!watched) throw new Error('nothing queued');
  return watched;
}
