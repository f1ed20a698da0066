import { beforeEach, describe, expect, it } from 'vitest';
import { pruneViewings, VIEWING_GAP_MS } from '@/utils/scrobble/viewing';
import { db } from '@/utils/store/db';
import { entry, freshStart, viewing } from './support';

beforeEach(freshStart);

/** Viewings kept between reports (scrobble/viewing.ts). */

describe('bounds', () => {
  it('forgets viewings past the gap and the least recently seen past the cap, never one with a scrobble queued', async () => {
    const database = await db();
    const now = 100 * VIEWING_GAP_MS;
    await database.put('viewings', viewing('old', now - VIEWING_GAP_MS - 1));
    await database.put('viewings', viewing('old-queued', now - VIEWING_GAP_MS - 1));
    await database.put('scrobbles', entry(1, 'queued', 'old-queued'));
    for (let i = 0; i < 8; i++) await database.put('viewings', viewing(`recent-${i}`, now - 1000 + i));
    expect(await pruneViewings(now, 5)).toBe(5);
    expect((await database.getAllKeys('viewings')).sort()).toEqual([
      'old-queued',
      'recent-4',
      'recent-5',
      'recent-6',
      'recent-7',
    ]);
  });
});
