import { GcisError } from '@gcis/core';
import type { LoginMethod } from '@gcis/core/api';
import type { AppContext } from '../context.js';
import type { Authenticated } from './authenticate.js';

/**
 * Methods strong enough to unlock secrets. The one-day password is not: email is not an
 * out-of-band authenticator (NIST SP 800-63B §5.1.3.1), so whoever reads the mailbox has it.
 */
const stepUpMethods: ReadonlySet<LoginMethod> = new Set(['totp', 'certificate', 'push']);

/**
 * Step-up ("sudo mode") for routes that read or add an authenticator: the session must come from a
 * login within `freshLoginSeconds`, and once the account has a strong authenticator (an active
 * TOTP version or a bound card) that login must have used TOTP, a card or push. An account with
 * neither may enrol its first one from a fresh one-day-password login — otherwise it never could;
 * the new secret is shown to that session once and reading it again needs step-up.
 * Throws ERR_STEP_UP_REQUIRED (403).
 */
export async function requireStepUp(context: AppContext, { account, session }: Authenticated, action: string): Promise<void> {
  const ageSeconds = (context.clock.now().getTime() - new Date(session.issued_at).getTime()) / 1000;
  const fresh = ageSeconds <= context.config.freshLoginSeconds;
  const strong = stepUpMethods.has(session.method);
  if (fresh && (strong || !(await hasStrongAuthenticator(context, account.id)))) return;
  const minutes = Math.round(context.config.freshLoginSeconds / 60);
  throw new GcisError(
    'ERR_STEP_UP_REQUIRED',
    `${action} needs a login within the last ${minutes} minutes with an authenticator code, a card or push (not a one-day password); log in again, then retry.`,
  );
}

async function hasStrongAuthenticator(context: AppContext, accountId: number): Promise<boolean> {
  const { totpKeys, accountCertificates } = context.store;
  return (await totpKeys.active(accountId)) !== undefined || (await accountCertificates.listFor(accountId)).length > 0;
}
