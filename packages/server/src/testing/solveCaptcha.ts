import { hashCaptchaAnswer } from '@gcis/core/captcha';
import type { Store } from '../store/index.js';

/**
 * A captcha's answer found from its stored hash by trying all 5-digit answers. Tests use this
 * instead of reading the image; that it takes well under a second is why captchas are single use.
 */
export function answerFromHash(id: string, answerHash: string): string {
  for (let n = 0; n < 100_000; n++) {
    const answer = String(n).padStart(5, '0');
    if (hashCaptchaAnswer(id, answer) === answerHash) return answer;
  }
  throw new Error('captcha answer not found');
}

export function solveCaptcha(store: Store, id: string): string {
  const row = store.db.prepare<[string], { answer_hash: string }>('SELECT answer_hash FROM captchas WHERE id = ?').get(id);
  if (!row) throw new Error(`no captcha ${id}`);
  return answerFromHash(id, row.answer_hash);
}
