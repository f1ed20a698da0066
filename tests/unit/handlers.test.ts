import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlePageRequest, handlers } from '@/utils/background/handlers';
import { CHANGED } from '@/utils/protocol/pages';
import { pageRequestSchema } from '@/utils/protocol/schemas';
import { db } from '@/utils/store/db';
import { DEFAULT_SCROBBLE_SETTINGS } from '@/utils/store/items';

/** What the background told open pages while a test ran. */
let announced: unknown[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  const database = await db();
  await Promise.all((['scrobbles', 'viewings', 'meta', 'secrets', 'settings'] as const).map((s) => database.clear(s)));
  announced = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    announced.push(message);
    return undefined;
  });
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
  // The fake browser has no scripting API: registering site scripts is another test's business.
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = vi.fn(async () => []);
  scripting.registerContentScripts = vi.fn(async () => undefined);
  scripting.unregisterContentScripts = vi.fn(async () => undefined);
});

describe('the background’s handler map', () => {
  it('has exactly one handler for every request the schema lets through', () => {
    const types = pageRequestSchema.def.options.flatMap((option) => option.shape.type.def.values).sort();
    expect(Object.keys(handlers).sort()).toEqual(types);
  });

  it('writes settings and reads them back, and tells open pages the settings changed', async () => {
    expect(await handlePageRequest({ type: 'settings/read' })).toEqual({
      scrobble: DEFAULT_SCROBBLE_SETTINGS,
      paused: false,
      askFirst: false,
      notifications: false,
      privateWindows: false,
    });
    const saved = await handlePageRequest({
      type: 'settings/write',
      settings: { paused: true, scrobble: { watchedThreshold: 0.904, minWatchingSeconds: 60.4 } },
    });
    expect(saved).toMatchObject({ paused: true, scrobble: { watchedThreshold: 0.9, minWatchingSeconds: 60 } });
    expect(await handlePageRequest({ type: 'settings/read' })).toEqual(saved);
    await vi.waitFor(() => expect(announced).toContainEqual({ type: CHANGED, topics: ['settings'] }));
  });

  it('answers every failure in one shape, with a kind the page puts into words', async () => {
    expect(await handlePageRequest({ type: 'results/retry', key: 'nothing-here' })).toEqual({
      ok: false,
      error: { kind: 'already-answered' },
    });
    expect(await handlePageRequest({ type: 'viewing/act', tabId: 5, act: 'ignore' })).toEqual({
      ok: false,
      error: { kind: 'not-playing' },
    });
    expect(await handlePageRequest({ type: 'servers/add', site: 'jellyfin', address: 'ftp://nas' })).toEqual({
      ok: false,
      error: { kind: 'invalid-url' },
    });
    expect(await handlePageRequest({ type: 'account/history' })).toEqual({ ok: false, error: { kind: 'not-connected' } });
    expect(await handlePageRequest({ type: 'account/connect', token: 'hello' })).toEqual({
      ok: false,
      error: { kind: 'invalid-token' },
    });
  });

  it('reads the sites and switches one off', async () => {
    const before = await handlePageRequest({ type: 'sites/view' });
    expect(before.sites.find((site) => site.id === 'netflix')?.on).toBe(true);
    const after = await handlePageRequest({ type: 'sites/switch', site: 'netflix', on: false });
    expect(after.sites.find((site) => site.id === 'netflix')?.on).toBe(false);
    expect(await handlePageRequest({ type: 'sites/view' })).toEqual(after);
  });

  it('reads an empty log as empty, and what a tab plays as nothing when nothing plays there', async () => {
    expect(await handlePageRequest({ type: 'results/recent', limit: 20 })).toEqual([]);
    expect(await handlePageRequest({ type: 'results/summary' })).toEqual({
      sent: 0,
      matched: 0,
      unmatched: 0,
      failed: 0,
      queued: 0,
    });
    expect(await handlePageRequest({ type: 'viewing/current', tabId: 3 })).toBeNull();
  });
});
