import { constantTimeEqual, sha256Hex } from '../lib/encoding.js';

/** What the server stores for a captcha: never the answer itself. Case does not count (`a` and `A` are one character). */
export function hashCaptchaAnswer(captchaId: string, answer: string): string {
  return sha256Hex(`gcis-captcha:${captchaId}:${answer.trim().toUpperCase()}`);
}

export type CaptchaCheckResult = { valid: true } | { valid: false; reason: 'expired' | 'used' | 'mismatch' };

/** Checks an answer against a stored captcha; the caller marks it used whatever the result (single use). */
export function checkCaptcha({
  stored,
  captchaId,
  answer,
  now,
}: {
  stored: { answerHash: string; expiresAt: Date; used: boolean };
  captchaId: string;
  answer: string;
  now: Date;
}): CaptchaCheckResult {
  if (stored.used) return { valid: false, reason: 'used' };
  if (now.getTime() >= stored.expiresAt.getTime()) return { valid: false, reason: 'expired' };
  if (!constantTimeEqual(hashCaptchaAnswer(captchaId, answer), stored.answerHash)) {
    return { valid: false, reason: 'mismatch' };
  }
  return { valid: true };
}
