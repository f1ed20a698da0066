import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { recentEntries } from '../scrobble/log';
import { anyAsking } from '../scrobble/queue';
import { serial } from '../serial';
import { attentionSeenItem, readConnection, readTabPlaybacks } from '../store/items';

export type BadgeState = 'idle' | 'watching' | 'scrobbled' | 'asking' | 'attention';

/** A scrobbled film keeps its tick this long. */
const SCROBBLED_FOR_MS = 2 * 60 * 60 * 1000;

export async function badgeState(now = Date.now()): Promise<BadgeState> {
  if ((await readConnection()).state === 'reconnect') return 'attention';
  const seen = await attentionSeenItem.read();
  const recent = await recentEntries(20);
  if (recent.some((e) => (e.state === 'unmatched' || e.state === 'failed') && e.updatedAt > seen)) return 'attention';
  // Something waits for the person's answer ("Ask before logging"): it stays until they answer.
  if (await anyAsking()) return 'asking';
  const tabs = Object.values(await readTabPlaybacks());
  if (tabs.some((tab) => tab.media && tab.state === 'playing' && tab.scrobbled !== 'watched')) return 'watching';
  if (tabs.some((tab) => tab.scrobbled === 'watched' && now - tab.updatedAt < SCROBBLED_FOR_MS)) return 'scrobbled';
  return 'idle';
}

const LOOK: Record<BadgeState, { text: string; color: string }> = {
  idle: { text: '', color: '#6d28d9' },
  watching: { text: '▶', color: '#6d28d9' },
  scrobbled: { text: '✓', color: '#15803d' },
  asking: { text: '?', color: '#b45309' },
  attention: { text: '!', color: '#b42318' },
};

const inTurn = serial();

/** Shows the state on the toolbar button: its badge, and its title for screen readers and tooltips. */
export function refreshBadge(): Promise<void> {
  return inTurn(apply);
}

async function apply(): Promise<void> {
  // Firefox's MV2 build has browserAction; Chrome's MV3 has action.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  if (!action) return;
  const state = await badgeState();
  await action.setBadgeText({ text: LOOK[state].text });
  await action.setBadgeBackgroundColor({ color: LOOK[state].color });
  await action.setTitle({ title: `${t('extName')}: ${t(`badge_${state}`)}` });
}
