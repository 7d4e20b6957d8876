import { describe, expect, it } from 'vitest';
import { sourceKey } from './sourceKey.js';

describe('sourceKey', () => {
  it('keeps IPv4 addresses whole, mapped or not', () => {
    expect(sourceKey('127.0.0.2')).toBe('127.0.0.2');
    expect(sourceKey('::ffff:127.0.0.2')).toBe('127.0.0.2');
  });

  it('groups an IPv6 host with its /64, however the address is written', () => {
    expect(sourceKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(sourceKey('2001:0DB8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(sourceKey('2001:db8:0:2::5')).not.toBe(sourceKey('2001:db8:0:1::5'));
    expect(sourceKey('::1')).toBe('0:0:0:0::/64');
    expect(sourceKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
