import { GcisError } from '../../errors.js';

/**
 * The form serials take everywhere in this module: lowercase hex of the value without leading
 * zero bytes, as `openssl x509 -serial` and node's X509Certificate print it. DER adds a 0x00
 * byte to keep a positive INTEGER's top bit clear; that byte is dropped here. Negative serials
 * (non-conforming, RFC 5280 §4.1.2.2) keep their two's-complement bytes behind a '-' so they
 * can never collide with a positive one.
 */
export function serialHexFromInteger(bytes: Uint8Array, start: number, end: number): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (start < end && (bytes[start]! & 0x80) !== 0) return `-${buffer.toString('hex', start, end)}`;
  while (start < end - 1 && bytes[start] === 0) start++;
  return buffer.toString('hex', start, end);
}

/** Accepts hex as people paste it (any case, colons, spaces, leading zeros) and returns the canonical form. */
export function normalizeSerialHex(text: string): string {
  const negative = text.startsWith('-');
  const digits = text.slice(negative ? 1 : 0).replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(digits)) throw new GcisError('ERR_INVALID_INPUT', 'A serial number must be hexadecimal.');
  if (negative) return `-${digits}`;
  const trimmed = digits.replace(/^0+/, '');
  return trimmed.length % 2 === 0 ? trimmed || '00' : `0${trimmed}`;
}
