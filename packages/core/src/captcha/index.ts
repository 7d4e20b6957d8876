export { createCaptcha } from './createCaptcha.js';
export type { Captcha } from './createCaptcha.js';
export { captchaAlphabet } from './lib/strokeFont.js';
export { checkCaptcha, hashCaptchaAnswer } from './checkCaptcha.js';
export type { CaptchaCheckResult } from './checkCaptcha.js';
export { renderCaptchaForTerminal } from './renderCaptchaForTerminal.js';
