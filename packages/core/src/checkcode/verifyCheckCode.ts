import { constantTimeEqual } from '../lib/encoding.js';
import { hashCheckCode } from './hashCheckCode.js';

export type CheckCodeResult = { valid: true } | { valid: false; reason: 'none' | 'mismatch' | 'expired' };

/**
 * Checks a typed check code against the one stored for the account. The code is compared first:
 * "expired" is only ever said about the right code, so it tells a guesser nothing.
 */
export function verifyCheckCode({
  stored,
  accountId,
  code,
  now,
}: {
  stored: { codeHash: string; expiresAt: Date } | undefined;
  accountId: number;
  code: string;
  now: Date;
}): CheckCodeResult {
  if (!stored) return { valid: false, reason: 'none' };
  if (!constantTimeEqual(hashCheckCode(accountId, code), stored.codeHash)) return { valid: false, reason: 'mismatch' };
  if (now.getTime() > stored.expiresAt.getTime()) return { valid: false, reason: 'expired' };
  return { valid: true };
}
