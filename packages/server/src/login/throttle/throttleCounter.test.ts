import { describe, expect, it } from 'vitest';
import { addFailure, decayCounter, emptyCounter, isLocked, removeFailures, type LockRule, type ThrottleCounter } from './throttleCounter.js';

const rule: LockRule = { afterFailures: 3, lockSeconds: [60, 300, 900, 3600], windowSeconds: 3600 };
const start = new Date('2026-11-27T02:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

function fail(counter: ThrottleCounter, times: number, now: Date): ThrottleCounter {
  for (let n = 0; n < times; n++) counter = addFailure(counter, rule, now);
  return counter;
}

describe('throttle counter', () => {
  it('locks at the threshold failure itself, so the next one in flight is already refused', () => {
    const two = fail(emptyCounter, 2, start);
    expect(isLocked(two, start)).toBe(false);
    const three = addFailure(two, rule, start);
    expect(isLocked(three, start)).toBe(true);
    expect(three.lockedUntil).toEqual(at(60));
  });

  it('grows the lock with each failure past the threshold, up to the last period, never for good', () => {
    let counter = fail(emptyCounter, 3, start);
    const periods: number[] = [];
    let now = start;
    for (let lock = 0; lock < 6; lock++) {
      periods.push((counter.lockedUntil!.getTime() - now.getTime()) / 1000);
      now = counter.lockedUntil!;
      expect(isLocked(counter, now)).toBe(false); // a lock ends exactly at its time
      counter = addFailure(counter, rule, now);
    }
    expect(periods).toEqual([60, 300, 900, 3600, 3600, 3600]);
  });

  it('forgets everything a whole window after the last failure or the end of the lock', () => {
    const locked = fail(emptyCounter, 3, start); // locked until +60 s
    expect(decayCounter(locked, rule.windowSeconds, at(60 + 3599))).toBe(locked);
    expect(decayCounter(locked, rule.windowSeconds, at(60 + 3600))).toEqual(emptyCounter);
    const two = fail(emptyCounter, 2, start);
    expect(decayCounter(two, rule.windowSeconds, at(3600))).toEqual(emptyCounter);
  });

  it('lifts the lock when failures given back fall below the threshold', () => {
    const locked = fail(emptyCounter, 3, start);
    expect(isLocked(removeFailures(locked, 1, rule), start)).toBe(false);
    const deeper = fail(emptyCounter, 5, start);
    expect(isLocked(removeFailures(deeper, 1, rule), start)).toBe(true);
    expect(removeFailures(emptyCounter, 4, rule).failures).toBe(0);
  });
});
