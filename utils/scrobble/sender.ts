import { browser } from 'wxt/browser';
import { markNeedsReconnect, serverLane, storedClient } from '../account/connection';
import { IMPORT_REQUESTS_PER_MINUTE } from '../account/limiter';
import { failureOf, type HttpError, isHttpError } from '../http';
import type { ScrobbleEntry, WaitReason } from '../model/records';
import type { ScrobbleRequest } from '../reelrifter/schemas';
import { serial } from '../serial';
import { readConnection } from '../store/items';
import { pruneResults, settleOvertaken } from './log';
import { isImported, nextDue, outboxHeads, updateEntry } from './queue';

export const RETRY_ALARM = 'outbox-retry';

type OutcomeListener = (entry: ScrobbleEntry | 'reconnect') => void | Promise<void>;
let outcomeListener: OutcomeListener | undefined;

/** Told of every final answer (matched, not matched, failed) and of a 401; for notifications. */
export function onOutcome(listener: OutcomeListener | undefined): void {
  outcomeListener = listener;
}

/** Whether the import lane may send now (an import runs, not paused); set by the background's wiring. */
let importLaneOpen: () => Promise<boolean> = async () => false;

export function setImportLane(open: () => Promise<boolean>): void {
  importLaneOpen = open;
}

/** When the import lane, held back to its share of the minute, may send again (a timer wakes the flush). */
let importWake: ReturnType<typeof setTimeout> | undefined;

async function tell(entry: ScrobbleEntry | 'reconnect' | undefined): Promise<void> {
  if (entry && outcomeListener) await Promise.resolve(outcomeListener(entry)).catch(() => undefined);
}

/** First retry after 30 s (the shortest alarm Chrome allows), doubling to at most 30 minutes, ±20 %. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function requestFor(entry: ScrobbleEntry): ScrobbleRequest {
  const source = isImported(entry) ? `ReelRifter Scrobbler import (${entry.site})` : `ReelRifter Scrobbler (${entry.site})`;
  return { ...entry.media, action: entry.action, source };
}

const inTurn = serial();
let waiting: Promise<void> | undefined;

/**
 * Sends what is due in the outbox, one entry at a time, and arms an alarm for what is not due yet.
 * Flushes run one at a time; calls while one runs share the one flush that follows it.
 */
export function flushOutbox(now: () => number = Date.now): Promise<void> {
  waiting ??= inTurn(() => {
    waiting = undefined;
    return sendDue(now);
  });
  return waiting;
}

/** If the worker is killed mid-send nothing else would wake it: this alarm will, and the resend is idempotent. */
const IN_FLIGHT_WATCHDOG_MS = 60_000;

async function sendDue(now: () => number): Promise<void> {
  let watchdogArmed = false;
  let imports = await importLaneOpen();
  for (;;) {
    if ((await readConnection()).state !== 'connected') return;
    const entry = await nextDue(now(), imports);
    if (!entry) break;
    if (!watchdogArmed) {
      await browser.alarms.create(RETRY_ALARM, { when: now() + IN_FLIGHT_WATCHDOG_MS });
      watchdogArmed = true;
    }

    try {
      // The client is taken and used in the server lane: a change of servers waits for this send.
      const answer = await serverLane(async () => {
        const client = await storedClient(isImported(entry) ? IMPORT_REQUESTS_PER_MINUTE : undefined);
        return client ? client.scrobble(requestFor(entry), { idempotencyKey: entry.key }) : undefined;
      });
      if (!answer) return;
      const patch: Partial<ScrobbleEntry> = answer.matched
        ? {
            state: 'matched',
            match: answer.item ? { ...stripNulls(answer.item), status: answer.status ?? undefined } : undefined,
          }
        : { state: 'unmatched' };
      const answered = await updateEntry(
        entry.key,
        { ...patch, waitReason: undefined, error: undefined, failure: undefined, attempts: entry.attempts + 1 },
        now(),
      );
      if (answered) await settleOvertaken(answered, now());
      await tell(answered);
    } catch (error) {
      if (!isHttpError(error)) throw error;
      const at = now();
      if (error.kind === 'unauthorized') {
        await updateEntry(entry.key, { waitReason: 'reconnect', ...failed(error) }, at);
        await markNeedsReconnect();
        await tell('reconnect');
        return;
      }
      if (error.kind === 'rate-limited' && error.details.local && isImported(entry)) {
        // The import's share of the minute is used: live scrobbles still go; the import lane waits.
        imports = false;
        wakeImportLaneIn((error.details.retryAfterSeconds ?? 1) * 1000, now);
        continue;
      }
      if (error.kind === 'rate-limited') {
        const wait = (error.details.retryAfterSeconds ?? 60) * 1000;
        const reason: WaitReason = error.details.local ? 'local-limit' : 'rate-limited';
        await updateEntry(entry.key, { waitReason: reason, ...failed(error), nextAttemptAt: at + wait }, at);
        if (error.details.local) break;
        continue;
      }
      if (error.transient || error.kind === 'unreadable') {
        const attempts = entry.attempts + 1;
        await updateEntry(
          entry.key,
          { attempts, waitReason: error.kind as WaitReason, ...failed(error), nextAttemptAt: at + backoffMs(attempts) },
          at,
        );
        continue;
      }
      await tell(
        await updateEntry(
          entry.key,
          { state: 'failed', waitReason: undefined, ...failed(error), attempts: entry.attempts + 1 },
          at,
        ),
      );
    }
  }
  await pruneResults();
  await armRetryAlarm(now());
}

/**
 * One alarm for when the head of the outbox is due, in either lane; alarms outlive the worker,
 * timers do not.
 */
export async function armRetryAlarm(now: number): Promise<void> {
  const { live, imported } = await outboxHeads();
  const due = [live?.nextAttemptAt, (await importLaneOpen()) ? imported?.nextAttemptAt : undefined].filter(
    (at): at is number => at !== undefined,
  );
  if (due.length === 0) {
    await browser.alarms.clear(RETRY_ALARM);
    return;
  }
  await browser.alarms.create(RETRY_ALARM, { when: Math.max(Math.min(...due), now + 1_000) });
}

/**
 * The import lane waits for its share of the minute to free up: a timer brings the next flush
 * while the worker lives (an alarm cannot come sooner than 30 s), the alarm after that.
 */
function wakeImportLaneIn(ms: number, now: () => number): void {
  if (importWake) return;
  importWake = setTimeout(() => {
    importWake = undefined;
    void flushOutbox(now);
  }, ms);
}

/** What an entry keeps of an error: the English words for exports, and the failure the pages put into words. */
function failed(error: HttpError): Pick<ScrobbleEntry, 'error' | 'failure'> {
  return { error: error.message, failure: failureOf(error) };
}

function stripNulls<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
}
