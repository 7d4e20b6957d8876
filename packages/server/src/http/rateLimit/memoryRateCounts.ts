import type { RateCountDelta, RateCountsRepo } from '../../store/Store.js';

/** A RateCountsRepo in memory: what several instances' syncedRateCounters share in tests, as a database table would be. */
export function memoryRateCounts(): RateCountsRepo & { size(): number } {
  const counts = new Map<string, { windowStart: string; count: number }>();
  return {
    async add(deltas: readonly RateCountDelta[]) {
      return deltas.map(({ key, windowStart, count }) => {
        const id = `${windowStart} ${key}`;
        const row = counts.get(id) ?? { windowStart, count: 0 };
        row.count += count;
        counts.set(id, row);
        return row.count;
      });
    },
    async purge(before) {
      const old = [...counts].filter(([, row]) => row.windowStart < before);
      for (const [id] of old) counts.delete(id);
      return old.length;
    },
    size: () => counts.size,
  };
}
