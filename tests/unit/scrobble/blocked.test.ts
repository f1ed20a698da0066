import { beforeEach, describe, expect, it } from 'vitest';
import { blockIdentity } from '@/utils/media';
import type { PlaybackReport } from '@/utils/protocol/content';
import { block, blockChannel, blockedKind, blockLogged, listBlocked, unblock } from '@/utils/scrobble/blocked';
import { queuedEntries } from '@/utils/scrobble/queue';
import { blockPlaying } from '@/utils/scrobble/reports';
import { readTabPlayback } from '@/utils/scrobble/tabs';
import { db } from '@/utils/store/db';
import { SEVERANCE_S2E4 } from '../../support/reports';
import { entry, fold, freshStart, report } from './support';

beforeEach(freshStart);

/** "Never log this show" (or film): what it covers, and what the background then sends. */
describe('never logged', () => {
  it('a show covers every episode of it on that site, whatever the case or spacing; another site, another show', async () => {
    await block('netflix', SEVERANCE_S2E4);
    expect(await blockedKind('netflix', { title: ' severance ', mediaType: 'TV', season: 1, episode: 1 })).toBe('show');
    expect(await blockedKind('netflix', { title: 'Severance', season: 2, episode: 9 })).toBe('show');
    expect(await blockedKind('apple-tv', SEVERANCE_S2E4)).toBeUndefined();
    expect(await blockedKind('netflix', { title: 'Severance', mediaType: 'MOVIE' })).toBeUndefined();
    expect(await blockedKind('netflix', { ...SEVERANCE_S2E4, title: 'Andor' })).toBeUndefined();
  });

  it('a film blocked with its year is that film: a remake of another year is logged', async () => {
    await block('netflix', { title: 'Dune', year: 2021, mediaType: 'MOVIE' });
    expect(await blockedKind('netflix', { title: 'Dune', year: 2021 })).toBe('film');
    expect(await blockedKind('netflix', { title: 'Dune' })).toBe('film');
    expect(await blockedKind('netflix', { title: 'Dune', year: 1984 })).toBeUndefined();
  });

  it('nothing of a blocked show is queued, the tab says why, and nothing is due from the page', async () => {
    await block('netflix', SEVERANCE_S2E4);
    await fold(report({ position: 70, forwardSeconds: 70 }), 1);
    const { next } = await fold(report({ reason: 'ended', state: 'ended', position: 3000, forwardSeconds: 3000 }), 1);
    expect(await queuedEntries()).toEqual([]);
    expect(next).toBeNull();
    expect(await readTabPlayback(1)).toMatchObject({ blocked: 'show', media: SEVERANCE_S2E4 });
  });

  it('removed, it is logged again from the next report on', async () => {
    await block('netflix', SEVERANCE_S2E4);
    await fold(report({ position: 70, forwardSeconds: 70 }), 1);
    expect((await unblock({ site: 'netflix', kind: 'show', title: 'Severance' })).ok).toBe(true);
    expect((await unblock({ site: 'netflix', kind: 'show', title: 'Severance' })).ok).toBe(false);
    await fold(report({ position: 80, forwardSeconds: 80 }), 1);
    expect((await queuedEntries()).map((e) => e.action)).toEqual(['watching']);
    expect((await readTabPlayback(1))?.blocked).toBeUndefined();
  });

  it('from the popup: what the background’s tab record names, its unsent scrobble dropped; nothing playing is refused', async () => {
    expect(await blockPlaying(1)).toEqual({ ok: false, error: { kind: 'not-playing' } });
    // Watching queued (not sent yet: offline, say), then the person says never.
    await fold(report({ position: 70, forwardSeconds: 70 }), 1);
    expect((await queuedEntries()).map((e) => e.action)).toEqual(['watching']);
    expect(await blockPlaying(1)).toEqual({ ok: true });
    expect(await queuedEntries()).toEqual([]);
    expect(await readTabPlayback(1)).toMatchObject({ blocked: 'show' });
    expect(await listBlocked()).toEqual([
      { site: 'netflix', kind: 'show', title: 'Severance', addedAt: expect.any(Number), siteLabel: 'Netflix' },
    ]);
  });

  it('from a row of the log: what that scrobble named; an import’s row is not a site’s, and a key that is not kept is refused', async () => {
    const logged = {
      ...entry(1, 'matched'),
      site: 'netflix',
      media: { title: 'Glass Onion', year: 2022, mediaType: 'MOVIE' as const },
    };
    const imported = { ...entry(2, 'matched'), site: 'rewind', importId: 'job-1' };
    await (await db()).put('scrobbles', logged);
    await (await db()).put('scrobbles', imported);
    expect(await blockLogged(logged.key)).toEqual({ ok: true });
    expect((await blockLogged(imported.key)).ok).toBe(false);
    expect((await blockLogged('no-such-key')).ok).toBe(false);
    expect((await listBlocked()).map((item) => [item.kind, item.title, item.year])).toEqual([['film', 'Glass Onion', 2022]]);
  });

  it('blocking twice keeps one; a title of nothing is refused', async () => {
    await block('netflix', SEVERANCE_S2E4);
    await block('netflix', { ...SEVERANCE_S2E4, episode: 5 });
    expect(await listBlocked()).toHaveLength(1);
    expect((await block('netflix', { title: '\u200b \u0000' })).ok).toBe(false);
  });

  it('a YouTube channel: nothing it plays is queued, the tab says so; blocked from the popup by the channel the background recorded', async () => {
    const STUDIO = { id: 'UCstudio0000000000000001', name: 'Studio One' };
    const onYouTube = (patch: Partial<PlaybackReport>) =>
      report({
        site: 'youtube',
        contentId: 'kNvs0uT2019',
        media: { title: 'Knives Out', mediaType: 'MOVIE' },
        channel: STUDIO,
        ...patch,
      });
    expect(await blockPlaying(9, 'channel')).toEqual({ ok: false, error: { kind: 'not-playing' } });
    await fold(onYouTube({ position: 70, forwardSeconds: 70 }), 9);
    expect((await queuedEntries()).map((e) => e.action)).toEqual(['watching']);
    expect(await readTabPlayback(9)).toMatchObject({ channel: STUDIO });
    expect(await blockPlaying(9, 'channel')).toEqual({ ok: true });
    expect(await queuedEntries()).toEqual([]);
    expect(await readTabPlayback(9)).toMatchObject({ blocked: 'channel' });
    // Another film of the same channel (by its id, whatever its name says now): nothing.
    const glassOnion = {
      segmentId: 'segment-bbbb-2',
      contentId: 'gL4sS0n10n1',
      media: { title: 'Glass Onion' },
      forwardSeconds: 70,
    };
    await fold(onYouTube({ ...glassOnion, channel: { ...STUDIO, name: 'Studio One (new name)' } }), 10);
    expect(await queuedEntries()).toEqual([]);
    // Another channel of the same name is another channel; and a channel is blocked on its site only.
    expect(await blockedKind('youtube', { title: 'Knives Out' }, { id: 'UCother', name: 'Studio One' })).toBeUndefined();
    expect(await blockedKind('netflix', { title: 'Knives Out' }, STUDIO)).toBeUndefined();
    expect(await listBlocked()).toEqual([
      expect.objectContaining({
        site: 'youtube',
        kind: 'channel',
        title: 'Studio One',
        channelId: STUDIO.id,
        siteLabel: 'YouTube',
      }),
    ]);
    // Blocked too, the other channel of that name is its own block: removing one leaves the other.
    expect((await blockChannel('youtube', { id: 'UCother', name: 'Studio One' })).ok).toBe(true);
    expect((await listBlocked()).map((item) => item.channelId).sort()).toEqual(['UCother', STUDIO.id].sort());
    expect((await unblock({ site: 'youtube', kind: 'channel', title: 'Studio One', channelId: STUDIO.id })).ok).toBe(true);
    expect((await listBlocked()).map((item) => item.channelId)).toEqual(['UCother']);
    expect(await blockedKind('youtube', { title: 'Knives Out' }, STUDIO)).toBeUndefined();
  });

  it('a profile or a channel is taken only from a site whose connector reads one, and cleaned there too', async () => {
    await fold(
      report({
        position: 70,
        forwardSeconds: 70,
        channel: { id: 'UCx', name: 'Somebody' },
        profile: { name: ' \u202eKids\u0000 ', kids: true },
      }),
      1,
    );
    // Netflix reads profiles, not channels: the profile (cleaned) is off, the channel is not kept.
    const tab = await readTabPlayback(1);
    expect(tab?.channel).toBeUndefined();
    expect(tab?.profileOff).toBe('Kids');
    await fold(
      report({
        site: 'hulu',
        segmentId: 'segment-cccc-3',
        position: 70,
        forwardSeconds: 70,
        profile: { name: 'Kids', kids: true },
      }),
      2,
    );
    expect((await readTabPlayback(2))?.profileOff).toBeUndefined();
  });
});

describe('what tells one block from another', () => {
  it('a channel by its id, whatever its name; a title by name (any case) and year; a channel without an id by its name', () => {
    const channel = { site: 'youtube', kind: 'channel' as const, title: 'Studio One' };
    expect(blockIdentity({ ...channel, channelId: 'UCa' })).not.toBe(blockIdentity({ ...channel, channelId: 'UCb' }));
    expect(blockIdentity({ ...channel, channelId: 'UCa' })).toBe(
      blockIdentity({ ...channel, title: 'Renamed', channelId: 'UCa' }),
    );
    expect(blockIdentity(channel)).toBe(blockIdentity({ ...channel, title: 'studio one' }));
    const film = { site: 'netflix', kind: 'film' as const, title: 'Roma' };
    expect(blockIdentity({ ...film, year: 2018 })).toBe(blockIdentity({ ...film, title: 'ROMA', year: 2018 }));
    expect(blockIdentity({ ...film, year: 2018 })).not.toBe(blockIdentity({ ...film, year: 1972 }));
    expect(blockIdentity(film)).not.toBe(blockIdentity({ ...film, kind: 'show' }));
  });
});
