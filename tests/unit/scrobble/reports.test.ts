import { beforeEach, describe, expect, it } from 'vitest';
import { queuedEntries } from '@/utils/scrobble/queue';
import { actOnTabPlayback } from '@/utils/scrobble/reports';
import { readTabPlayback } from '@/utils/scrobble/tabs';
import { db } from '@/utils/store/db';
import { SEVERANCE_S2E4 } from '../../support/reports';

import { fold, freshStart, report } from './support';

const EPISODE = SEVERANCE_S2E4;

beforeEach(freshStart);

/** Reports folded into viewings, and what they queue (scrobble/reports.ts). */

describe('viewings to the outbox', () => {
  it('queues watching once and watched once, with a stable dedupe key per viewing', async () => {
    await fold(report({ reason: 'start' }), 1);
    expect(await queuedEntries()).toHaveLength(0);
    await fold(report({ position: 40, forwardSeconds: 40 }), 1);
    await fold(report({ position: 70, forwardSeconds: 70 }), 1);
    const afterWatching = await queuedEntries();
    expect(afterWatching.map((e) => e.action)).toEqual(['watching']);

    await fold(report({ position: 2500, forwardSeconds: 2500 }), 1);
    await fold(report({ reason: 'ended', state: 'ended', position: 3000, forwardSeconds: 3000 }), 1);
    const all = await queuedEntries();
    expect(all.map((e) => e.action).sort()).toEqual(['watched', 'watching']);
    const viewingId = afterWatching[0]?.key.split(':')[0];
    expect(all.map((e) => e.key).sort()).toEqual([`${viewingId}:watched`, `${viewingId}:watching`]);
    expect(await readTabPlayback(1)).toMatchObject({ scrobbled: 'watched', progress: 1, media: EPISODE });
  });

  it('a reload (a new page, same episode) continues the viewing and never doubles watched', async () => {
    await fold(report({ position: 2600, forwardSeconds: 2600 }), 1);
    await fold(
      report({ segmentId: 'segment-bbbb-2', startPosition: 2600, position: 3000, forwardSeconds: 400, state: 'ended' }),
      1,
    );
    const entries = await queuedEntries();
    expect(entries.filter((e) => e.action === 'watched')).toHaveLength(1);
  });

  it('forward time adds up across pages of the same viewing', async () => {
    await fold(report({ position: 1200, forwardSeconds: 1200 }), 1);
    await fold(report({ segmentId: 'segment-bbbb-2', startPosition: 1200, position: 2500, forwardSeconds: 1300 }), 1);
    expect((await queuedEntries()).map((e) => e.action).sort()).toEqual(['watched', 'watching']);
  });

  it('concurrent reports still queue watched once', async () => {
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        fold(report({ segmentId: `segment-cccc-${i}`, position: 2900, forwardSeconds: 2900 }), i),
      ),
    );
    expect((await queuedEntries()).filter((e) => e.action === 'watched')).toHaveLength(1);
  });

  it("answers each report with when the page should report next, in that page's own counts", async () => {
    const first = await fold(report({ reason: 'start' }), 1);
    expect(first.next).toEqual({ forward: 30, position: 0 });
    // Watching goes; watched is due at 80 % of 3000 s, played and reached.
    const second = await fold(report({ position: 31, forwardSeconds: 31 }), 1);
    expect(second.next).toEqual({ forward: 2400, position: 2400 });
    // A reload: this page has counted 100 s, the viewing 1100 s, so 1300 s more are needed here.
    const reloaded = await fold(report({ position: 1000, forwardSeconds: 1000 }), 1).then(() =>
      fold(report({ segmentId: 'segment-bbbb-2', startPosition: 1000, position: 1100, forwardSeconds: 100 }), 1),
    );
    expect(reloaded.next).toEqual({ forward: 1400, position: 2400 });
    const done = await fold(
      report({ segmentId: 'segment-bbbb-2', startPosition: 1000, position: 2500, forwardSeconds: 1500 }),
      1,
    );
    expect(done.next).toBeNull();
  });

  it('an unidentified video is still told when a decision would be due, for a name given later', async () => {
    const answer = await fold(report({ media: null, position: 40, forwardSeconds: 40 }), 3);
    expect(answer.next).toEqual({ forward: 2400, position: 2400 });
  });

  it('an unidentified video queues nothing and tells the popup', async () => {
    await fold(report({ media: null, position: 2900, forwardSeconds: 2900 }), 3);
    expect(await queuedEntries()).toHaveLength(0);
    expect(await readTabPlayback(3)).toMatchObject({ media: null, siteLabel: 'Netflix' });
  });

  it('a viewing is written only once it has played a little, and Scrobble now still works before that', async () => {
    await fold(report({ reason: 'start' }), 4);
    await fold(report({ position: 5, forwardSeconds: 5 }), 4);
    expect(await (await db()).count('viewings')).toBe(0);
    expect(await actOnTabPlayback(4, 'scrobble-now')).toMatchObject({ ok: true });
    expect((await queuedEntries()).map((e) => e.action).sort()).toEqual(['watched', 'watching']);
    expect(await (await db()).count('viewings')).toBe(1);
  });
});
