import type { RateCount, RateCounter } from './RateCounter.js';

/**
 * A RateCounter in this process's memory, for one instance (the default). At most `maxKeys` keys
 * are kept — a flood of new addresses or tokens cannot grow it without bound; past that the key
 * whose window started longest ago is forgotten first (its count starts again: lenient, never stricter).
 */
export function memoryRateCounter({ maxKeys = 100_000 }: { maxKeys?: number } = {}): RateCounter {
  const windows = new Map<string, { startMs: number; count: number }>();
  return {
    async hit(key, windowMs, nowMs): Promise<RateCount> {
      let window = windows.get(key);
      // A window that ended, or one that starts in the future because the clock went back, starts again.
      if (!window || nowMs >= window.startMs + windowMs || nowMs < window.startMs) {
        windows.delete(key); // re-inserted last: the Map's order stays the order windows started in
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        window = { startMs: nowMs, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetInMs: window.startMs + windowMs - nowMs };
    },
  };
}
