import { GcisError } from '@gcis/core';
import type { CaptchaAnswer } from '@gcis/core/api';
import { checkCaptcha } from '@gcis/core/captcha';
import type { AppContext } from '../context.js';

/** The refusal unless a captcha was answered correctly; the captcha is used up either way. */
export async function checkCaptchaAnswer(context: AppContext, answer: CaptchaAnswer | undefined): Promise<GcisError | undefined> {
  if (!answer) return new GcisError('ERR_CAPTCHA_REQUIRED', 'Answer a captcha (POST /v1/captcha) with this login.');
  const row = await context.store.captchas.take(answer.id);
  const result = row
    ? checkCaptcha({
        stored: { answerHash: row.answer_hash, expiresAt: new Date(row.expires_at), used: row.used === 1 },
        captchaId: answer.id,
        answer: answer.answer,
        now: context.clock.now(),
      })
    : { valid: false as const };
  if (!result.valid) return new GcisError('ERR_CAPTCHA_INVALID', 'The captcha answer is wrong or expired; ask for a new one.');
  return undefined;
}
