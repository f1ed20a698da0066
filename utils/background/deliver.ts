import type { ScrobbleEntry } from '../model/records';
import { viewingIdOf } from '../scrobble/log';
import { isAsking } from '../scrobble/queue';
import { flushOutbox } from '../scrobble/sender';
import { announce } from './announce';
import { refreshBadge } from './badge';
import { mayNotifyAsk, notifyAsk, tidyAskNotifications } from './notifications';

/** Sends what is due, then shows the outcome on the toolbar button and to open pages. */
export async function deliver(): Promise<void> {
  await flushOutbox();
  await refreshBadge();
  await announce('log');
}

/** After a decision about what plays: open pages show it, and what it queued is sent. */
export async function settle(queued: readonly ScrobbleEntry[]): Promise<void> {
  // What waits for the person's answer asks them, once per viewing (a later ask of it replaces the notification).
  const asked = new Map(queued.filter(isAsking).map((entry) => [viewingIdOf(entry), entry]));
  for (const entry of asked.values()) if (mayNotifyAsk()) void notifyAsk(entry).catch(() => undefined);
  void tidyAskNotifications().catch(() => undefined);
  await announce(...(queued.length > 0 ? (['playback', 'log'] as const) : (['playback'] as const)));
  if (queued.length > 0) return deliver();
  await refreshBadge();
}
