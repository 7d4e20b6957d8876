/**
 * Counts requests per key in fixed windows: what the per-address and per-token rate limits are
 * kept in. The in-memory one (memoryRateCounter.ts) counts for one process; syncedRateCounter.ts
 * counts in memory and sends the counts in batches to a store's RateCountsRepo that every
 * instance shares, so the limits hold across instances without a database write per request.
 */
export interface RateCounter {
  /**
   * Adds one request under `key` at `nowMs` and returns how many the key has had in its current
   * window (this one included) and in how many milliseconds that window ends. A window starts at
   * the first request after the previous one ended.
   */
  hit(key: string, windowMs: number, nowMs: number): Promise<RateCount>;
  /** Sends what it still holds and stops its timers, if it has any; the app calls it on close. */
  close?(): Promise<void>;
}

export type RateCount = { count: number; resetInMs: number };
