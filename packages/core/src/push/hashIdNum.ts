import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * hashed_id_num as the emulator computes it: lowercase hex SHA-256 of the upper-case ID. The
 * spec does not say how the real service derives it; `matchesHashedIdNum` also takes base64.
 */
export function hashIdNum(idNum: string): string {
  return createHash('sha256').update(idNum.trim().toUpperCase(), 'utf8').digest('hex');
}

/** Whether the service's hashed_id_num is the SHA-256 of `idNum`, in hex (either case) or base64. */
export function matchesHashedIdNum(hashedIdNum: string, idNum: string): boolean {
  const digest = createHash('sha256').update(idNum.trim().toUpperCase(), 'utf8').digest();
  const received = /^[0-9a-fA-F]{64}$/.test(hashedIdNum) ? Buffer.from(hashedIdNum, 'hex') : Buffer.from(hashedIdNum, 'base64');
  return received.length === digest.length && timingSafeEqual(received, digest);
}
