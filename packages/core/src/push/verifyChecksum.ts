import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { checksumLayout } from './computeChecksum.js';
import type { FieldValue } from './lib/checksumFields.js';
import { checksumDigest } from './lib/digest.js';
import { assertServiceKey } from './lib/serviceKey.js';

export type VerifyChecksumOptions = { key: Uint8Array; fields: readonly FieldValue[]; checksum: string };

export type ChecksumCheck = { valid: true } | { valid: false; reason: 'format' | 'mismatch' };

const totalBytes = checksumLayout.ivBytes + checksumLayout.digestHexChars + checksumLayout.tagBytes;

/**
 * Checks a TW FidO checksum (either direction): opens the AES-256-GCM box with the IV it carries
 * and compares the plaintext with the digest of `fields`. A checksum that is not 184 hex digits,
 * fails its tag or holds another digest is `{ valid: false }`; only a wrong key length throws.
 */
export function verifyChecksum({ key, fields, checksum }: VerifyChecksumOptions): ChecksumCheck {
  assertServiceKey(key);
  if (typeof checksum !== 'string' || !/^[0-9a-fA-F]+$/.test(checksum) || checksum.length !== totalBytes * 2) {
    return { valid: false, reason: 'format' };
  }
  const bytes = Buffer.from(checksum, 'hex');
  const iv = bytes.subarray(0, checksumLayout.ivBytes);
  const tag = bytes.subarray(bytes.length - checksumLayout.tagBytes);
  const ciphertext = bytes.subarray(checksumLayout.ivBytes, bytes.length - checksumLayout.tagBytes);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: checksumLayout.tagBytes });
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return { valid: false, reason: 'mismatch' }; // the tag does not verify: another key, or altered bytes
  }
  const expected = Buffer.from(checksumDigest(fields), 'utf8');
  return plaintext.length === expected.length && timingSafeEqual(plaintext, expected)
    ? { valid: true }
    : { valid: false, reason: 'mismatch' };
}
