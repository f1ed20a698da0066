import { browser } from 'wxt/browser';
import { describeMedia } from '@/utils/media';
import { t } from '../i18n';
import type { ScrobbleEntry } from '../model/records';
import { NOTIFICATIONS_PERMISSION } from '../permissions';
import { viewingIdOf } from '../scrobble/log';
import { askingEntries } from '../scrobble/queue';
import { notificationsItem } from '../store/items';

/** A title's share of a notification, so the sentence around it (what to do) always shows. */
const TITLE_CHARS = 160;

/** At most `max` characters, cut between code points (never through an emoji's halves), with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** What a person hears about: each watched scrobble, and what needs them (not matched, failed, reconnect). */
export function notificationFor(outcome: ScrobbleEntry | 'reconnect'): { id: string; title: string; message: string } | null {
  if (outcome === 'reconnect') return { id: 'reconnect', title: t('notifyAttentionTitle'), message: t('reconnectNeeded') };
  if (outcome.action !== 'watched') return null;
  const what = clip(describeMedia(outcome.match?.title ? { ...outcome.media, ...outcome.match } : outcome.media), TITLE_CHARS);
  if (outcome.state === 'matched') return { id: `scrobbled:${outcome.key}`, title: t('notifyScrobbledTitle'), message: what };
  if (outcome.state === 'unmatched') {
    return { id: `attention:${outcome.key}`, title: t('notifyAttentionTitle'), message: t('notifyUnmatched', what) };
  }
  if (outcome.state === 'failed') {
    return { id: `attention:${outcome.key}`, title: t('notifyAttentionTitle'), message: t('notifyFailed', what) };
  }
  return null;
}

export async function notifyOutcome(outcome: ScrobbleEntry | 'reconnect'): Promise<void> {
  // An import's thousands of answers are in its report, not one notification each.
  if (outcome !== 'reconnect' && outcome.importId !== undefined) return;
  const note = notificationFor(outcome);
  if (note) await show(note);
}

/** A notification, if the person turned them on and the browser lets the extension show them. */
async function show(note: { id: string; title: string; message: string }, buttons?: Array<{ title: string }>): Promise<void> {
  if (!(await notificationsItem.read())) return;
  if (!browser.notifications || !(await browser.permissions.contains(NOTIFICATIONS_PERMISSION))) return;
  await browser.notifications.create(note.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: note.title,
    // Shown as plain text by the system: a title from a page stays text.
    message: note.message,
    ...(buttons ? { buttons } : {}),
  });
}

/** An "Ask before logging" notification names the viewing it asks about: `ask:<viewing id>:<viewing key>`. */
const ASK_PREFIX = 'ask:';
export function askNotificationId(entry: Pick<ScrobbleEntry, 'viewingKey' | 'viewingId' | 'key'>): string {
  return `${ASK_PREFIX}${viewingIdOf(entry)}:${entry.viewingKey}`;
}
/** What a button of an ask notification answers (the first is Log it, the second Don't log); undefined for any other. */
export function answerOfButton(
  id: string,
  index: number,
): { viewingId: string; viewingKey: string; answer: 'log' | 'skip' } | undefined {
  const ask = askOfNotification(id);
  return ask && (index === 0 || index === 1) ? { ...ask, answer: index === 0 ? 'log' : 'skip' } : undefined;
}

/** The viewing an ask notification is about, or undefined for any other notification. */
export function askOfNotification(id: string): { viewingId: string; viewingKey: string } | undefined {
  if (!id.startsWith(ASK_PREFIX)) return undefined;
  const rest = id.slice(ASK_PREFIX.length);
  const cut = rest.indexOf(':');
  return cut > 0 ? { viewingId: rest.slice(0, cut), viewingKey: rest.slice(cut + 1) } : undefined;
}

/** At most this many "Ask before logging" notifications a minute: a page faking viewings cannot flood the screen. */
const ASKS_A_MINUTE = 3;
const askedAt: number[] = [];

/** Whether one more ask notification may show now (the list in the popup holds every question anyway). */
export function mayNotifyAsk(now = Date.now()): boolean {
  while (askedAt.length > 0 && (askedAt[0] as number) <= now - 60_000) askedAt.shift();
  if (askedAt.length >= ASKS_A_MINUTE) return false;
  askedAt.push(now);
  return true;
}

/** Takes away the ask notifications of viewings that no longer wait (answered in the popup, blocked, or dropped). */
export async function tidyAskNotifications(): Promise<void> {
  if (!browser.notifications?.getAll) return;
  const shown = Object.keys(await browser.notifications.getAll());
  if (!shown.some((id) => askOfNotification(id))) return;
  const waiting = new Set((await askingEntries()).map(viewingIdOf));
  for (const id of shown) {
    const ask = askOfNotification(id);
    if (ask && !waiting.has(ask.viewingId)) await browser.notifications.clear(id);
  }
}

/**
 * "Ask before logging": one notification per viewing that waits, with Log it and Don't log where the
 * browser shows buttons on notifications (Chrome); elsewhere clicking it opens the list to answer.
 */
export async function notifyAsk(entry: ScrobbleEntry, withButtons = !import.meta.env.FIREFOX): Promise<void> {
  const what = clip(describeMedia(entry.media), TITLE_CHARS);
  const note = {
    id: askNotificationId(entry),
    title: t('notifyAskTitle'),
    message: withButtons ? what : t('notifyAskOpen', what),
  };
  await show(note, withButtons ? [{ title: t('askLog') }, { title: t('askSkip') }] : undefined);
}
