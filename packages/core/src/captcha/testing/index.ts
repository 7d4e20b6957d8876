/**
 * Captcha attack tools for tests and bench/ — deliberately not re-exported from the captcha
 * entry point, so the server never carries them.
 */
export { trainCaptchaSolver } from './trainCaptchaSolver.js';
export type { CaptchaGenerator, CaptchaSolver } from './trainCaptchaSolver.js';
export { measureSolverRate, captchaGenerators } from './measureSolverRate.js';
export type { SolverRateOptions } from './measureSolverRate.js';
export { createDigitCaptcha } from './createDigitCaptcha.js';
export { seededRandom } from './seededRandom.js';
