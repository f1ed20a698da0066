import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clip, notificationFor, notifyOutcome } from '@/utils/background/notifications';
import type { ScrobbleEntry } from '@/utils/model/records';
import { notificationsItem } from '@/utils/store/items';
import messages from '../../public/_locales/en/messages.json';

/** English as the browser would give it: $NAME$ markers filled from the substitutions. */
function english(key: string, substitutions?: string | string[]): string {
  const entry = (messages as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>)[key];
  if (!entry) return '';
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return entry.message.replace(/\$(\w+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(english as typeof fakeBrowser.i18n.getMessage);
});

const entry = (patch: Partial<ScrobbleEntry>): ScrobbleEntry => ({
  key: 'v1:watched',
  viewingKey: 'netflix|1||',
  site: 'netflix',
  action: 'watched',
  media: { title: 'Severance', mediaType: 'TV', season: 2, episode: 4 },
  state: 'matched',
  attempts: 1,
  nextAttemptAt: 0,
  createdAt: 0,
  updatedAt: 0,
  ...patch,
});

describe('what a person is told', () => {
  it.each([
    [
      'a watched scrobble that matched',
      entry({ match: { title: 'Severance', year: 2022, season: 2, episode: 4 } }),
      'scrobbled:v1:watched',
      'Severance S2E4 (2022)',
    ],
    ['a watched scrobble not matched', entry({ state: 'unmatched' }), 'attention:v1:watched', 'Severance S2E4'],
    ['a failed one', entry({ state: 'failed', error: 'nope' }), 'attention:v1:watched', 'Severance S2E4'],
  ])('%s', (_, outcome, id, text) => {
    const note = notificationFor(outcome);
    expect(note?.id).toBe(id);
    expect(note?.message).toContain(text);
  });

  it('nothing for a watching scrobble or one still queued', () => {
    expect(notificationFor(entry({ action: 'watching' }))).toBeNull();
    expect(notificationFor(entry({ state: 'queued' }))).toBeNull();
  });

  it('a very long title is clipped between characters, and the sentence around it still says what to do', () => {
    const title = `${'x'.repeat(158)}😀${'y'.repeat(500)}`;
    const note = notificationFor(entry({ state: 'unmatched', media: { title, mediaType: 'MOVIE' } }));
    expect(note?.message).toMatch(/^ReelRifter could not match x{158}😀…\. Open the popup to fix it\.$/);
    expect(note?.message.isWellFormed()).toBe(true);
    expect(clip('short', 10)).toBe('short');
    expect(Array.from(clip(`${'😀'.repeat(300)}`, 160))).toHaveLength(160);
  });

  it('a reconnect is news', () => {
    expect(notificationFor('reconnect')?.id).toBe('reconnect');
  });
});

describe('only when switched on and allowed', () => {
  it('stays quiet while the switch is off', async () => {
    const create = vi.fn();
    (fakeBrowser as unknown as { notifications: unknown }).notifications = { create };
    await notifyOutcome(entry({}));
    expect(create).not.toHaveBeenCalled();
  });

  it('stays quiet without the permission, even when switched on', async () => {
    await notificationsItem.write(true);
    const create = vi.fn();
    (fakeBrowser as unknown as { notifications: unknown }).notifications = { create };
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    await notifyOutcome(entry({}));
    expect(create).not.toHaveBeenCalled();
  });

  it('shows one when switched on and allowed', async () => {
    await notificationsItem.write(true);
    const create = vi.fn().mockResolvedValue('id');
    (fakeBrowser as unknown as { notifications: unknown }).notifications = { create };
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    await notifyOutcome(entry({}));
    expect(create).toHaveBeenCalledWith(
      'scrobbled:v1:watched',
      expect.objectContaining({ type: 'basic', message: 'Severance S2E4' }),
    );
  });
});
