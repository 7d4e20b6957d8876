import { base32nopad } from '@scure/base';
import { GcisError } from '../errors.js';
import type { Random } from '../ports.js';

/** RFC 4226 §4 R6 asks for at least 128 bits; RFC 4226 §4 R6 recommends and gcis uses 160 (the SHA-1 block). */
export const minimumSecretBytes = 20;

export function generateTotpSecret(random: Random, lengthInBytes = minimumSecretBytes): Uint8Array {
  if (lengthInBytes < minimumSecretBytes) {
    throw new GcisError('ERR_INVALID_SECRET', `A TOTP secret needs at least ${minimumSecretBytes} bytes.`);
  }
  return random.bytes(lengthInBytes);
}

/** Base32 without padding, as authenticator apps expect in the otpauth URI. */
export function encodeTotpSecret(secret: Uint8Array): string {
  return base32nopad.encode(secret);
}

/** Reads a base32 secret as people paste it: any case, spaces and padding ignored. Throws on anything else. */
export function decodeTotpSecret(text: string): Uint8Array {
  const cleaned = text.replace(/[\s=-]/g, '').toUpperCase();
  let secret: Uint8Array;
  try {
    secret = base32nopad.decode(cleaned);
  } catch (cause) {
    throw new GcisError('ERR_INVALID_SECRET', 'The TOTP secret is not valid base32.', { cause });
  }
  if (secret.length < minimumSecretBytes) {
    throw new GcisError('ERR_INVALID_SECRET', `A TOTP secret needs at least ${minimumSecretBytes} bytes.`);
  }
  return secret;
}
