import type { AppContext } from '../../context.js';
import { readCounter, writeCounter } from './counterRows.js';
import { removeFailures } from './throttleCounter.js';
import { throttleKeys, throttleRules, type LoginAttempt } from './throttleRules.js';

/**
 * Settles an admitted attempt once its outcome is known. A failure was counted when it was
 * admitted, so only these change anything: `success` forgets this source's failures (and takes
 * them off the account's count: they were the owner's own typos), `not-a-guess` (a replayed code,
 * which needs the password and a valid code) gives the one failure back.
 */
export function settleLoginAttempt(context: AppContext, attempt: LoginAttempt, outcome: 'success' | 'not-a-guess'): void {
  const { store, config, clock } = context;
  const now = clock.now();
  const keys = throttleKeys(attempt);
  const rules = throttleRules(config);
  store.db
    .transaction(() => {
      const account = readCounter(store, keys.account, rules.account.windowSeconds, now);
      const source = readCounter(store, keys.source, rules.source.windowSeconds, now);
      const ownFailures = outcome === 'success' ? Math.max(1, source.failures) : 1;
      writeCounter(store, keys.account, removeFailures(account, ownFailures, rules.account), rules.account.windowSeconds);
      const sourceAfter = outcome === 'success' ? { ...source, failures: 0, lockedUntil: null } : removeFailures(source, 1, rules.source);
      writeCounter(store, keys.source, sourceAfter, rules.source.windowSeconds);
    })
    .immediate();
}
