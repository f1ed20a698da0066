import { MAX_PLAYBACK_RATE } from './viewing';

/**
 * The forward play the background credits, bounded per tab and in total by the wall clock. One
 * viewing is already bounded by its own clock (viewing.ts `plausibleForward`); this bounds them
 * together, so a compromised content script that reports hundreds of viewings at once gets no more
 * watched scrobbles across them than real play at 16× would.
 *
 * - A tab plays one video at a time: what its reports add up to, over all its viewings, is at most
 *   16× the wall clock since its previous credited report (time not used is not carried over).
 * - All tabs together draw from one bucket that fills at 16× the wall clock and holds at most
 *   BUDGET_SECONDS: a person's tabs playing side by side fit in it, a burst does not.
 * What is not credited now is not lost: a page's totals keep growing, and its next report asks again.
 * Kept in the worker's memory: a new worker trusts each tab's first report to its viewing's own clock.
 */
/**
 * The most forward play one report may rightly carry: a page says nothing between what is due but
 * one report an hour, so the report that makes a long film `watched` (played fast, or within the
 * hour) carries its whole run from `watching` on: 80 % of a four-hour film, with room. A new worker
 * (the usual case, the last one having stopped long since) starts with it full; a burst within one
 * worker's life shares it.
 */
export const BUDGET_SECONDS = 4 * 60 * 60;

const tabs = new Map<number, number>();
let total = { left: BUDGET_SECONDS, at: Number.NEGATIVE_INFINITY };

/** Takes up to `wanted` seconds of forward play for a tab's report; returns what was granted. */
export function grantForward(tabId: number, wanted: number, now = Date.now()): number {
  const since = tabs.get(tabId);
  const ofTab = since === undefined ? Number.POSITIVE_INFINITY : (Math.max(0, now - since) / 1000) * MAX_PLAYBACK_RATE;
  const earned = Number.isFinite(total.at) ? (Math.max(0, now - total.at) / 1000) * MAX_PLAYBACK_RATE : BUDGET_SECONDS;
  const left = Math.min(BUDGET_SECONDS, total.left + earned);
  const granted = Math.max(0, Math.min(wanted, ofTab, left));
  tabs.delete(tabId);
  tabs.set(tabId, now);
  // Closed tabs are forgotten oldest first: a forgotten tab's next report is bounded by its viewing's clock.
  if (tabs.size > 500) tabs.delete(tabs.keys().next().value as number);
  total = { left: left - granted, at: now };
  return granted;
}

/** For tests: every tab and the total as a new worker finds them. */
export function resetBudgets(): void {
  tabs.clear();
  total = { left: BUDGET_SECONDS, at: Number.NEGATIVE_INFINITY };
}
