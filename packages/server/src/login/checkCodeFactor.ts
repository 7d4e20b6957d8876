import { GcisError } from '@gcis/core';
import { verifyCheckCode } from '@gcis/core/checkcode';
import type { AppContext } from '../context.js';
import { loginFailed } from '../http/httpErrors.js';
import type { AccountRow } from '../store/Store.js';
import type { SecondFactorResult } from './passwordLogin.js';

/** Checks a one-day check code once the password was right; only then, and only for the right code, may "expired" be said. */
export async function verifyCheckCodeFactor(context: AppContext, account: AccountRow, checkCode: string): Promise<SecondFactorResult> {
  const row = await context.store.oneDayPasswords.get(account.id);
  const stored = row && { codeHash: row.code_hash, expiresAt: new Date(row.expires_at) };
  const result = verifyCheckCode({ stored, accountId: account.id, code: checkCode, now: context.clock.now() });
  if (result.valid) return { ok: true };
  // "Expired" is said only about the right code; no code issued answers as a wrong one, or it would confirm the password.
  if (result.reason === 'expired') {
    return {
      ok: false,
      countsAsFailure: true,
      error: new GcisError('ERR_CHECK_CODE_EXPIRED', 'This check code has expired (valid until 23:59:59 Taipei time); ask for a new one.'),
    };
  }
  return { ok: false, countsAsFailure: true, error: loginFailed() };
}
