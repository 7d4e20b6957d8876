import { constantTimeEqual } from '../lib/encoding.js';
import { hotp, timeStep } from './lib/hotp.js';
import { totpDefaults, type TotpOptions } from './options.js';

export type TotpVerifyResult =
  | { valid: true; step: number }
  | { valid: false; reason: 'malformed' | 'mismatch' | 'replay' };

/**
 * Verifies a code within ±`windowSteps` of now (RFC 6238 §5.2) and refuses a step at or
 * before `lastAcceptedStep` (§5.2: a verifier must not accept the second attempt of an OTP).
 * The caller stores the returned `step` as the new last accepted step.
 */
export function verifyTotp({
  secret,
  code,
  now,
  lastAcceptedStep,
  windowSteps = totpDefaults.windowSteps,
  periodSeconds = totpDefaults.periodSeconds,
  digits = totpDefaults.digits,
  algorithm = totpDefaults.algorithm,
}: {
  secret: Uint8Array;
  code: string;
  now: Date;
  lastAcceptedStep?: number | null;
  windowSteps?: number;
} & TotpOptions): TotpVerifyResult {
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return { valid: false, reason: 'malformed' };
  const current = timeStep(now, periodSeconds);
  let replayed = false;
  // Latest step first, so a code valid for both a used and a fresh step is accepted for the fresh one.
  for (let step = current + windowSteps; step >= current - windowSteps; step--) {
    if (!constantTimeEqual(hotp(secret, step, digits, algorithm), code)) continue;
    if (lastAcceptedStep != null && step <= lastAcceptedStep) {
      replayed = true;
      continue;
    }
    return { valid: true, step };
  }
  return { valid: false, reason: replayed ? 'replay' : 'mismatch' };
}
