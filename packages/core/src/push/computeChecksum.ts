import { createCipheriv } from 'node:crypto';
import { GcisError } from '../errors.js';
import { cryptoRandom } from '../ports.js';
import type { FieldValue } from './lib/checksumFields.js';
import { checksumDigest } from './lib/digest.js';
import { assertServiceKey } from './lib/serviceKey.js';

export type ComputeChecksumOptions = {
  /** The relying party's AES-256 key (32 bytes). */
  key: Uint8Array;
  /** The message's checksum fields in order (see checksumFields); undefined counts as ''. */
  fields: readonly FieldValue[];
  /** 12 bytes; random by default. A fixed IV is for test vectors only: GCM must never reuse one. */
  iv?: Uint8Array;
};

export const checksumLayout = { ivBytes: 12, digestHexChars: 64, tagBytes: 16 } as const;

/**
 * A TW FidO checksum, as the relying party sends it (sp_checksum) and the service answers it
 * (idp_checksum): hex(IV ‖ AES-256-GCM(key, IV, UTF-8 of the lowercase hex SHA-256 of the
 * concatenated fields) ‖ 16-byte tag) — 184 hex characters (行動自然人憑證應用程式介面規格書 §參.二).
 */
export function computeChecksum({ key, fields, iv = cryptoRandom.bytes(checksumLayout.ivBytes) }: ComputeChecksumOptions): string {
  assertServiceKey(key);
  if (iv.length !== checksumLayout.ivBytes) throw new GcisError('ERR_INVALID_INPUT', 'The checksum IV must be 12 bytes.');
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: checksumLayout.tagBytes });
  const ciphertext = Buffer.concat([cipher.update(checksumDigest(fields), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('hex');
}
