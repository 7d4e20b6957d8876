import { hotp, timeStep } from './lib/hotp.js';
import { totpDefaults, type TotpOptions } from './options.js';

/** The TOTP code for the instant `now` (RFC 6238 §4). */
export function generateTotp({
  secret,
  now,
  periodSeconds = totpDefaults.periodSeconds,
  digits = totpDefaults.digits,
  algorithm = totpDefaults.algorithm,
}: { secret: Uint8Array; now: Date } & TotpOptions): string {
  return hotp(secret, timeStep(now, periodSeconds), digits, algorithm);
}

/** Seconds until the code for `now` stops being current. */
export function secondsRemaining(now: Date, periodSeconds: number = totpDefaults.periodSeconds): number {
  const seconds = now.getTime() / 1000;
  return Math.ceil(periodSeconds - (seconds % periodSeconds));
}
