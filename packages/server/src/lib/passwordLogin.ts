import type { GcisError } from '@gcis/core';
import type { CaptchaAnswer, LoginMethod, Session } from '@gcis/core/api';
import { hashPassword, verifyPassword } from '@gcis/core/password';
import type { AppContext } from '../context.js';
import type { AccountRow } from '../store/accounts.js';
import { checkCaptchaAnswer } from './checkCaptchaAnswer.js';
import { loginFailed } from './httpErrors.js';
import { issueSession } from './issueSession.js';
import { recordFailure, recordSuccess, throttleState, throttleSubject } from './throttle.js';

/** What a second factor says once the password was right. */
export type SecondFactorResult =
  | {
      ok: true;
      /** Records the factor's use (e.g. the TOTP step) atomically; the error when a racing login got there first. */
      commit?: () => GcisError | undefined;
    }
  | { ok: false; error: GcisError; countsAsFailure: boolean };

/**
 * The login flow shared by every password-plus-something method: per-account throttle and
 * captcha, password check (timed the same for unknown accounts), then the method's own factor.
 * Unknown account, wrong password, wrong factor and a lock all give the same ERR_LOGIN_FAILED.
 */
export async function passwordLogin(
  context: AppContext,
  {
    method,
    account: name,
    password,
    captcha,
    verifyFactor,
  }: {
    method: LoginMethod;
    account: string;
    password: string;
    captcha: CaptchaAnswer | undefined;
    verifyFactor: (account: AccountRow) => SecondFactorResult;
  },
): Promise<Session> {
  const { store, config, clock } = context;
  const subject = throttleSubject(method, name);
  const state = throttleState(store, config, subject, clock.now());
  if (state.captchaRequired) checkCaptchaAnswer(context, captcha);

  const account = store.accounts.find(name);
  const { valid, needsRehash } = await verifyPassword(account?.password_hash ?? (await context.dummyPasswordHash()), password);
  if (state.locked) throw loginFailed();
  if (!account || !valid) {
    recordFailure(store, config, subject, clock.now());
    throw loginFailed();
  }

  const factor = verifyFactor(account);
  if (!factor.ok) {
    if (factor.countsAsFailure) recordFailure(store, config, subject, clock.now());
    throw factor.error;
  }
  // The factor's state change is committed last and atomically: a racing login loses here.
  const lostRace = factor.commit?.();
  if (lostRace) throw lostRace;
  recordSuccess(store, subject);
  if (needsRehash) store.accounts.setPasswordHash(account.id, await hashPassword(password));
  return issueSession(context, account, method);
}
