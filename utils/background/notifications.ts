import { browser } from 'wxt/browser';
import { describeMedia } from '@/utils/media';
import { t } from '../i18n';
import type { ScrobbleEntry } from '../model/records';
import { NOTIFICATIONS_PERMISSION } from '../permissions';
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
  if (!note || !(await notificationsItem.read())) return;
  if (!browser.notifications || !(await browser.permissions.contains(NOTIFICATIONS_PERMISSION))) return;
  await browser.notifications.create(note.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: note.title,
    // Shown as plain text by the system: a title from a page stays text.
    message: note.message,
  });
}
