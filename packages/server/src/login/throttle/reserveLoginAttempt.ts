import { GcisError } from '@gcis/core';
import type { CaptchaAnswer } from '@gcis/core/api';
import type { ServerConfig } from '../../config.js';
import type { AppContext } from '../../context.js';
import { checkCaptchaAnswer } from '../checkCaptchaAnswer.js';
import { counterOf, rowOf } from './counterRows.js';
import { addFailure, isLocked, type ThrottleCounter } from './throttleCounter.js';
import { throttleKeys, throttleRules, type LoginAttempt } from './throttleRules.js';

/**
 * Decides whether an attempt may have its password checked, and if so counts it as a failure in
 * flight — before the hash is computed, in the same atomic step (ThrottleRepo.change) that read
 * the counters — so no number of concurrent requests, on any number of instances, gets more
 * guesses than the limits (settleLoginAttempt gives a success back). The captcha is checked (and
 * used up) before that step, when one is sent or the counters read without a lock ask for one;
 * the step then decides again from the locked counters, so an attempt that raced past the
 * captcha threshold without one is refused uncounted. The answer depends only on counters, never
 * on the password. Keycloak's brute-force detector and Authelia's regulation are the models;
 * NIST SP 800-63B §5.2.2.
 *
 * @returns `admitted: false` when the account or this source is locked (the caller answers as for
 *   a wrong password); throws ERR_CAPTCHA_REQUIRED / ERR_CAPTCHA_INVALID.
 */
export async function reserveLoginAttempt(
  context: AppContext,
  attempt: LoginAttempt,
  captcha: CaptchaAnswer | undefined,
): Promise<{ admitted: boolean }> {
  const { store, config, clock } = context;
  const now = clock.now();
  const keys = throttleKeys(attempt);
  const rules = throttleRules(config);
  const seen = counterOf(await store.throttle.get(keys.account), rules.account.windowSeconds, now);
  let verified = false;
  if (captcha || captchaRequired(config, seen)) {
    const refused = await checkCaptchaAnswer(context, captcha);
    if (refused && captchaRequired(config, seen)) throw refused; // the captcha stays used
    verified = !refused;
  }
  const decided = await store.throttle.change([keys.account, keys.source], ([accountRow, sourceRow]) => {
    const account = counterOf(accountRow, rules.account.windowSeconds, now);
    const source = counterOf(sourceRow, rules.source.windowSeconds, now);
    if (captchaRequired(config, account) && !verified) return { rows: [accountRow ?? null, sourceRow ?? null], result: 'captcha' as const };
    if (isLocked(account, now) || isLocked(source, now)) return { rows: [accountRow ?? null, sourceRow ?? null], result: 'locked' as const };
    return {
      rows: [
        rowOf(keys.account, addFailure(account, rules.account, now), rules.account.windowSeconds),
        rowOf(keys.source, addFailure(source, rules.source, now), rules.source.windowSeconds),
      ],
      result: 'admitted' as const,
    };
  });
  if (decided === 'captcha') throw new GcisError('ERR_CAPTCHA_REQUIRED', 'Answer a captcha (POST /v1/captcha) with this login.');
  return { admitted: decided === 'admitted' };
}

function captchaRequired(config: ServerConfig, account: ThrottleCounter): boolean {
  return config.captchaPolicy === 'always' || (config.captchaPolicy === 'on-risk' && account.failures >= config.captchaAfterFailures);
}
