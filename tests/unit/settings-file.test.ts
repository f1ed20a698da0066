import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applySettings, checkSettings, exportSettings, SETTINGS_FORMAT } from '@/utils/background/settings-file';
import { block, blockChannel, listBlocked } from '@/utils/scrobble/blocked';
import { db, writeCredential } from '@/utils/store/db';
import {
  askFirstItem,
  askSitesItem,
  asksFirst,
  chosenSitesItem,
  notificationsItem,
  profilesItem,
  readScrobbleSettings,
  saveScrobbleSettings,
  serversItem,
  siteSwitchesItem,
} from '@/utils/store/items';

const TOKEN = 'rr_pat_settingsFileUnitTest0001';

beforeEach(async () => {
  fakeBrowser.reset();
  const database = await db();
  await Promise.all((['settings', 'secrets'] as const).map((store) => database.clear(store)));
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  // The fake browser has no scripting API: the sites' scripts are another test's business.
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = vi.fn(async () => []);
  scripting.registerContentScripts = vi.fn(async () => undefined);
  scripting.unregisterContentScripts = vi.fn(async () => undefined);
});

/** Settings made in one browser, as a file, read back in another (utils/background/settings-file.ts). */
describe('settings that move', () => {
  it('exports every setting and what is never logged, and no token', async () => {
    await writeCredential({ token: TOKEN, apiUrl: 'https://api.reelrifter.com/api/public/v1' });
    await saveScrobbleSettings({ watchedThreshold: 0.9, minWatchingSeconds: 60 });
    await siteSwitchesItem.write({ netflix: false });
    await block('netflix', { title: 'Severance', mediaType: 'TV', season: 1, episode: 1 });
    const { text } = await exportSettings();
    expect(text).not.toContain('rr_pat_');
    expect(JSON.parse(text)).toMatchObject({
      format: SETTINGS_FORMAT,
      version: 1,
      scrobble: { watchedThreshold: 0.9, minWatchingSeconds: 60 },
      sites: { netflix: false },
      blocked: [{ site: 'netflix', kind: 'show', title: 'Severance' }],
    });
  });

  it('read back elsewhere: what would change, then applied', async () => {
    await saveScrobbleSettings({ watchedThreshold: 0.9, minWatchingSeconds: 60 });
    await block('netflix', { title: 'Severance', mediaType: 'TV' });
    const { text } = await exportSettings();
    // Another browser: nothing set there yet.
    await (await db()).clear('settings');
    const check = await checkSettings(text);
    expect(check).toMatchObject({ kind: 'settings', problems: [], origins: [], notifications: false });
    expect(check.kind === 'settings' && check.changes.map((c) => c.field).sort()).toEqual(['blocked', 'scrobble']);
    expect(await applySettings(text)).toEqual({ ok: true, skipped: 0 });
    expect(await readScrobbleSettings()).toEqual({ watchedThreshold: 0.9, minWatchingSeconds: 60 });
    expect((await listBlocked()).map((item) => item.title)).toEqual(['Severance']);
    // Once applied, the same file changes nothing.
    const again = await checkSettings(text);
    expect(again.kind === 'settings' && again.changes).toEqual([]);
  });

  it('two blocked channels of one name stay two (a channel is its id), and each is taken once', async () => {
    await blockChannel('youtube', { id: 'UCaaaa', name: 'Studio One' });
    await blockChannel('youtube', { id: 'UCbbbb', name: 'Studio One' });
    const { text } = await exportSettings();
    await (await db()).clear('settings');
    expect(await applySettings(text)).toEqual({ ok: true, skipped: 0 });
    expect(await applySettings(text)).toEqual({ ok: true, skipped: 0 });
    const channels = (await listBlocked()).filter((item) => item.kind === 'channel');
    expect(channels.map((item) => item.channelId).sort()).toEqual(['UCaaaa', 'UCbbbb']);
  });

  it('"Ask before logging" moves too, for every site and per site (a site this version does not know left out)', async () => {
    await askSitesItem.write({ netflix: true });
    const { text } = await exportSettings();
    expect(JSON.parse(text).askFirst).toEqual({ all: false, sites: { netflix: true } });
    await (await db()).clear('settings');
    expect(await asksFirst('netflix')).toBe(false);
    const file = JSON.parse(text);
    file.askFirst.sites['no-such-site'] = true;
    expect(await applySettings(JSON.stringify(file))).toEqual({ ok: true, skipped: 0 });
    expect(await askSitesItem.read()).toEqual({ netflix: true });
    expect(await askFirstItem.read()).toBe(false);
    const bad = await checkSettings(JSON.stringify({ format: SETTINGS_FORMAT, version: 1, askFirst: { all: 'yes' } }));
    expect(bad).toMatchObject({ problems: [{ field: 'askFirst', why: 'invalid' }] });
  });

  it('the profiles logged move too: a kids profile turned on here is on there, a site this version does not know left out', async () => {
    await profilesItem.write({ netflix: [{ name: 'Kids', kids: true, on: true, seenAt: 1 }] });
    const file = JSON.parse((await exportSettings()).text);
    expect(file.profiles).toEqual({ netflix: [{ name: 'Kids', kids: true, on: true, seenAt: 1 }] });
    await (await db()).clear('settings');
    // There, the same profile was seen already and is off: the file's choice wins; another stays.
    await profilesItem.write({
      netflix: [
        { name: 'Kids', kids: true, on: false, seenAt: 5 },
        { name: 'Sam', kids: false, on: true, seenAt: 6 },
      ],
    });
    file.profiles['no-such-site'] = [{ name: 'X', kids: false, on: true, seenAt: 1 }];
    expect(await applySettings(JSON.stringify(file))).toEqual({ ok: true, skipped: 0 });
    expect(await profilesItem.read()).toEqual({
      netflix: [
        { name: 'Kids', kids: true, on: true, seenAt: 1 },
        { name: 'Sam', kids: false, on: true, seenAt: 6 },
      ],
    });
  });

  it('takes each field it can: a bad one and an unknown one are named and left out, a newer version said', async () => {
    const file = {
      format: SETTINGS_FORMAT,
      version: 7,
      scrobble: { watchedThreshold: 'most of it', minWatchingSeconds: 30 },
      sites: { netflix: false, 'no-such-site': false },
      blocked: 'everything',
      toString: 'not a field',
      mystery: { a: 1 },
    };
    const text = JSON.stringify(file);
    const check = await checkSettings(text);
    expect(check).toMatchObject({
      kind: 'settings',
      newer: true,
      changes: [{ field: 'sites', count: 2 }],
      problems: [
        { field: 'scrobble', why: 'invalid' },
        { field: 'blocked', why: 'invalid' },
        { field: 'toString', why: 'unknown' },
        { field: 'mystery', why: 'unknown' },
      ],
    });
    expect(await applySettings(text)).toEqual({ ok: true, skipped: 0 });
    // A site this version does not know is not kept.
    expect(await siteSwitchesItem.read()).toEqual({ netflix: false });
    expect(await readScrobbleSettings()).toEqual({ watchedThreshold: 0.8, minWatchingSeconds: 30 });
  });

  it('refuses what is not a settings file', async () => {
    expect(await checkSettings('{ not json')).toEqual({ kind: 'not-settings', problem: 'not-json' });
    expect(await checkSettings('{"format":"something else"}')).toEqual({ kind: 'not-settings', problem: 'not-settings' });
    expect(await checkSettings('[]')).toEqual({ kind: 'not-settings', problem: 'not-settings' });
    expect(await checkSettings(' '.repeat(1024 * 1024 + 1))).toEqual({ kind: 'not-settings', problem: 'too-big' });
    expect((await applySettings('{}')).ok).toBe(false);
  });

  it('a server or chosen site whose host the browser did not allow, and notifications not allowed, are left out and counted', async () => {
    const text = JSON.stringify({
      format: SETTINGS_FORMAT,
      version: 1,
      notifications: true,
      servers: [
        { site: 'jellyfin', origin: 'https://media.example.net' },
        { site: 'any-site', origin: 'https://films.example.org' },
        { site: 'any-site', origin: 'http://*' },
        { site: 'any-site', origin: 'not an address at all' },
      ],
      // Trust for a site that is not chosen here (its host not granted) is never taken.
      chosenSites: { 'https://films.example.org': { confirmed: true, trusted: ['Dune'], corrections: [] } },
    });
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    const check = await checkSettings(text);
    expect(check).toMatchObject({
      kind: 'settings',
      notifications: true,
      origins: ['https://media.example.net/*', 'https://films.example.org/*'],
    });
    expect(await applySettings(text)).toEqual({ ok: true, skipped: 5 });
    expect(await serversItem.read()).toEqual([]);
    expect(await notificationsItem.read()).toBe(false);
    expect(await chosenSitesItem.read()).toEqual({});
    // Granted, the chosen site and its trust are taken; a wildcard or a non-address never.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    expect(await applySettings(text)).toEqual({ ok: true, skipped: 2 });
    expect(await serversItem.read()).toEqual([
      { site: 'jellyfin', origin: 'https://media.example.net' },
      { site: 'any-site', origin: 'https://films.example.org' },
    ]);
    expect(Object.keys(await chosenSitesItem.read())).toEqual(['https://films.example.org']);
  });
});
