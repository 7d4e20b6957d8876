import type { ServerConfig } from '../../config.js';
import type { ThrottleKey } from '../../store/Store.js';
import type { LockRule } from './throttleCounter.js';

/** One password login attempt as the throttle sees it: who it claims to be, by which method, from where. */
export type LoginAttempt = { method: string; account: string; source: string };

/**
 * The two counters an attempt goes into: its account and method from every source (captcha, and a
 * lock only at the NIST cap), and its account and method from its own source (the lock).
 */
export function throttleKeys({ method, account, source }: LoginAttempt): { account: ThrottleKey; source: ThrottleKey } {
  const name = account.toLowerCase(); // account names are case-insensitive (COLLATE NOCASE)
  return { account: { method, account: name, source: '' }, source: { method, account: name, source } };
}

export function throttleRules({ lockAfterFailures, throttle }: ServerConfig): { account: LockRule; source: LockRule } {
  const { windowSeconds, lockSeconds } = throttle;
  return {
    account: { afterFailures: throttle.accountLockAfterFailures, lockSeconds, windowSeconds },
    source: { afterFailures: lockAfterFailures, lockSeconds, windowSeconds },
  };
}
