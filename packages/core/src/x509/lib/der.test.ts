import { describe, expect, it } from 'vitest';
import { decodeOid, encodeOid } from './der.js';

describe('decodeOid', () => {
  it.each([
    '1.2.840.113549.1.1.11',
    '2.16.886.1.100.2.51',
    '0.9.2342.19200300.100.1.25',
    '2.999.3',
    // a UUID arc (X.667), far beyond 2^53: read with BigInt
    '2.25.329800735698586629295641978511506172918',
    '1.3.6.1.4.1.35184372088832.1', // 2^45: the last arc the number path reads
    '1.3.6.1.4.1.35184372088833.1',
  ])('reads %s back', (dotted) => {
    expect(decodeOid(encodeOid(dotted))).toBe(dotted);
  });

  it('refuses an empty or unterminated OID', () => {
    expect(() => decodeOid(new Uint8Array())).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => decodeOid(new Uint8Array([0x2a, 0x86]))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });
});
