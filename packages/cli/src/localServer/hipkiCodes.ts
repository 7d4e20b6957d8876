import type { PinStatus } from '@gcis/core/smartcard';

/**
 * The ret_code / last_error values the server answers with: those of the HiPKI LocalSignServer
 * as its public sample pages list them (the table core's lib/hipkiErrors.ts reads back), so a
 * portal page and createHipkiSigner understand them unchanged.
 */
export const retCodes = {
  ok: 0,
  noCard: 0x76000006,
  parameterError: 0x7600000c,
  forbiddenOrigin: 0x7600000f,
  noPin: 0x76000998,
  moduleError: 0x76100001,
  loginFailed: 0x76100006,
  certificateNotFound: 0x7610000c,
  pinFormat: 0x83000105,
} as const;

const CKR_PIN_INCORRECT = 0xa0;
const CKR_PIN_LOCKED = 0xa4;

/** last_error of a refused PIN: HiCOS's "n tries left" codes when the token tells, else the CKR_* value. */
export function pinLastError(code: 'ERR_PIN_INCORRECT' | 'ERR_PIN_LOCKED', { countLow, finalTry, locked }: PinStatus): number {
  if (code === 'ERR_PIN_LOCKED' || locked) return CKR_PIN_LOCKED;
  if (finalTry) return 0x80000001;
  if (countLow) return 0x80000002;
  return CKR_PIN_INCORRECT;
}

/** A failure reply: HiPKI prints the codes as signed 32-bit integers. */
export const failure = (func: string, retCode: number, lastError = 0) => ({ func, ret_code: retCode | 0, last_error: lastError | 0 });

/** ret_code / last_error for what a core signer threw; anything unexpected is the card module's failure. */
export function codesForError(error: unknown): { retCode: number; lastError: number } {
  const { code, pinStatus } = (error ?? {}) as { code?: string; pinStatus?: PinStatus };
  switch (code) {
    case 'ERR_PIN_INCORRECT':
    case 'ERR_PIN_LOCKED':
      return { retCode: retCodes.loginFailed, lastError: pinLastError(code, pinStatus ?? { countLow: false, finalTry: false, locked: false }) };
    case 'ERR_PIN_FORMAT':
      return { retCode: retCodes.pinFormat, lastError: 0 };
    case 'ERR_NO_CARD':
      return { retCode: retCodes.noCard, lastError: 0 };
    case 'ERR_CARD_CERT_NOT_FOUND':
      return { retCode: retCodes.certificateNotFound, lastError: 0 };
    default:
      return { retCode: retCodes.moduleError, lastError: 0 };
  }
}
