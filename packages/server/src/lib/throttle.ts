import type { ServerConfig } from '../config.js';
import type { Store } from '../store/index.js';

/** One record per factor and account name as typed, so unknown names are throttled like real ones. */
export function throttleSubject(factor: string, account: string): string {
  return `${factor}:${account.toLowerCase()}`;
}

export type ThrottleState = { locked: boolean; captchaRequired: boolean };

export function throttleState(store: Store, config: ServerConfig, subject: string, now: Date): ThrottleState {
  const row = store.throttle.get(subject);
  const failures = row?.failures ?? 0;
  const locked = row?.locked_until != null && new Date(row.locked_until).getTime() > now.getTime();
  const captchaRequired =
    config.captchaPolicy === 'always' ||
    (config.captchaPolicy === 'on-risk' && failures >= config.captchaAfterFailures);
  return { locked, captchaRequired };
}

/**
 * Counts a failure. From the `lockAfterFailures`th consecutive failure on, each one locks the
 * subject for a wait that doubles from one minute up to an hour.
 */
export function recordFailure(store: Store, config: ServerConfig, subject: string, now: Date): void {
  const failures = (store.throttle.get(subject)?.failures ?? 0) + 1;
  const over = failures - config.lockAfterFailures;
  const lockedUntil =
    over >= 0 ? new Date(now.getTime() + Math.min(60 * 2 ** over, 3600) * 1000).toISOString() : null;
  store.throttle.set(subject, failures, lockedUntil);
}

export function recordSuccess(store: Store, subject: string): void {
  store.throttle.clear(subject);
}
