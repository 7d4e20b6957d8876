import { describe, expect, it } from 'vitest';
import { maskNationalId, validateNationalId } from './validateNationalId.js';

/** Computes the check digit independently, the way the Ministry of the Interior publishes it. */
function withCheckDigit(prefix: string): string {
  const table = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
  const code = table.indexOf(prefix[0]!) + 10;
  const body = [Math.floor(code / 10), code % 10, ...prefix.slice(1).split('').map(Number)];
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  const sum = body.reduce((total, digit, index) => total + digit * weights[index]!, 0);
  return prefix + ((10 - (sum % 10)) % 10);
}

describe('validateNationalId', () => {
  it.each(['A123456789', 'F131104093', 'B222333440'])('accepts the citizen ID %s', (id) => {
    expect(validateNationalId(id)).toEqual({ valid: true, kind: 'citizen', id });
  });

  it('accepts citizen IDs of every first letter and both sexes', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const sex of '12') {
        const id = withCheckDigit(`${letter}${sex}2345678`);
        expect(validateNationalId(id)).toMatchObject({ valid: true, kind: 'citizen' });
      }
    }
  });

  it.each(['A800000014', 'A900000016'])('accepts the new resident number %s', (id) => {
    expect(validateNationalId(id)).toEqual({ valid: true, kind: 'resident-new', id });
  });

  // Published examples of the old resident certificate number (統一證號): the second letter counts
  // by the units digit of its code, A=10→0 … D=13→3.
  it.each(['AC01234567', 'HD12345678', 'FA12345689'])('accepts the old-style resident number %s', (id) => {
    expect(validateNationalId(id)).toEqual({ valid: true, kind: 'resident-old', id });
  });

  it('accepts old-style resident numbers of every first letter and A–D second letters, computed independently', () => {
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (const second of 'ABCD') {
        const unitsDigit = String('ABCD'.indexOf(second)); // A=10 → 0, B=11 → 1, C=12 → 2, D=13 → 3
        const id = `${letter}${second}${withCheckDigit(`${letter}${unitsDigit}1234567`).slice(2)}`;
        expect(validateNationalId(id)).toEqual({ valid: true, kind: 'resident-old', id });
        const wrong = `${id.slice(0, 9)}${(Number(id[9]) + 1) % 10}`;
        expect(validateNationalId(wrong)).toEqual({ valid: false, reason: 'checksum' });
      }
    }
  });

  it('counts the second letter, not a zero in its place', () => {
    // Valid if C counted as 0; with C → 2 the weighted sum is off by 16.
    const id = `AC${withCheckDigit('A00123456').slice(2)}`;
    expect(validateNationalId(id)).toEqual({ valid: false, reason: 'checksum' });
    expect(validateNationalId('AE01234567')).toEqual({ valid: false, reason: 'format' });
  });

  it('normalises case and surrounding space', () => {
    expect(validateNationalId(' a123456789 ')).toMatchObject({ valid: true, id: 'A123456789' });
  });

  it.each(['A123456788', 'B123456789', 'A800000015'])('refuses %s for its check digit', (id) => {
    expect(validateNationalId(id)).toEqual({ valid: false, reason: 'checksum' });
  });

  it.each(['', 'A12345678', 'A1234567890', '1123456789', 'A323456789', 'AE12345678', 'AA1234567', 'A1234567 9'])(
    'refuses %j for its format',
    (id) => {
      expect(validateNationalId(id)).toEqual({ valid: false, reason: 'format' });
    },
  );

  it('masks the middle of an ID', () => {
    expect(maskNationalId('A123456789')).toBe('A12****789');
  });
});
