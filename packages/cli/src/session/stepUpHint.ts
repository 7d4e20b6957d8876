import { GcisError, isGcisError } from '@gcis/core/errors';
import { loginHint } from './loginHint.js';
import type { Messages } from '../i18n/en.js';

/**
 * Like GitHub's sudo mode: when the server refuses with ERR_STEP_UP_REQUIRED, says what to do —
 * log in again with a method strong enough, then repeat the command — keeping the code (exit 4).
 */
export async function withStepUpHint<T>(server: string, action: string, request: () => Promise<T>, t: Messages): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!isGcisError(error, 'ERR_STEP_UP_REQUIRED')) throw error;
    throw new GcisError('ERR_STEP_UP_REQUIRED', t.totp.stepUp(action, loginHint(server)), { cause: error });
  }
}
