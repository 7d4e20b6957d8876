import type { Random } from '../ports.js';
import { randomString } from '../lib/randomInt.js';
import { hashCheckCode } from './hashCheckCode.js';
import { endOfTaipeiDay } from './endOfTaipeiDay.js';

/** No 0/O, 1/I/L: a code read from an email and typed by hand should not be misread. */
export const checkCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A new one-day check code (檢查碼): `length` characters from a CSPRNG (10 give ~49 bits), the
 * hash to store, and its end of validity: 23:59:59 of today in Asia/Taipei.
 */
export function issueCheckCode({
  accountId,
  random,
  now,
  length = 10,
}: {
  accountId: number;
  random: Random;
  now: Date;
  length?: number;
}): { code: string; codeHash: string; expiresAt: Date } {
  const code = randomString(random, checkCodeAlphabet, length);
  return { code, codeHash: hashCheckCode(accountId, code), expiresAt: endOfTaipeiDay(now) };
}
