import { GcisError } from '../../errors.js';

/** The AES-256 key the service issues to a relying party: 32 bytes, handed over as base64. */
export function decodeServiceKey(base64: string): Uint8Array {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64.trim())) {
    throw new GcisError('ERR_INVALID_INPUT', 'The TW FidO service key must be 32 bytes in base64.');
  }
  return new Uint8Array(key);
}

export function assertServiceKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new GcisError('ERR_INVALID_INPUT', 'The TW FidO service key must be 32 bytes.');
  }
}
