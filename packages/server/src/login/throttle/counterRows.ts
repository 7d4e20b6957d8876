import type { ThrottleKey, ThrottleRow } from '../../store/Store.js';
import { counterExpiry, decayCounter, emptyCounter, type ThrottleCounter } from './throttleCounter.js';

/** The counter a stored row holds as it stands at `now` (none, or a passed window, reads as empty). */
export function counterOf(row: ThrottleRow | undefined, windowSeconds: number, now: Date): ThrottleCounter {
  if (!row) return emptyCounter;
  const counter: ThrottleCounter = {
    failures: row.failures,
    lockLevel: row.lock_level,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
    lastFailureAt: new Date(row.last_failure_at),
  };
  return decayCounter(counter, windowSeconds, now);
}

/** The row to store for a counter under `key`, or null (delete it) when nothing is left to remember. */
export function rowOf(key: ThrottleKey, counter: ThrottleCounter, windowSeconds: number): ThrottleRow | null {
  if (counter.failures === 0 && counter.lockedUntil === null) return null;
  return {
    ...key,
    failures: counter.failures,
    lock_level: counter.lockLevel,
    locked_until: counter.lockedUntil?.toISOString() ?? null,
    last_failure_at: (counter.lastFailureAt ?? new Date(0)).toISOString(),
    expires_at: counterExpiry(counter, windowSeconds).toISOString(),
  };
}
