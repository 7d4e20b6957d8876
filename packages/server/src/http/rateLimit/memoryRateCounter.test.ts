import { describe, expect, it } from 'vitest';
import { memoryRateCounter } from './memoryRateCounter.js';

describe('memoryRateCounter', () => {
  it('counts each key in its own window and starts again when the window ends', async () => {
    const counter = memoryRateCounter();
    expect(await counter.hit('a', 60_000, 1_000)).toEqual({ count: 1, resetInMs: 60_000 });
    expect(await counter.hit('a', 60_000, 31_000)).toEqual({ count: 2, resetInMs: 30_000 });
    expect(await counter.hit('b', 60_000, 31_000)).toEqual({ count: 1, resetInMs: 60_000 });
    expect(await counter.hit('a', 60_000, 60_999)).toEqual({ count: 3, resetInMs: 1 });
    expect(await counter.hit('a', 60_000, 61_000)).toEqual({ count: 1, resetInMs: 60_000 });
  });

  it('starts a new window when the clock went back, rather than holding a key for the gap', async () => {
    const counter = memoryRateCounter();
    await counter.hit('a', 60_000, 1_000_000);
    expect(await counter.hit('a', 60_000, 1_000)).toEqual({ count: 1, resetInMs: 60_000 });
  });

  it('counts every one of many requests at once', async () => {
    const counter = memoryRateCounter();
    const counts = await Promise.all(Array.from({ length: 1000 }, () => counter.hit('a', 60_000, 0)));
    expect(counts.map(({ count }) => count).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, n) => n + 1));
  });

  it('keeps at most maxKeys, forgetting the window that started first', async () => {
    const counter = memoryRateCounter({ maxKeys: 2 });
    await counter.hit('old', 60_000, 0);
    await counter.hit('old', 60_000, 0);
    await counter.hit('mid', 60_000, 1);
    await counter.hit('new', 60_000, 2); // a flood of new keys cannot grow the map: 'old' goes
    expect((await counter.hit('mid', 60_000, 3)).count).toBe(2);
    expect((await counter.hit('old', 60_000, 3)).count).toBe(1);
  });
});
