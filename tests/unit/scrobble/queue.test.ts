import { beforeEach, describe, expect, it } from 'vitest';
import { QUEUED_LIMIT, saveViewingAndQueue } from '@/utils/scrobble/queue';
import { db } from '@/utils/store/db';
import { entry, freshStart, viewing } from './support';

beforeEach(freshStart);

/** The outbox queue (scrobble/queue.ts). */

describe('bounds', () => {
  it('queues nothing new past the outbox cap', async () => {
    const database = await db();
    for (let i = 0; i < QUEUED_LIMIT; i++) await database.put('scrobbles', entry(i, 'queued'));
    const added = await saveViewingAndQueue(viewing('k-new', 1), [entry(QUEUED_LIMIT + 1, 'queued', 'k-new')]);
    expect(added).toEqual([]);
    expect(await database.count('scrobbles')).toBe(QUEUED_LIMIT);
  });
});
