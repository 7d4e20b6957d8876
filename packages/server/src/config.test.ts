import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from './config.js';

const codeOf = (raw: unknown) => {
  try {
    parseConfig(raw, 'config.json');
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('parseConfig: throttle settings', () => {
  it('takes growing lock periods and counts, keeping the defaults for what is left out', () => {
    const config = parseConfig({ lockAfterFailures: 5, throttle: { lockSeconds: [30, 30, 600] } }, 'config.json');
    expect(config.lockAfterFailures).toBe(5);
    expect(config.throttle).toEqual({ ...defaultConfig.throttle, lockSeconds: [30, 30, 600] });
  });

  it.each([
    ['no lock periods', { throttle: { lockSeconds: [] } }],
    ['shrinking periods', { throttle: { lockSeconds: [300, 60] } }],
    ['a period of a week', { throttle: { lockSeconds: [60, 604_800] } }],
    ['a fraction of a second', { throttle: { lockSeconds: [0.5] } }],
    ['periods as an object', { throttle: { lockSeconds: { a: 60 } } }],
    ['a zero window', { throttle: { windowSeconds: 0 } }],
    ['a zero lock threshold', { lockAfterFailures: 0 }],
    ['a negative captcha threshold', { captchaAfterFailures: -1 }],
    ['an account cap below the per-source lock', { lockAfterFailures: 10, throttle: { accountLockAfterFailures: 5 } }],
    ['an unknown throttle key', { throttle: { banSeconds: 60 } }],
    ['a string for the throttle', { throttle: 'strict' }],
  ])('refuses %s with ERR_DATA_DIR', (_name, raw) => {
    expect(codeOf(raw)).toBe('ERR_DATA_DIR');
  });

  it('accepts the defaults it writes', () => {
    expect(codeOf(JSON.parse(JSON.stringify(defaultConfig)))).toBe('ok');
  });
});
