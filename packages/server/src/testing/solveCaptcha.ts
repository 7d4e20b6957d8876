import { readFileSync } from 'node:fs';
import type { Store } from '../store/index.js';

// Captchas are made to defeat programs (core's captcha/testing), so tests do not read them: the
// server tells a test its answers through the test-only `revealCaptchaAnswer` hook.
const answersByStore = new WeakMap<Store, Map<string, string>>();

/** The hook createTestServer gives its context: remembers each captcha's answer for {@link solveCaptcha}. */
export function recordCaptchaAnswers(store: Store): (id: string, answer: string) => void {
  const answers = new Map<string, string>();
  answersByStore.set(store, answers);
  return (id, answer) => void answers.set(id, answer);
}

/** The answer of captcha `id` drawn by the test server that owns `store`. */
export function solveCaptcha(store: Store, id: string): string {
  const answer = answersByStore.get(store)?.get(id);
  if (answer === undefined) throw new Error(`no captcha ${id} was drawn by this test server`);
  return answer;
}

/**
 * The answer of captcha `id` (the newest one without `id`) from the file a real test-mode server
 * writes them to (`GCIS_SERVER_TEST_CAPTCHA_ANSWERS`, see login/testCaptchaAnswers.ts).
 */
export function captchaAnswerFromFile(file: string, id?: string): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(' '));
  const found = id === undefined ? lines.at(-1) : lines.find(([lineId]) => lineId === id);
  if (!found?.[1]) throw new Error(`no captcha ${id ?? ''} in ${file}`);
  return found[1];
}
