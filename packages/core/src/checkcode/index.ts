export { issueCheckCode, checkCodeAlphabet } from './issueCheckCode.js';
export { hashCheckCode, normalizeCheckCode } from './hashCheckCode.js';
export { verifyCheckCode } from './verifyCheckCode.js';
export type { CheckCodeResult } from './verifyCheckCode.js';
export { endOfTaipeiDay, formatTaipeiTime } from './endOfTaipeiDay.js';
export { checkCodeMail } from './checkCodeMail.js';
