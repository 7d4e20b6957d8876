import { GcisError } from '../../errors.js';
import type { PinLength, PinStatus } from '../types.js';

/** MOICA card PINs are 6–8 digits. */
export const moicaPinLength: PinLength = { min: 6, max: 8 };

// CK_TOKEN_INFO flag bits (PKCS#11 v2.40 §3.2, pkcs11t.h); HiPKI reports the same word.
const CKF_USER_PIN_COUNT_LOW = 0x10000;
const CKF_USER_PIN_FINAL_TRY = 0x20000;
const CKF_USER_PIN_LOCKED = 0x40000;

export function pinStatusFromFlags(flags: number): PinStatus {
  return {
    countLow: (flags & CKF_USER_PIN_COUNT_LOW) !== 0,
    finalTry: (flags & CKF_USER_PIN_FINAL_TRY) !== 0,
    locked: (flags & CKF_USER_PIN_LOCKED) !== 0,
  };
}

/** Refuses a malformed PIN before it reaches the card, where it could cost one of the 3 tries. */
export function assertPinFormat(pin: string, { min, max }: PinLength): void {
  if (!new RegExp(`^\\d{${min},${max}}$`).test(pin)) {
    throw new GcisError('ERR_PIN_FORMAT', `The PIN must be ${min}–${max} digits`);
  }
}

/** A PIN rejection; `pinStatus` says how close the card is to locking. */
export type PinError = GcisError & { code: 'ERR_PIN_INCORRECT' | 'ERR_PIN_LOCKED'; pinStatus: PinStatus };

/**
 * Builds a PIN rejection. A plain GcisError with a property, not a subclass, so that its `name`
 * stays `GcisError` (the CLI recognises core errors by name without loading core).
 */
export function pinError(code: PinError['code'], pinStatus: PinStatus, cause?: unknown): PinError {
  const message =
    code === 'ERR_PIN_LOCKED' || pinStatus.locked ? 'The card is locked after too many wrong PINs; unlock it with the card tool'
    : pinStatus.finalTry ? 'Wrong PIN; one try is left before the card locks'
    : pinStatus.countLow ? 'Wrong PIN; the card reports few tries left'
    : 'Wrong PIN';
  return Object.assign(new GcisError(code, message, { cause }), { code, pinStatus });
}

export function isPinError(error: unknown): error is PinError {
  return error instanceof GcisError && (error.code === 'ERR_PIN_INCORRECT' || error.code === 'ERR_PIN_LOCKED') && 'pinStatus' in error;
}
