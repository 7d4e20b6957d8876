import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { GcisError } from '@gcis/core';

/**
 * AES-256-GCM for secrets at rest (TOTP seeds). Layout: version byte ‖ 12-byte IV ‖ 16-byte tag ‖
 * ciphertext. The associated data binds a sealed value to its row, so rows cannot be swapped.
 */
export type SecretBox = {
  seal(plaintext: Uint8Array, associatedData: string): Buffer;
  open(sealed: Uint8Array, associatedData: string): Buffer;
  /** A keyed hash for values that must be found but not read back (national IDs). */
  mac(value: string): string;
};

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new GcisError('ERR_DATA_DIR', 'The secrets key must be 32 bytes.');
  const encryptionKey = createHmac('sha256', key).update('gcis encryption').digest();
  const macKey = createHmac('sha256', key).update('gcis lookup mac').digest();
  return {
    seal(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv).setAAD(Buffer.from(associatedData));
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), ciphertext]);
    },
    open(sealed, associatedData) {
      const data = Buffer.from(sealed);
      if (data[0] !== 1) throw new GcisError('ERR_DATA_DIR', 'Unknown sealed-secret format.');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, data.subarray(1, 13));
      decipher.setAAD(Buffer.from(associatedData)).setAuthTag(data.subarray(13, 29));
      try {
        return Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]);
      } catch (cause) {
        throw new GcisError('ERR_DATA_DIR', 'A sealed secret does not open with this key.', { cause });
      }
    },
    mac: (value) => createHmac('sha256', macKey).update(value).digest('hex'),
  };
}
