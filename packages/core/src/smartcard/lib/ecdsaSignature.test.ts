import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ecdsaRawToDer } from './ecdsaSignature.js';

describe('ecdsaRawToDer', () => {
  it.each(['P-256', 'P-384', 'P-521'])('turns a raw %s signature into the DER form node:crypto verifies', (namedCurve) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
    const data = Buffer.from('data');
    for (let round = 0; round < 20; round++) {
      const raw = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = ecdsaRawToDer(raw);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });

  it('drops leading zeros and adds one before a set top bit', () => {
    const raw = Buffer.concat([Buffer.from([0, 0, 0x7f, 1]), Buffer.from([0x80, 0, 0, 1])]);
    expect(Buffer.from(ecdsaRawToDer(raw)).toString('hex')).toBe('300b' + '02027f01' + '02050080000001');
  });

  it('refuses an odd length', () => {
    expect(() => ecdsaRawToDer(new Uint8Array(3))).toThrow(expect.objectContaining({ code: 'ERR_PKCS11_MODULE' }));
  });
});
