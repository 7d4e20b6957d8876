/**
 * One failure counter (per account + method, or per account + method + source) and its rules:
 * failures decay after a quiet window, reaching the threshold locks for the next period of a
 * growing list (capped at its last entry), and no lock is permanent. Pure: time comes in as `now`.
 */
export type ThrottleCounter = {
  failures: number;
  /** How many locks this counter has started since it was last forgotten: picks the next period. */
  lockLevel: number;
  lockedUntil: Date | null;
  lastFailureAt: Date | null;
};

export type LockRule = {
  /** Failures (in flight included) that start a lock; each failure past it starts the next one. */
  afterFailures: number;
  /** Lock periods in order, e.g. [60, 300, 900, 3600]; the last one repeats. */
  lockSeconds: readonly number[];
  /** A counter with no failure and no lock for this long is forgotten. */
  windowSeconds: number;
};

export const emptyCounter: ThrottleCounter = { failures: 0, lockLevel: 0, lockedUntil: null, lastFailureAt: null };

/** When the counter is forgotten: a whole window after its last failure or the end of its lock, whichever is later. */
export function counterExpiry(counter: ThrottleCounter, windowSeconds: number): Date {
  const last = Math.max(counter.lastFailureAt?.getTime() ?? 0, counter.lockedUntil?.getTime() ?? 0);
  return new Date(last + windowSeconds * 1000);
}

/** The counter as it stands at `now`: empty once its window has passed. */
export function decayCounter(counter: ThrottleCounter, windowSeconds: number, now: Date): ThrottleCounter {
  return counterExpiry(counter, windowSeconds).getTime() <= now.getTime() ? emptyCounter : counter;
}

export function isLocked(counter: ThrottleCounter, now: Date): boolean {
  return counter.lockedUntil !== null && counter.lockedUntil.getTime() > now.getTime();
}

/** One more failure, counted before its outcome is known; at the threshold it starts the next lock period at once. */
export function addFailure(counter: ThrottleCounter, rule: LockRule, now: Date): ThrottleCounter {
  const failures = counter.failures + 1;
  if (failures < rule.afterFailures) return { ...counter, failures, lastFailureAt: now };
  const seconds = rule.lockSeconds[Math.min(counter.lockLevel, rule.lockSeconds.length - 1)]!;
  return { failures, lockLevel: counter.lockLevel + 1, lockedUntil: new Date(now.getTime() + seconds * 1000), lastFailureAt: now };
}

/** Takes back failures that turned out not to be (a success, a replayed code); below the threshold the lock goes too. */
export function removeFailures(counter: ThrottleCounter, count: number, rule: LockRule): ThrottleCounter {
  const failures = Math.max(0, counter.failures - count);
  return { ...counter, failures, lockedUntil: failures < rule.afterFailures ? null : counter.lockedUntil };
}
