export { generateTotpSecret, encodeTotpSecret, decodeTotpSecret, minimumSecretBytes } from './secret.js';
export { generateTotp, secondsRemaining } from './generateTotp.js';
export { verifyTotp } from './verifyTotp.js';
export type { TotpVerifyResult } from './verifyTotp.js';
export { buildOtpauthUri, parseOtpauthUri } from './otpauthUri.js';
export { totpDefaults } from './options.js';
export type { TotpOptions, TotpAlgorithm } from './options.js';
export { timeStep } from './lib/hotp.js';
