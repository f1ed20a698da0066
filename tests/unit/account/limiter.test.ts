import { beforeEach, describe, expect, it } from 'vitest';
import { takeRequestSlot } from '@/utils/account/limiter';
import { freshStart } from '../scrobble/support';

beforeEach(freshStart);

/** The request limiter (account/limiter.ts). */

describe('the limiter', () => {
  it('never takes more than 60 request slots a minute, with a second to spare for the network', async () => {
    const start = 5_000_000;
    for (let i = 0; i < 60; i++) expect(await takeRequestSlot(start + i * 100)).toBe(0);
    const wait = await takeRequestSlot(start + 6_100);
    expect(wait).toBe(61_000 - 6_100);
    expect(await takeRequestSlot(start + 60_500)).toBeGreaterThan(0);
    expect(await takeRequestSlot(start + 61_001)).toBe(0);
  });
});
