import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * hashed_id_num as the emulator computes it: lowercase hex SHA-256 of the upper-case ID. No public
 * source says how the real service derives it (one client treats it as opaque), so a relying
 * party checks it only when told to (push.verifyHashedIdNum) and otherwise describes it.
 */
export function hashIdNum(idNum: string): string {
  return createHash('sha256').update(idNum.trim().toUpperCase(), 'utf8').digest('hex');
}

/** Whether the service's hashed_id_num is the hex SHA-256 (either case) of `idNum`. */
export function matchesHashedIdNum(hashedIdNum: string, idNum: string): boolean {
  if (typeof hashedIdNum !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hashedIdNum)) return false;
  const received = Buffer.from(hashedIdNum, 'hex');
  return timingSafeEqual(received, Buffer.from(hashIdNum(idNum), 'hex'));
}

/**
 * What a hashed_id_num looks like, for a log line that helps whoever first meets the real service
 * — without the value, which for a 10-character ID is as good as the ID itself. `derivation` names
 * the first of a few plausible derivations of `idNum` it equals, else `unknown`.
 */
export function describeHashedIdNum(hashedIdNum: string, idNum: string): { length: number; alphabet: string; derivation: string } {
  const value = typeof hashedIdNum === 'string' ? hashedIdNum : '';
  const alphabet = value === '' ? 'empty' : /^[0-9a-f]+$/.test(value) ? 'hex' : /^[0-9A-F]+$/.test(value) ? 'HEX' : /^[A-Za-z0-9+/_-]+=*$/.test(value) ? 'base64' : 'other';
  const id = idNum.trim().toUpperCase();
  const candidates: Array<[string, () => string]> = [
    ['sha256-hex', () => hashIdNum(id)],
    ['sha256-HEX', () => hashIdNum(id).toUpperCase()],
    ['sha256-base64', () => createHash('sha256').update(id).digest('base64')],
    ['sha256-hex-of-lowercase-id', () => createHash('sha256').update(id.toLowerCase()).digest('hex')],
    ['sha1-hex', () => createHash('sha1').update(id).digest('hex')],
    ['sha512-hex', () => createHash('sha512').update(id).digest('hex')],
  ];
  const derivation = candidates.find(([, derive]) => derive() === value)?.[0] ?? 'unknown';
  return { length: value.length, alphabet, derivation };
}
