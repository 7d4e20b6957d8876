import type { LoadedCrl } from '@gcis/core/x509';

const hour = 3_600_000;
/** Fetch at least daily: MOICA publishes more often than its nextUpdate says it must. */
export const maxCrlAgeMs = 24 * hour;

/**
 * When a downloaded CRL is due to be fetched again: a quarter of its validity window before
 * nextUpdate (so a slow or failing repository has time for retries before logins fail closed),
 * and no later than a day after thisUpdate. Without nextUpdate it is stale already: now.
 */
export function crlDueAt(crl: LoadedCrl): Date {
  if (!crl.nextUpdate) return new Date(0);
  const thisUpdate = crl.thisUpdate.getTime();
  const nextUpdate = crl.nextUpdate.getTime();
  return new Date(Math.min(thisUpdate + maxCrlAgeMs, nextUpdate - (nextUpdate - thisUpdate) / 4));
}

/** Wait after the nth consecutive failed download (1-based): 5 min doubling, at most an hour. */
export function retryDelayMs(failures: number): number {
  return Math.min(5 * 60_000 * 2 ** (failures - 1), hour);
}
