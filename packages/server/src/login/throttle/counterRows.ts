import type { Store } from '../../store/index.js';
import type { ThrottleKey } from '../../store/throttle.js';
import { counterExpiry, decayCounter, emptyCounter, type ThrottleCounter } from './throttleCounter.js';

/** The counter stored under `key` as it stands at `now` (a passed window reads as empty). */
export function readCounter(store: Store, key: ThrottleKey, windowSeconds: number, now: Date): ThrottleCounter {
  const row = store.throttle.get(key);
  if (!row) return emptyCounter;
  const counter: ThrottleCounter = {
    failures: row.failures,
    lockLevel: row.lock_level,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
    lastFailureAt: new Date(row.last_failure_at),
  };
  return decayCounter(counter, windowSeconds, now);
}

/** Stores a counter, or deletes its row when nothing is left to remember. */
export function writeCounter(store: Store, key: ThrottleKey, counter: ThrottleCounter, windowSeconds: number): void {
  if (counter.failures === 0 && counter.lockedUntil === null) {
    store.throttle.remove(key);
    return;
  }
  store.throttle.put({
    ...key,
    failures: counter.failures,
    lock_level: counter.lockLevel,
    locked_until: counter.lockedUntil?.toISOString() ?? null,
    last_failure_at: (counter.lastFailureAt ?? new Date(0)).toISOString(),
    expires_at: counterExpiry(counter, windowSeconds).toISOString(),
  });
}
