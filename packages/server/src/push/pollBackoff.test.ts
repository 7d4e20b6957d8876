import { describe, expect, it } from 'vitest';
import { maxBackoffMs, pollBackoffMs } from './pollBackoff.js';

describe('pollBackoffMs', () => {
  it('doubles the poll interval per failure in a row', () => {
    expect([1, 2, 3].map((failures) => pollBackoffMs(4000, failures))).toEqual([8000, 16000, maxBackoffMs]);
  });

  it('never waits more than 30 s, however many failures (no overflow to Infinity either)', () => {
    expect(pollBackoffMs(4000, 10)).toBe(30_000);
    expect(pollBackoffMs(4000, 5000)).toBe(30_000);
  });

  it('keeps a poll interval longer than the cap', () => {
    expect(pollBackoffMs(45_000, 3)).toBe(45_000);
  });
});
