import { storage } from 'wxt/utils/storage';
import type { PlaybackReport } from '../background/content-messages';
import type { Media } from './entry';

/** What each tab is playing, for the popup; session storage outlives the worker, not the browser. */
export interface TabViewing {
  site: string;
  siteLabel: string;
  viewingKey?: string;
  media: Media | null;
  state: 'playing' | 'paused' | 'ended' | 'stopped';
  /** Share of the way to `watched` (0–1). */
  progress: number;
  scrobbled: 'none' | 'watching' | 'watched';
  updatedAt: number;
  /** An unidentified video's last report, kept so a manual entry can take over its progress. */
  pending?: PlaybackReport;
  /** The person chose "Don't scrobble this" for this viewing. */
  ignored?: boolean;
  /** What the person said plays in this tab's current video (that page's tracker only). */
  manual?: { segmentId: string; media: Media };
  /** When the background first heard of what this tab plays (its viewing key, or its unidentified video). */
  heard?: { id: string; since: number };
}

export const tabViewingsItem = storage.defineItem<Record<string, TabViewing>>('session:tabViewings', { fallback: {} });

export async function setTabViewing(tabId: number, viewing: TabViewing | null): Promise<void> {
  const all = { ...(await tabViewingsItem.getValue()) };
  if (viewing) all[tabId] = viewing;
  else delete all[tabId];
  await tabViewingsItem.setValue(all);
}

export async function readTabViewing(tabId: number): Promise<TabViewing | undefined> {
  return (await tabViewingsItem.getValue())[tabId];
}
