/**
 * Counts requests per key in fixed windows: what the per-address and per-token rate limits are
 * kept in. The in-memory one (memoryRateCounter.ts) counts for one process; a counter backed by
 * the shared database makes the limits hold across instances — it may count approximately (add
 * up locally and flush now and then), as long as it never forgets more than a window's worth.
 */
export interface RateCounter {
  /**
   * Adds one request under `key` at `nowMs` and returns how many the key has had in its current
   * window (this one included) and in how many milliseconds that window ends. A window starts at
   * the first request after the previous one ended.
   */
  hit(key: string, windowMs: number, nowMs: number): Promise<RateCount>;
}

export type RateCount = { count: number; resetInMs: number };
