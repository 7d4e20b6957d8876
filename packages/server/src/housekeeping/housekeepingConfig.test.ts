import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';

const codeOf = (housekeeping: unknown) => {
  try {
    parseConfig({ housekeeping }, 'config.json');
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('housekeeping settings', () => {
  it('purges every 10 minutes and keeps ended push requests a day by default', () => {
    expect(parseConfig({}, 'config.json').housekeeping).toEqual({ intervalSeconds: 600, pushRetentionSeconds: 86_400 });
    expect(parseConfig({ housekeeping: { intervalSeconds: 1 } }, 'config.json').housekeeping.intervalSeconds).toBe(1);
  });

  it.each([
    ['no interval', { intervalSeconds: 0 }],
    ['a fractional interval', { intervalSeconds: 0.5 }],
    ['push retention under the hour the per-ID limit counts', { pushRetentionSeconds: 3599 }],
    ['an unknown key', { sessionsSeconds: 10 }],
  ])('refuses %s', (_name, housekeeping) => {
    expect(codeOf(housekeeping)).toBe('ERR_DATA_DIR');
  });
});
