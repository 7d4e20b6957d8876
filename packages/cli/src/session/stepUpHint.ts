import { GcisError, isGcisError } from '@gcis/core/errors';
import { loginHint } from './loginHint.js';

/**
 * Like GitHub's sudo mode: when the server refuses with ERR_STEP_UP_REQUIRED, says what to do —
 * log in again with a method strong enough, then repeat the command — keeping the code (exit 4).
 */
export async function withStepUpHint<T>(server: string, action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!isGcisError(error, 'ERR_STEP_UP_REQUIRED')) throw error;
    const message =
      `${action} needs a recent login (the last 5 minutes by default) with an authenticator code, a card or the phone app; ` +
      `a one-day password is not enough once the account has one of those. ` +
      `Log in again with "${loginHint(server)} --method totp" (or --method cert, --method push), then run this command again right away. ` +
      `Lost the authenticator? The administrator can issue a new QR code ("gcis-server account totp")`;
    throw new GcisError('ERR_STEP_UP_REQUIRED', message, { cause: error });
  }
}
