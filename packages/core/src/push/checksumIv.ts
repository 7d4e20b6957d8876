import { cryptoRandom, type Random } from '../ports.js';
import { checksumLayout } from './computeChecksum.js';

/**
 * How the relying party picks the checksum IV. Public clients disagree: three send 12 zero bytes,
 * one a random IV (saying the specification's own example has a non-zero one). The service reads
 * the IV from the checksum itself, so either should verify; `random` is what GCM asks for.
 */
export type ChecksumIvMode = 'random' | 'zero';

export const checksumIvModes: readonly ChecksumIvMode[] = ['random', 'zero'];

/** The IV for one checksum in `mode`. */
export function checksumIv(mode: ChecksumIvMode, random: Random = cryptoRandom): Uint8Array {
  return mode === 'zero' ? new Uint8Array(checksumLayout.ivBytes) : random.bytes(checksumLayout.ivBytes);
}
