import type { AskView } from '../model/records';
import { siteById } from '../sites/sites';
import { viewingIdOf } from './log';
import { askingEntries } from './queue';

/** The most waiting viewings the popup lists; past it, the oldest are left out of the list (not of the outbox). */
export const MAX_ASKS_SHOWN = 50;

/**
 * "Ask before logging": what waits for the person's answer, one row per viewing, newest first. It is
 * read from the outbox itself (IndexedDB), so it outlives the tab, the worker and the browser; nothing
 * of it is sent or dropped until the person answers.
 */
export async function listAsks(): Promise<AskView[]> {
  const byViewing = new Map<string, AskView>();
  for (const entry of (await askingEntries()).sort((a, b) => a.createdAt - b.createdAt)) {
    const viewingId = viewingIdOf(entry);
    const known = byViewing.get(viewingId);
    if (known) {
      known.actions.push(entry.action);
      continue;
    }
    byViewing.set(viewingId, {
      viewingKey: entry.viewingKey,
      viewingId,
      site: entry.site,
      siteLabel: siteById(entry.site)?.label ?? entry.site,
      media: entry.media,
      actions: [entry.action],
      since: entry.createdAt,
    });
  }
  return [...byViewing.values()].sort((a, b) => b.since - a.since).slice(0, MAX_ASKS_SHOWN);
}
