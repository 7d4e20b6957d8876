import { describe, expect, it } from 'vitest';
import { sessionTouch, touchStepMs } from './sessionTouch.js';

const issuedAt = new Date('2026-11-27T00:00:00Z');
const at = (ms: number) => new Date(issuedAt.getTime() + ms);
const defaults = { absoluteSeconds: 12 * 3600, idleSeconds: 30 * 60 };

describe('touchStepMs', () => {
  it('is 15 s for short idle limits and 1 % of long ones', () => {
    expect(touchStepMs(30 * 60)).toBe(18_000);
    expect(touchStepMs(10 * 60)).toBe(15_000);
    expect(touchStepMs(24 * 3600)).toBe(864_000);
  });

  it('never exceeds a tenth of a tiny idle limit', () => {
    expect(touchStepMs(60)).toBe(6_000);
    expect(touchStepMs(1)).toBe(100);
  });
});

describe('sessionTouch', () => {
  const lastSeenAt = at(60_000);
  const step = touchStepMs(defaults.idleSeconds);

  it('does not write when the deadline moves by exactly the step, and keeps the stored deadline', () => {
    expect(sessionTouch({ issuedAt, lastSeenAt }, at(60_000 + step), defaults)).toEqual({
      write: false,
      expiresAt: at(60_000 + 1_800_000),
    });
  });

  it('does not write one millisecond under the step', () => {
    expect(sessionTouch({ issuedAt, lastSeenAt }, at(60_000 + step - 1), defaults).write).toBe(false);
  });

  it('writes one millisecond over the step and reports the moved deadline', () => {
    expect(sessionTouch({ issuedAt, lastSeenAt }, at(60_000 + step + 1), defaults)).toEqual({
      write: true,
      expiresAt: at(60_000 + step + 1 + 1_800_000),
    });
  });

  it('never writes or moves the deadline back when the clock went backwards', () => {
    expect(sessionTouch({ issuedAt, lastSeenAt }, at(0), defaults)).toEqual({ write: false, expiresAt: at(60_000 + 1_800_000) });
    expect(sessionTouch({ issuedAt, lastSeenAt }, at(-3_600_000), defaults).write).toBe(false);
  });

  it('writes nothing once the absolute limit is the deadline, however long ago the last write', () => {
    const late = { issuedAt, lastSeenAt: at(11.6 * 3_600_000) };
    expect(sessionTouch(late, at(11.9 * 3_600_000), defaults)).toEqual({ write: false, expiresAt: at(12 * 3_600_000) });
  });

  it('writes when only part of the move is cut by the absolute limit but it still exceeds the step', () => {
    const late = { issuedAt, lastSeenAt: at(11 * 3_600_000) };
    const result = sessionTouch(late, at(11.25 * 3_600_000), defaults);
    expect(result).toEqual({ write: true, expiresAt: at(11.75 * 3_600_000) });
  });

  it('keeps a session with a tiny idle limit alive while it is used more often than that limit', () => {
    const tiny = { absoluteSeconds: 3600, idleSeconds: 2 };
    let stored = issuedAt;
    for (let ms = 500; ms <= 60_000; ms += 500) {
      const result = sessionTouch({ issuedAt, lastSeenAt: stored }, at(ms), tiny);
      expect(result.expiresAt.getTime()).toBeGreaterThan(at(ms).getTime()); // still alive at this use
      expect(at(ms + 2_000).getTime() - result.expiresAt.getTime()).toBeLessThanOrEqual(touchStepMs(2));
      if (result.write) stored = at(ms);
    }
  });

  it('never lets the kept deadline pass the true idle limit, nor fall short of it by more than a step', () => {
    let stored = issuedAt;
    for (let ms = 0; ms < 3_600_000; ms += 7_919) {
      const result = sessionTouch({ issuedAt, lastSeenAt: stored }, at(ms), defaults);
      const trueDeadline = ms + 1_800_000;
      expect(result.expiresAt.getTime()).toBeLessThanOrEqual(at(trueDeadline).getTime());
      expect(at(trueDeadline).getTime() - result.expiresAt.getTime()).toBeLessThanOrEqual(step);
      if (result.write) stored = at(ms);
    }
  });
});
