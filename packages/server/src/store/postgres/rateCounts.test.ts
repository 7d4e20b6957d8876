import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../testing/testDatabase.js';
import type { Store } from '../Store.js';
import { openPostgresStore } from './openPostgresStore.js';
import type { rateCountsRepo } from './rateCounts.js';

type WithRateCounts = Store & { rateCounts: ReturnType<typeof rateCountsRepo> };

describe('rate-limit counts shared on PostgreSQL', () => {
  let first: WithRateCounts;
  let second: WithRateCounts;
  beforeAll(async () => {
    const url = await createTestDatabase();
    first = (await openPostgresStore(url)) as WithRateCounts;
    second = (await openPostgresStore(url)) as WithRateCounts;
  });
  afterAll(async () => void (await Promise.all([first?.close(), second?.close()])));

  const window = (minute: number) => new Date(Date.UTC(2026, 10, 27, 2, minute)).toISOString();

  it('adds each instance’s counts to one total per key and window, returned in the order asked', async () => {
    expect(await first.rateCounts.add([])).toEqual([]);
    expect(await first.rateCounts.add([{ key: 'ip:10.0.0.1', windowStart: window(0), count: 3 }])).toEqual([3]);
    expect(
      await second.rateCounts.add([
        { key: 'token:b', windowStart: window(0), count: 1 },
        { key: 'ip:10.0.0.1', windowStart: window(0), count: 4 },
        { key: 'ip:10.0.0.1', windowStart: window(1), count: 2 },
        { key: 'token:b', windowStart: window(0), count: 1 },
      ]),
    ).toEqual([2, 7, 2, 2]);
  });

  it('loses no count when 40 batches over the same keys, in opposite orders, arrive from two instances at once', async () => {
    const keys = ['a', 'b', 'c', 'd'].map((key) => ({ key: `race:${key}`, windowStart: window(5), count: 1 }));
    await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 2 ? first : second).rateCounts.add(index % 2 ? keys : [...keys].reverse())));
    expect(await first.rateCounts.add(keys.map((key) => ({ ...key, count: 0 })))).toEqual([40, 40, 40, 40]);
  });

  it('purges the windows that started before a time', async () => {
    await first.rateCounts.add([{ key: 'old', windowStart: window(-60), count: 1 }]);
    expect(await second.rateCounts.purge(window(-1))).toBe(1);
    expect(await first.rateCounts.add([{ key: 'old', windowStart: window(-60), count: 1 }])).toEqual([1]);
  });
});
