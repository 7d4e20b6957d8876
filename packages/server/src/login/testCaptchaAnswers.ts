import { appendFileSync } from 'node:fs';
import { GcisError } from '@gcis/core';
import type { ServerConfig } from '../config.js';

/**
 * Where a test-mode server writes the answer of each captcha it draws, one `id answer` line per
 * captcha, so that tests with real processes can answer captchas no program reads.
 * `GCIS_SERVER_TEST_CAPTCHA_ANSWERS` names the file; like the test clock, only a data folder in
 * test mode allows it — a production server refuses to start with it set.
 */
export function testCaptchaAnswers(config: ServerConfig, env: NodeJS.ProcessEnv): ((id: string, answer: string) => void) | undefined {
  const file = env.GCIS_SERVER_TEST_CAPTCHA_ANSWERS;
  if (!file) return undefined;
  if (config.mode !== 'test') {
    throw new GcisError('ERR_USAGE', 'GCIS_SERVER_TEST_CAPTCHA_ANSWERS is refused: this data folder is in production mode.');
  }
  return (id, answer) => appendFileSync(file, `${id} ${answer}\n`, { mode: 0o600 });
}
