import type { AppContext } from '../../context.js';
import { counterOf, rowOf } from './counterRows.js';
import { removeFailures } from './throttleCounter.js';
import { throttleKeys, throttleRules, type LoginAttempt } from './throttleRules.js';

/**
 * Settles an admitted attempt once its outcome is known. A failure was counted when it was
 * admitted, so only these change anything: `success` forgets this source's failures (and takes
 * them off the account's count: they were the owner's own typos), `not-a-guess` (a replayed code,
 * which needs the password and a valid code) gives the one failure back.
 */
export async function settleLoginAttempt(context: AppContext, attempt: LoginAttempt, outcome: 'success' | 'not-a-guess'): Promise<void> {
  const { store, config, clock } = context;
  const now = clock.now();
  const keys = throttleKeys(attempt);
  const rules = throttleRules(config);
  await store.throttle.change([keys.account, keys.source], ([accountRow, sourceRow]) => {
    const account = counterOf(accountRow, rules.account.windowSeconds, now);
    const source = counterOf(sourceRow, rules.source.windowSeconds, now);
    const ownFailures = outcome === 'success' ? Math.max(1, source.failures) : 1;
    const accountAfter = removeFailures(account, ownFailures, rules.account);
    const sourceAfter = outcome === 'success' ? { ...source, failures: 0, lockedUntil: null } : removeFailures(source, 1, rules.source);
    return {
      rows: [rowOf(keys.account, accountAfter, rules.account.windowSeconds), rowOf(keys.source, sourceAfter, rules.source.windowSeconds)],
      result: undefined,
    };
  });
}
