import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { parseDuration } from './parseDuration.js';

describe('parseDuration', () => {
  it.each([['90', 90], ['90s', 90], ['15m', 900], ['1h', 3600]])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text, '--idle')).toBe(seconds);
  });
  it.each(['0', '-5m', '15 minutes', '1.5h', '', '9999999'])('refuses %j as a usage error', async (text) => {
    expect(await errorCodeOf(Promise.resolve().then(() => parseDuration(text, '--idle')))).toBe('ERR_USAGE');
  });
});
