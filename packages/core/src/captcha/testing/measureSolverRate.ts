import { createCaptcha } from '../createCaptcha.js';
import { createDigitCaptcha } from './createDigitCaptcha.js';
import { seededRandom } from './seededRandom.js';
import { trainCaptchaSolver, type CaptchaGenerator } from './trainCaptchaSolver.js';

export type SolverRateOptions = {
  /** `current`: createCaptcha; `digits`: the first captcha, the solver's control. */
  generator?: 'current' | 'digits';
  trainingImages?: number;
  testImages?: number;
  seed?: number;
  /** > 0: the solver first strips strokes thinner than this many pixels (a stroke-width filter). */
  openingSide?: number;
};

export const captchaGenerators: Record<'current' | 'digits', CaptchaGenerator> = {
  current: (random) => createCaptcha({ random, now: new Date(0) }),
  digits: (random) => createDigitCaptcha(random),
};

/**
 * Trains the learning solver on `trainingImages` labelled captchas and counts how many of
 * `testImages` fresh ones (from another seed) it reads exactly, ignoring case as the server does.
 */
export function measureSolverRate({
  generator = 'current',
  trainingImages = 3000,
  testImages = 500,
  seed = 1,
  openingSide = 0,
}: SolverRateOptions = {}): { solved: number; total: number } {
  const generate = captchaGenerators[generator];
  const solve = trainCaptchaSolver(generate, { random: seededRandom(seed), trainingImages, openingSide });
  const fresh = seededRandom(seed + 0x5eed);
  let solved = 0;
  for (let image = 0; image < testImages; image++) {
    const { answer, png } = generate(fresh);
    if (solve(png).toUpperCase() === answer.toUpperCase()) solved++;
  }
  return { solved, total: testImages };
}
