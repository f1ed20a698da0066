import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeState } from '@/utils/background/badge';
import { answerOfButton, askNotificationId, askOfNotification, mayNotifyAsk, notifyAsk } from '@/utils/background/notifications';
import type { ScrobbleEntry } from '@/utils/model/records';
import { listAsks } from '@/utils/scrobble/ask';
import { askingEntries, nextDue, queuedEntries } from '@/utils/scrobble/queue';
import { actOnTabPlayback, answerAsk } from '@/utils/scrobble/reports';
import { readTabPlayback } from '@/utils/scrobble/tabs';
import { askFirstItem, askSitesItem, asksFirst, notificationsItem, readSettings, writeSettings } from '@/utils/store/items';
import { SEVERANCE_S2E4 } from '../../support/reports';
import { fold, freshStart, report } from './support';

beforeEach(freshStart);

const FAR = Number.MAX_SAFE_INTEGER;
const byTime = (entries: ScrobbleEntry[]) => entries.sort((a, b) => a.createdAt - b.createdAt);
const watching = () => report({ position: 70, forwardSeconds: 70 });
const ended = () => report({ reason: 'ended', state: 'ended', position: 3000, forwardSeconds: 3000 });

/** "Ask before logging": what waits, and what the person's answer does. */
describe('ask before logging', () => {
  it('is off unless turned on, for every site or for one', async () => {
    expect(await asksFirst('netflix')).toBe(false);
    await askSitesItem.write({ netflix: true });
    expect(await asksFirst('netflix')).toBe(true);
    expect(await asksFirst('hulu')).toBe(false);
    expect((await writeSettings({ askFirst: true })).askFirst).toBe(true);
    expect(await asksFirst('hulu')).toBe(true);
    await writeSettings({ askFirst: false });
    expect(await asksFirst('hulu')).toBe(false);
    expect(await asksFirst('netflix')).toBe(true);
    expect((await readSettings()).askFirst).toBe(false);
  });

  it('while it asks, watching and watched are queued but not due; the badge says so; the popup lists the viewing once', async () => {
    await askFirstItem.write(true);
    await fold(watching(), 1);
    await fold(ended(), 1);
    expect(byTime(await queuedEntries()).map((e) => [e.action, e.waitReason])).toEqual([
      ['watching', 'ask'],
      ['watched', 'ask'],
    ]);
    expect(await nextDue(FAR)).toBeUndefined();
    expect(await badgeState()).toBe('asking');
    const asks = await listAsks();
    expect(asks).toEqual([
      expect.objectContaining({ site: 'netflix', siteLabel: 'Netflix', media: SEVERANCE_S2E4, actions: ['watching', 'watched'] }),
    ]);
  });

  it('a site that does not ask sends as before', async () => {
    await askSitesItem.write({ hulu: true });
    await fold(watching(), 1);
    expect((await queuedEntries()).map((e) => e.waitReason)).toEqual([undefined]);
    expect((await nextDue(FAR))?.action).toBe('watching');
  });

  it('Log it makes what waits due, and what the viewing decides later goes without asking', async () => {
    await askFirstItem.write(true);
    await fold(watching(), 1);
    const [ask] = await listAsks();
    if (!ask) throw new Error('nothing asked');
    const answered = await answerAsk(ask.viewingKey, ask.viewingId, 'log');
    expect(answered).toMatchObject({ ok: true, queued: [expect.objectContaining({ action: 'watching' })] });
    expect((await nextDue(FAR))?.action).toBe('watching');
    await fold(ended(), 1);
    expect(byTime(await queuedEntries()).map((e) => [e.action, e.waitReason])).toEqual([
      ['watching', undefined],
      ['watched', undefined],
    ]);
    expect(await listAsks()).toEqual([]);
    expect(await badgeState()).not.toBe('asking');
    // Answered once: a second answer (the other button, another window) changes nothing.
    expect(await answerAsk(ask.viewingKey, ask.viewingId, 'skip')).toEqual({ ok: false, error: { kind: 'already-answered' } });
  });

  it("Don't log removes what waits, sends nothing more of the viewing, and the tab says so", async () => {
    await askFirstItem.write(true);
    await fold(watching(), 1);
    const [ask] = await listAsks();
    if (!ask) throw new Error('nothing asked');
    expect(await answerAsk(ask.viewingKey, ask.viewingId, 'skip')).toEqual({ ok: true, queued: [] });
    await fold(ended(), 1);
    expect(await queuedEntries()).toEqual([]);
    expect(await readTabPlayback(1)).toMatchObject({ ignored: true });
  });

  it("the Now tab's buttons answer too: Scrobble now logs what waits, Don't scrobble this drops it", async () => {
    await askFirstItem.write(true);
    await fold(watching(), 1);
    const now = await actOnTabPlayback(1, 'scrobble-now');
    expect(now.queued.map((e) => e.action).sort()).toEqual(['watched', 'watching']);
    expect(await askingEntries()).toEqual([]);

    await freshStart();
    await askFirstItem.write(true);
    await fold(watching(), 2);
    await actOnTabPlayback(2, 'ignore');
    await fold(ended(), 2);
    expect(await queuedEntries()).toEqual([]);
  });

  it('the next viewing (another episode) is asked again', async () => {
    await askFirstItem.write(true);
    await fold(watching(), 1);
    const [ask] = await listAsks();
    if (!ask) throw new Error('nothing asked');
    await answerAsk(ask.viewingKey, ask.viewingId, 'log');
    await fold({ ...watching(), segmentId: 'next', contentId: '81999', media: { ...SEVERANCE_S2E4, episode: 5 } }, 1);
    expect((await listAsks()).map((a) => a.media.episode)).toEqual([5]);
  });
});

describe('the notification that asks', () => {
  it('names its viewing, and nothing else is taken for one', () => {
    const id = askNotificationId({ viewingId: '3f1c2b9e-0000-4000-8000-000000000001', viewingKey: 'netflix|81:2|2|4', key: 'x' });
    expect(askOfNotification(id)).toEqual({ viewingId: '3f1c2b9e-0000-4000-8000-000000000001', viewingKey: 'netflix|81:2|2|4' });
    expect(askOfNotification('scrobbled:v1:watched')).toBeUndefined();
    expect(askOfNotification('ask:')).toBeUndefined();
    // Chrome's buttons, in the order they are shown: Log it, then Don't log.
    expect(answerOfButton(id, 0)).toMatchObject({ viewingKey: 'netflix|81:2|2|4', answer: 'log' });
    expect(answerOfButton(id, 1)).toMatchObject({ viewingKey: 'netflix|81:2|2|4', answer: 'skip' });
    expect(answerOfButton(id, 2)).toBeUndefined();
    expect(answerOfButton('attention:v1:watched', 0)).toBeUndefined();
  });

  it('at most three a minute, whatever a page fakes', () => {
    const at = 5_000_000;
    expect([0, 1, 2, 3, 4].map((i) => mayNotifyAsk(at + i))).toEqual([true, true, true, false, false]);
    expect(mayNotifyAsk(at + 61_000)).toBe(true);
  });

  it('has Log it and Don’t log where the browser shows buttons, and says to click where it does not', async () => {
    await notificationsItem.write(true);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    const create = vi.fn().mockResolvedValue('id');
    (fakeBrowser as unknown as { notifications: unknown }).notifications = { create };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(
      ((key: string, subs?: string | string[]) =>
        `${key}${subs ? `(${[subs].flat().join(',')})` : ''}`) as typeof fakeBrowser.i18n.getMessage,
    );
    await askFirstItem.write(true);
    await fold(watching(), 1);
    const [entry] = await askingEntries();
    if (!entry) throw new Error('nothing asked');
    await notifyAsk(entry, true);
    expect(create).toHaveBeenLastCalledWith(
      askNotificationId(entry),
      expect.objectContaining({ message: 'Severance S2E4', buttons: [{ title: 'askLog' }, { title: 'askSkip' }] }),
    );
    await notifyAsk(entry, false);
    const [, options] = create.mock.calls.at(-1) ?? [];
    expect(options).not.toHaveProperty('buttons');
    expect(options.message).toBe('notifyAskOpen(Severance S2E4)');
  });
});
