import { describe, expect, it } from 'vitest';
import { encodeName } from '../testing/index.js';
import { der } from '../testing/lib/encodeExtensions.js';
import { sameName } from './compareNames.js';

/** A one-RDN Name whose value has the given string tag. */
const typed = (tag: number, text: string) =>
  der(0x30, der(0x31, der(0x30, Uint8Array.of(0x06, 3, 0x55, 0x04, 0x03), der(tag, Buffer.from(text, 'latin1')))));

describe('sameName (RFC 5280 §7.1)', () => {
  it('matches names that differ only in case and spaces', () => {
    expect(sameName(encodeName([['C', 'TW'], ['CN', 'Good CA']]), encodeName([['C', 'tw'], ['CN', '  good   CA ']]))).toBe(true);
  });

  it('matches a PrintableString with the same text in UTF8String (CA rollover, §4.1.2.6)', () => {
    expect(sameName(typed(0x13, 'Good CA'), typed(0x0c, 'Good CA'))).toBe(true);
  });

  it('tells apart different text, order and attribute types', () => {
    expect(sameName(encodeName([['CN', 'Good CA']]), encodeName([['CN', 'Good CA2']]))).toBe(false);
    expect(sameName(encodeName([['C', 'TW'], ['CN', 'A']]), encodeName([['CN', 'A'], ['C', 'TW']]))).toBe(false);
    expect(sameName(encodeName([['O', 'A']]), encodeName([['OU', 'A']]))).toBe(false);
  });

  it('compares values of non-string types byte for byte', () => {
    expect(sameName(typed(0x04, 'abc'), typed(0x04, 'ABC'))).toBe(false);
  });
});
