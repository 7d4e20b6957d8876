import { describe, expect, it } from 'vitest';
import { isGcisError } from '../errors.js';
import { fixedClock } from '../ports.js';
import {
  buildOtpauthUri,
  decodeTotpSecret,
  encodeTotpSecret,
  generateTotp,
  generateTotpSecret,
  parseOtpauthUri,
  verifyTotp,
} from './index.js';

// RFC 6238 Appendix B: seeds are the ASCII digits 1234567890 repeated to the hash's length.
const seed = (length: number) => new Uint8Array(Buffer.from('1234567890'.repeat(7).slice(0, length)));
const rfcSeeds = { SHA1: seed(20), SHA256: seed(32), SHA512: seed(64) } as const;
const rfcVectors: Array<[number, string, keyof typeof rfcSeeds]> = [
  [59, '94287082', 'SHA1'], [59, '46119246', 'SHA256'], [59, '90693936', 'SHA512'],
  [1111111109, '07081804', 'SHA1'], [1111111109, '68084774', 'SHA256'], [1111111109, '25091201', 'SHA512'],
  [1111111111, '14050471', 'SHA1'], [1111111111, '67062674', 'SHA256'], [1111111111, '99943326', 'SHA512'],
  [1234567890, '89005924', 'SHA1'], [1234567890, '91819424', 'SHA256'], [1234567890, '93441116', 'SHA512'],
  [2000000000, '69279037', 'SHA1'], [2000000000, '90698825', 'SHA256'], [2000000000, '38618901', 'SHA512'],
  [20000000000, '65353130', 'SHA1'], [20000000000, '77737706', 'SHA256'], [20000000000, '47863826', 'SHA512'],
];

describe('generateTotp', () => {
  it.each(rfcVectors)('matches RFC 6238 at T=%i: %s (%s)', (seconds, expected, algorithm) => {
    const code = generateTotp({ secret: rfcSeeds[algorithm], now: new Date(seconds * 1000), digits: 8, algorithm });
    expect(code).toBe(expected);
  });

  it('gives 6 digits by default', () => {
    expect(generateTotp({ secret: rfcSeeds.SHA1, now: new Date(59_000) })).toBe('287082');
  });
});

describe('verifyTotp', () => {
  const secret = rfcSeeds.SHA1;
  const at = (seconds: number) => new Date(seconds * 1000);
  const codeAt = (seconds: number) => generateTotp({ secret, now: at(seconds) });

  it('accepts the current code and reports its step', () => {
    expect(verifyTotp({ secret, code: codeAt(90), now: at(90) })).toEqual({ valid: true, step: 3 });
  });

  it('accepts the previous and next step at the boundaries, and nothing further', () => {
    // now = 89.999 s is the last instant of step 2; 90 s the first of step 3.
    expect(verifyTotp({ secret, code: codeAt(60), now: at(119.999) })).toMatchObject({ valid: true, step: 2 });
    expect(verifyTotp({ secret, code: codeAt(30), now: at(119.999) })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyTotp({ secret, code: codeAt(120), now: at(89.999) })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyTotp({ secret, code: codeAt(90), now: at(89.999) })).toMatchObject({ valid: true, step: 3 });
  });

  it('honours a zero window', () => {
    expect(verifyTotp({ secret, code: codeAt(60), now: at(90), windowSteps: 0 })).toMatchObject({ valid: false });
  });

  it('refuses a code from a step already used', () => {
    const clock = fixedClock(at(95));
    const first = verifyTotp({ secret, code: codeAt(95), now: clock.now() });
    expect(first).toEqual({ valid: true, step: 3 });
    expect(verifyTotp({ secret, code: codeAt(95), now: clock.now(), lastAcceptedStep: 3 })).toEqual({
      valid: false,
      reason: 'replay',
    });
  });

  it('refuses a code from a step before the last accepted one', () => {
    expect(verifyTotp({ secret, code: codeAt(60), now: at(95), lastAcceptedStep: 3 })).toEqual({
      valid: false,
      reason: 'replay',
    });
  });

  it('accepts the next step after the last accepted one', () => {
    expect(verifyTotp({ secret, code: codeAt(125), now: at(125), lastAcceptedStep: 3 })).toEqual({
      valid: true,
      step: 4,
    });
  });

  it.each(['', '12345', '1234567', '12a456'])('calls %j malformed', (code) => {
    expect(verifyTotp({ secret, code, now: at(90) })).toEqual({ valid: false, reason: 'malformed' });
  });
});

describe('secrets', () => {
  it('makes 20 random bytes by default and refuses fewer', () => {
    const random = { bytes: (length: number) => new Uint8Array(length).fill(7) };
    expect(generateTotpSecret(random)).toHaveLength(20);
    expect(() => generateTotpSecret(random, 10)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_SECRET' }));
  });

  it('round-trips base32 and reads pasted forms', () => {
    const secret = rfcSeeds.SHA1;
    const text = encodeTotpSecret(secret);
    expect(text).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(decodeTotpSecret(text.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(secret);
  });

  it.each(['not base32!', 'GEZDGNBV'])('throws on the malformed or short secret %j', (text) => {
    let error: unknown;
    try {
      decodeTotpSecret(text);
    } catch (caught) {
      error = caught;
    }
    expect(isGcisError(error, 'ERR_INVALID_SECRET')).toBe(true);
  });
});

describe('otpauth URI', () => {
  const secret = rfcSeeds.SHA1;

  it('carries the version in the label and the parameters in the query', () => {
    const uri = buildOtpauthUri({ account: 'alice', version: 2, secret });
    expect(uri).toBe(
      'otpauth://totp/GCIS:alice%20(v2)?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GCIS&digits=6&period=30',
    );
    expect(parseOtpauthUri(uri)).toEqual({ issuer: 'GCIS', account: 'alice', version: 2, secret: encodeTotpSecret(secret) });
  });

  it('encodes characters the Key URI format reserves', () => {
    const uri = buildOtpauthUri({ account: 'alice@example.com', version: 1, secret });
    expect(uri).toContain('/GCIS:alice%40example.com%20(v1)?');
  });

  it.each([{ account: 'a:b' }, { account: 'alice', issuer: 'GC:IS' }])('refuses a colon in %j', (names) => {
    expect(() => buildOtpauthUri({ ...names, version: 1, secret })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });
});
