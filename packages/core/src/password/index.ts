export { hashPassword, defaultArgon2Params } from './hashPassword.js';
export type { Argon2Params } from './hashPassword.js';
export { verifyPassword } from './verifyPassword.js';
export type { PasswordVerifyResult } from './verifyPassword.js';
export { normalizePassword, passwordLength } from './policy.js';
