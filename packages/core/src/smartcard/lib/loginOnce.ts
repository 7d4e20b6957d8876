import { ckrCode, type Cryptoki, type Handle } from './cryptoki.js';
import { pinError, pinStatusFromFlags } from './pin.js';

/**
 * C_Login as the user, exactly once — a MOICA card locks after 3 wrong PINs, so a failed try
 * is reported, never repeated. Returns whether this call logged in (and so must log out).
 */
export function loginOnce({ ck, lib }: Cryptoki, slot: Handle, session: Handle, pin: string): boolean {
  try {
    lib.C_Login(session, ck.CKU_USER, pin);
    return true;
  } catch (error) {
    const code = ckrCode(error);
    // Another session of this process is logged in already: the PIN was not tried.
    if (code === ck.CKR_USER_ALREADY_LOGGED_IN) return false;
    if (code !== ck.CKR_PIN_INCORRECT && code !== ck.CKR_PIN_LOCKED) throw error;
    // Read the flags again: the token updates COUNT_LOW / FINAL_TRY / LOCKED after the failed try.
    const status = pinStatusFromFlags(lib.C_GetTokenInfo(slot).flags);
    throw pinError(code === ck.CKR_PIN_LOCKED || status.locked ? 'ERR_PIN_LOCKED' : 'ERR_PIN_INCORRECT', status, error);
  }
}
