import { GcisError } from '@gcis/core/errors';
import type { CardCertificate, PinError } from '@gcis/core/smartcard';
import type { CliDeps } from '../deps.js';
import { sayWarning } from '../output/say.js';

const lockRule = 'a MOICA card locks after 3 wrong PINs';

/**
 * Before any PIN is asked for or sent: refuses a locked card, and warns when the token reports
 * CKF_USER_PIN_FINAL_TRY or CKF_USER_PIN_COUNT_LOW (PKCS#11 v2.40 §3.2): a card locks after 3 wrong PINs.
 */
export async function checkPinStatus({ pinStatus, tokenSerial }: CardCertificate, deps: Pick<CliDeps, 'env' | 'stderr' | 'isTTY'>) {
  if (pinStatus.locked) {
    throw new GcisError('ERR_PIN_LOCKED', `Card ${tokenSerial} is locked after too many wrong PINs: unlock it with the card tool (HiCOS) first`);
  }
  if (pinStatus.finalTry) {
    await sayWarning(deps, `card ${tokenSerial} has ONE PIN try left: a wrong PIN now locks the card`);
  } else if (pinStatus.countLow) {
    await sayWarning(deps, `card ${tokenSerial} reports wrong PINs since its last good one (${lockRule})`);
  }
}

/** A PIN rejection restated with the tries left as the token reported them; the PIN is never tried again. */
export function explainPinError(error: PinError): GcisError {
  const { countLow, finalTry, locked } = error.pinStatus;
  const message =
    error.code === 'ERR_PIN_LOCKED' || locked ? 'The card is now locked after too many wrong PINs: unlock it with the card tool (HiCOS)'
    : finalTry ? 'Wrong PIN: ONE try is left before the card locks'
    : countLow ? `Wrong PIN: the card reports few tries left (${lockRule})`
    : `Wrong PIN: the card does not say how many tries are left (${lockRule})`;
  const code = locked ? 'ERR_PIN_LOCKED' : error.code;
  return Object.assign(new GcisError(code, `${message}; gcis never retries a PIN by itself`, { cause: error }), {
    pinStatus: error.pinStatus,
  });
}
