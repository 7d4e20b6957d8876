import { GcisError } from '../../errors.js';

/**
 * The form serials take everywhere in this module: lowercase hex of the value without leading
 * zero bytes, as `openssl x509 -serial` and node's X509Certificate print it. DER adds a 0x00
 * byte to keep a positive INTEGER's top bit clear; that byte is dropped here. Negative serials
 * (non-conforming, RFC 5280 §4.1.2.2) keep their two's-complement bytes behind a '-' so they
 * can never collide with a positive one.
 */
export function serialHexFromInteger(bytes: Uint8Array, start: number, end: number): string {
  // Callers in hot loops pass a Buffer so no view is made per serial.
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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

/** The INTEGER content bytes of a canonical serial (from normalizeSerialHex), for byte comparison. */
export function serialHexToInteger(canonical: string): Uint8Array {
  const negative = canonical.startsWith('-');
  const bytes = Buffer.from(negative ? canonical.slice(1) : canonical, 'hex');
  // A positive value whose top bit is set gets DER's 0x00 pad, so it is not read as negative.
  return !negative && bytes[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}
