import type { GcisError } from '@gcis/core';
import type { CaptchaAnswer, LoginMethod, Session } from '@gcis/core/api';
import { hashPassword, verifyPassword } from '@gcis/core/password';
import type { AppContext } from '../context.js';
import { loginFailed } from '../http/httpErrors.js';
import type { AccountRow } from '../store/Store.js';
import { issueSession } from './issueSession.js';
import { reserveLoginAttempt } from './throttle/reserveLoginAttempt.js';
import { settleLoginAttempt } from './throttle/settleLoginAttempt.js';
import { sourceKey } from './throttle/sourceKey.js';

/** What a second factor says once the password was right. */
export type SecondFactorResult =
  | {
      ok: true;
      /** Records the factor's use (e.g. the TOTP step) atomically; the error when a racing login got there first. */
      commit?: () => Promise<GcisError | undefined>;
    }
  | {
      ok: false;
      error: GcisError;
      /** False only for answers that needed a valid factor to earn (a replayed code): the failure counted in flight is given back. */
      countsAsFailure: boolean;
    };

/** Where each attempt's outcome goes: one line per attempt, which is also how operators (and tests) count evaluated guesses. */
export type LoginLog = { info: (fields: Record<string, unknown>, message: string) => void };

type Outcome = 'success' | 'failure' | 'not-a-guess' | 'throttled';

/**
 * The login flow shared by every password-plus-something method: the throttle admits the attempt
 * (counting it as a failure before any hash is computed), the password is checked (against a dummy
 * hash for unknown accounts and refused attempts, so all take the same work), then the method's
 * own factor. Until both are verified every failure is the same ERR_LOGIN_FAILED: unknown account,
 * wrong password, lock, no factor on file, wrong code.
 */
export async function passwordLogin(
  context: AppContext,
  {
    method,
    account: name,
    password,
    captcha,
    address,
    log,
    verifyFactor,
  }: {
    method: LoginMethod;
    account: string;
    password: string;
    captcha: CaptchaAnswer | undefined;
    /** The client's IP address (the socket's: no proxy header is trusted). */
    address: string;
    log: LoginLog;
    verifyFactor: (account: AccountRow) => Promise<SecondFactorResult>;
  },
): Promise<Session> {
  const { store } = context;
  const attempt = { method, account: name, source: sourceKey(address) };
  const said = (outcome: Outcome) => log.info({ event: 'password-login', ...attempt, outcome }, `password login: ${outcome}`);
  const { admitted } = await reserveLoginAttempt(context, attempt, captcha);

  const account = admitted ? await store.accounts.find(name) : undefined;
  const { valid, needsRehash } = await verifyPassword(account?.password_hash ?? (await context.dummyPasswordHash()), password);
  if (!admitted) {
    said('throttled');
    throw loginFailed();
  }
  if (!account || !valid) {
    said('failure');
    throw loginFailed();
  }

  const factor = await verifyFactor(account);
  if (!factor.ok) {
    if (!factor.countsAsFailure) await settleLoginAttempt(context, attempt, 'not-a-guess');
    said(factor.countsAsFailure ? 'failure' : 'not-a-guess');
    throw factor.error;
  }
  // The factor's state change is committed last and atomically: a racing login loses here.
  const lostRace = await factor.commit?.();
  if (lostRace) {
    await settleLoginAttempt(context, attempt, 'not-a-guess');
    said('not-a-guess');
    throw lostRace;
  }
  await settleLoginAttempt(context, attempt, 'success');
  said('success');
  if (needsRehash) await store.accounts.setPasswordHash(account.id, await hashPassword(password));
  return issueSession(context, account, method);
}
