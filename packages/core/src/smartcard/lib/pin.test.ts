import { describe, expect, it } from 'vitest';
import { GcisError, isGcisError } from '../../errors.js';
import { assertPinFormat, isPinError, moicaPinLength, pinError, pinStatusFromFlags } from './pin.js';

describe('pinStatusFromFlags', () => {
  // CK_TOKEN_INFO flags of a real card: CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED = 0x40d
  it.each([
    [0x40d, { countLow: false, finalTry: false, locked: false }],
    [0x40d | 0x10000, { countLow: true, finalTry: false, locked: false }],
    [0x40d | 0x10000 | 0x20000, { countLow: true, finalTry: true, locked: false }],
    [0x40d | 0x40000, { countLow: false, finalTry: false, locked: true }],
  ])('reads the flags word %i', (flags, status) => {
    expect(pinStatusFromFlags(flags)).toEqual(status);
  });
});

describe('assertPinFormat', () => {
  it.each(['123456', '1234567', '12345678'])('accepts the MOICA PIN %j', (pin) => {
    expect(() => assertPinFormat(pin, moicaPinLength)).not.toThrow();
  });

  it.each(['12345', '123456789', '12345a', '１２３４５６', '123 456'])('refuses %j with ERR_PIN_FORMAT', (pin) => {
    expect(() => assertPinFormat(pin, moicaPinLength)).toThrow(expect.objectContaining({ code: 'ERR_PIN_FORMAT' }));
  });
});

describe('pinError', () => {
  it('is a plain GcisError, so the CLI recognises it by name, carrying the PIN status', () => {
    const error = pinError('ERR_PIN_INCORRECT', { countLow: true, finalTry: true, locked: false });
    expect(error).toBeInstanceOf(GcisError);
    expect(error.name).toBe('GcisError');
    expect(isGcisError(error, 'ERR_PIN_INCORRECT')).toBe(true);
    expect(isPinError(error) && error.pinStatus.finalTry).toBe(true);
  });

  it('is not claimed for other errors', () => {
    expect(isPinError(new GcisError('ERR_PIN_INCORRECT', 'no status'))).toBe(false);
    expect(isPinError(new Error('x'))).toBe(false);
  });
});
