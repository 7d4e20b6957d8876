import { afterEach, describe, expect, it } from 'vitest';
import type { RateCountsRepo } from '../../store/Store.js';
import { memoryRateCounts } from './memoryRateCounts.js';
import { syncedRateCounter, type SyncedRateCounter } from './syncedRateCounter.js';

const minute = 60_000;
const t0 = Date.parse('2026-11-27T02:00:00Z');
const opened: SyncedRateCounter[] = [];
const instance = (repo: RateCountsRepo, options: Parameters<typeof syncedRateCounter>[1] = {}) => {
  const counter = syncedRateCounter(repo, { syncEveryMs: 3_600_000, ...options }); // tests sync by hand
  opened.push(counter);
  return counter;
};
afterEach(async () => void (await Promise.all(opened.splice(0).map((counter) => counter.close()))));

const hits = async (counter: SyncedRateCounter, key: string, times: number, nowMs = t0) => {
  let last = 0;
  for (let n = 0; n < times; n++) last = (await counter.hit(key, minute, nowMs)).count;
  return last;
};

describe('syncedRateCounter', () => {
  it("counts every instance's requests once they have synced", async () => {
    const shared = memoryRateCounts();
    const [a, b] = [instance(shared), instance(shared)];
    expect(await hits(a, 'token:x', 5)).toBe(5);
    expect(await hits(b, 'token:x', 3)).toBe(3); // not synced yet: each knows its own
    await a.sync();
    await b.sync();
    expect(await hits(b, 'token:x', 1)).toBe(9); // b sent after a: it knows both
    expect(await hits(a, 'token:x', 1)).toBe(6); // a learns with its next send…
    await a.sync();
    expect(await hits(a, 'token:x', 1)).toBe(10); // …and then counts everyone's (b's last one is not sent yet)

  });

  it('holds a limit across two instances to within what one took between syncs', async () => {
    const shared = memoryRateCounts();
    const [a, b] = [instance(shared), instance(shared)];
    let admitted = 0;
    for (let burst = 0; burst < 10; burst++) {
      const counter = burst % 2 ? b : a;
      for (let n = 0; n < 100; n++) if ((await counter.hit('token:x', minute, t0)).count <= 600) admitted++;
      await counter.sync();
    }
    expect(admitted).toBeGreaterThanOrEqual(600);
    expect(admitted).toBeLessThanOrEqual(700);
  });

  it('sends one batch per sync, not a write per request', async () => {
    const shared = memoryRateCounts();
    let calls = 0;
    const counting: RateCountsRepo = { add: (deltas) => (calls++, shared.add(deltas)), purge: (before) => shared.purge(before) };
    const a = instance(counting);
    await hits(a, 'token:x', 500);
    await hits(a, 'address:10.0.0.1', 500);
    await a.sync();
    await a.sync(); // nothing new: nothing sent
    expect(calls).toBe(1);
    expect(await shared.add([{ key: 'token:x', windowStart: new Date(t0).toISOString(), count: 0 }])).toEqual([500]);
  });

  it('counts in windows aligned to their length, whenever each instance saw its first request', async () => {
    const shared = memoryRateCounts();
    const [a, b] = [instance(shared), instance(shared)];
    await hits(a, 'k', 2, t0 + 5_000);
    await hits(b, 'k', 2, t0 + 50_000);
    await a.sync();
    await b.sync();
    expect((await a.hit('k', minute, t0 + 59_999)).count).toBe(3); // a's view was synced before b's counts
    await a.sync();
    expect((await a.hit('k', minute, t0 + 59_999)).count).toBe(6);
    expect(await a.hit('k', minute, t0 + minute)).toEqual({ count: 1, resetInMs: minute });
  });

  it("still sends a window's counts after it has moved on to the next window", async () => {
    const shared = memoryRateCounts();
    const a = instance(shared);
    await hits(a, 'k', 4, t0);
    await hits(a, 'k', 1, t0 + minute);
    await a.sync();
    const [old, current] = await shared.add([
      { key: 'k', windowStart: new Date(t0).toISOString(), count: 0 },
      { key: 'k', windowStart: new Date(t0 + minute).toISOString(), count: 0 },
    ]);
    expect([old, current]).toEqual([4, 1]);
  });

  it('keeps counting while the database is away and sends everything once it is back', async () => {
    const shared = memoryRateCounts();
    let down = true;
    const flaky: RateCountsRepo = {
      add: async (deltas) => (down ? Promise.reject(new Error('ECONNREFUSED')) : shared.add(deltas)),
      purge: (before) => shared.purge(before),
    };
    const a = instance(flaky);
    await hits(a, 'k', 3);
    await a.sync();
    expect(await hits(a, 'k', 1)).toBe(4);
    down = false;
    await a.sync();
    expect(await shared.add([{ key: 'k', windowStart: new Date(t0).toISOString(), count: 0 }])).toEqual([4]);
  });

  it('sends what it holds on close, and purges windows two days old', async () => {
    const shared = memoryRateCounts();
    let clock = t0;
    const a = syncedRateCounter(shared, { syncEveryMs: 3_600_000, purgeEveryMs: minute, now: () => clock });
    await hits(a, 'old', 1, t0 - 3 * 86_400_000);
    await hits(a, 'k', 2);
    await a.close();
    expect(shared.size()).toBe(2);
    clock = t0 + minute;
    const b = instance(shared, { purgeEveryMs: minute, now: () => clock });
    clock += minute;
    await b.sync();
    expect(shared.size()).toBe(1);
  });
});
