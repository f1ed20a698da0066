import type { MediaType } from '../reelrifter/schemas';

/** What is known about what is playing; sent to ReelRifter as it is, unknowns left out. */
export interface Media {
  title: string;
  year?: number;
  mediaType?: MediaType;
  season?: number;
  episode?: number;
}

export type WaitReason = 'rate-limited' | 'server' | 'network' | 'timeout' | 'unreadable' | 'reconnect' | 'local-limit';

export interface ScrobbleEntry {
  /** One per viewing and action; also the Idempotency-Key, so a resend is never applied twice. */
  key: string;
  viewingKey: string;
  site: string;
  action: 'watching' | 'watched';
  media: Media;
  /**
   * queued: in the outbox (not yet answered). matched / unmatched: answered. failed: refused by the
   * server for a reason a retry won't fix; kept for the user.
   */
  state: 'queued' | 'matched' | 'unmatched' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  waitReason?: WaitReason;
  error?: string;
  match?: Media & { status?: string };
  createdAt: number;
  updatedAt: number;
}

export type Outcome = 'sending' | 'waiting' | 'matched' | 'unmatched' | 'failed';

/** The outcome a person sees for an entry. */
export function outcomeOf(entry: ScrobbleEntry): Outcome {
  if (entry.state !== 'queued') return entry.state;
  return entry.waitReason ? 'waiting' : 'sending';
}
