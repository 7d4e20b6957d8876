import type { CaptchaAnswer } from '@gcis/core/api';
import type { AppContext } from '../../context.js';
import { checkCaptchaAnswer } from '../checkCaptchaAnswer.js';
import { readCounter, writeCounter } from './counterRows.js';
import { addFailure, isLocked } from './throttleCounter.js';
import { throttleKeys, throttleRules, type LoginAttempt } from './throttleRules.js';

/**
 * Decides whether an attempt may have its password checked, and if so counts it as a failure in
 * flight — before the hash is computed, in the same transaction that read the counters — so no
 * number of concurrent requests gets more guesses than the limits (settleLoginAttempt gives a
 * success back). The captcha, when the account's counter asks for one, is checked first and used
 * up; the answer depends only on counters, never on the password.
 * Keycloak's brute-force detector and Authelia's regulation are the models; NIST SP 800-63B §5.2.2.
 *
 * @returns `admitted: false` when the account or this source is locked (the caller answers as for
 *   a wrong password); throws ERR_CAPTCHA_REQUIRED / ERR_CAPTCHA_INVALID.
 */
export function reserveLoginAttempt(context: AppContext, attempt: LoginAttempt, captcha: CaptchaAnswer | undefined): { admitted: boolean } {
  const { store, config, clock } = context;
  const now = clock.now();
  const keys = throttleKeys(attempt);
  const rules = throttleRules(config);
  const decided = store.db
    .transaction(() => {
      const account = readCounter(store, keys.account, rules.account.windowSeconds, now);
      const source = readCounter(store, keys.source, rules.source.windowSeconds, now);
      const captchaRequired =
        config.captchaPolicy === 'always' || (config.captchaPolicy === 'on-risk' && account.failures >= config.captchaAfterFailures);
      const refused = captchaRequired ? checkCaptchaAnswer(context, captcha) : undefined;
      if (refused) return { refused }; // committed: the captcha stays used
      if (isLocked(account, now) || isLocked(source, now)) return { admitted: false };
      writeCounter(store, keys.account, addFailure(account, rules.account, now), rules.account.windowSeconds);
      writeCounter(store, keys.source, addFailure(source, rules.source, now), rules.source.windowSeconds);
      return { admitted: true };
    })
    .immediate();
  if ('refused' in decided) throw decided.refused;
  return decided;
}
