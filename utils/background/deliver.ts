import { flushOutbox } from '../scrobble/sender';
import { announce } from './announce';
import { refreshBadge } from './badge';

/** Sends what is due, then shows the outcome on the toolbar button and to open pages. */
export async function deliver(): Promise<void> {
  await flushOutbox();
  await refreshBadge();
  await announce('log');
}

/** After a decision about what plays: open pages show it, and what it queued is sent. */
export async function settle(queued: readonly unknown[]): Promise<void> {
  await announce(...(queued.length > 0 ? (['playback', 'log'] as const) : (['playback'] as const)));
  if (queued.length > 0) return deliver();
  await refreshBadge();
}
