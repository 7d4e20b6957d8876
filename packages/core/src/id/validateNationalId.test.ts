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
    expect(validateNationalId(id)).toEqual({ valid: true, kind: 'resident', id });
  });

  it('normalises case and surrounding space', () => {
    expect(validateNationalId(' a123456789 ')).toMatchObject({ valid: true, id: 'A123456789' });
  });

  it.each(['A123456788', 'B123456789', 'A800000015'])('refuses %s for its check digit', (id) => {
    expect(validateNationalId(id)).toEqual({ valid: false, reason: 'checksum' });
  });

  it.each(['', 'A12345678', 'A1234567890', '1123456789', 'A323456789', 'AA12345678', 'A1234567 9'])(
    'refuses %j for its format',
    (id) => {
      expect(validateNationalId(id)).toEqual({ valid: false, reason: 'format' });
    },
  );

  it('masks the middle of an ID', () => {
    expect(maskNationalId('A123456789')).toBe('A12****789');
  });
});
