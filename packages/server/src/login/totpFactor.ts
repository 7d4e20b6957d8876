import { GcisError } from '@gcis/core';
import { verifyTotp } from '@gcis/core/totp';
import type { AppContext } from '../context.js';
import { loginFailed } from '../http/httpErrors.js';
import { openTotpSecret } from '../secrets/totpSecrets.js';
import type { AccountRow } from '../store/Store.js';
import type { SecondFactorResult } from './passwordLogin.js';

/**
 * Checks a code against the account's active TOTP version. A code that only a retired version
 * explains means the user scanned an old QR: tell them to rescan, and count it as a failure.
 * Only answers that need a valid code to earn (stale version, replay) differ from ERR_LOGIN_FAILED.
 */
export async function verifyTotpFactor(context: AppContext, account: AccountRow, code: string): Promise<SecondFactorResult> {
  const { totpKeys } = context.store;
  const now = context.clock.now();
  const active = await totpKeys.active(account.id);
  // No authenticator on file answers as a wrong code: anything else would confirm the password.
  if (!active) return { ok: false, countsAsFailure: true, error: loginFailed() };
  const result = verifyTotp({ secret: openTotpSecret(context, active), code, now, lastAcceptedStep: active.last_step });
  if (result.valid) {
    return { ok: true, commit: async () => ((await totpKeys.advance(account.id, active.version, result.step)) ? undefined : replayed()) };
  }
  if (result.reason === 'replay') {
    return {
      ok: false,
      countsAsFailure: false,
      error: replayed(),
    };
  }
  const stale = (await totpKeys.retired(account.id)).find((row) => verifyTotp({ secret: openTotpSecret(context, row), code, now }).valid);
  if (stale) {
    return {
      ok: false,
      countsAsFailure: true,
      error: new GcisError(
        'ERR_TOTP_STALE_VERSION',
        `This code is from QR version ${stale.version}, which was replaced by version ${active.version}: scan the new QR code.`,
      ),
    };
  }
  return { ok: false, countsAsFailure: true, error: loginFailed() };
}

const replayed = () => new GcisError('ERR_TOTP_REPLAY', 'This code was already used; wait for the next one.');
