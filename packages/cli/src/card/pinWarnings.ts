import { GcisError } from '@gcis/core/errors';
import type { CardCertificate, PinError } from '@gcis/core/smartcard';
import type { CliDeps } from '../deps.js';
import { sayWarning } from '../output/say.js';
import { messagesFor } from '../i18n/messages.js';
import type { Messages } from '../i18n/en.js';


/**
 * Before any PIN is asked for or sent: refuses a locked card, and warns when the token reports
 * CKF_USER_PIN_FINAL_TRY or CKF_USER_PIN_COUNT_LOW (PKCS#11 v2.40 §3.2): a card locks after 3 wrong PINs.
 */
export async function checkPinStatus({ pinStatus, tokenSerial }: CardCertificate, deps: Pick<CliDeps, 'env' | 'stderr' | 'isTTY'>) {
  const { card } = messagesFor(deps.env);
  if (pinStatus.locked) {
    throw new GcisError('ERR_PIN_LOCKED', card.lockedCard(tokenSerial));
  }
  if (pinStatus.finalTry) {
    await sayWarning(deps, card.oneTryLeft(tokenSerial));
  } else if (pinStatus.countLow) {
    await sayWarning(deps, card.triesLow(tokenSerial, card.lockRule));
  }
}

/** A PIN rejection restated with the tries left as the token reported them; the PIN is never tried again. */
export function explainPinError(error: PinError, { card }: Messages): GcisError {
  const { countLow, finalTry, locked } = error.pinStatus;
  const message =
    error.code === 'ERR_PIN_LOCKED' || locked ? card.nowLocked
    : finalTry ? card.wrongFinal
    : countLow ? card.wrongLow(card.lockRule)
    : card.wrongUnknown(card.lockRule);
  const code = locked ? 'ERR_PIN_LOCKED' : error.code;
  return Object.assign(new GcisError(code, card.neverRetried(message), { cause: error }), {
    pinStatus: error.pinStatus,
  });
}
