import type { ScrobbleEntry } from '../model/records';

export type EntryStatus = 'sending' | 'waiting' | 'matched' | 'unmatched' | 'failed';

/** What a person sees of an entry. */
export function statusOf(entry: ScrobbleEntry): EntryStatus {
  if (entry.state !== 'queued') return entry.state;
  return entry.waitReason ? 'waiting' : 'sending';
}
