import type { TabPlayback } from '../model/records';
import { readTabPlaybacks, writeTabPlaybacks } from '../store/items';

/** What plays in one tab, as the popup shows it; null forgets the tab. */
export async function setTabPlayback(tabId: number, playback: TabPlayback | null): Promise<void> {
  const all = await readTabPlaybacks();
  if (playback) all[tabId] = playback;
  else delete all[tabId];
  await writeTabPlaybacks(all);
}

export async function readTabPlayback(tabId: number): Promise<TabPlayback | undefined> {
  return (await readTabPlaybacks())[tabId];
}

/** The viewings open tabs play now. */
export async function playingViewingKeys(): Promise<Set<string>> {
  return new Set(Object.values(await readTabPlaybacks()).flatMap((tab) => tab.viewingKey ?? []));
}
