// Test cards for tests and examples: a real SoftHSM2 token with MOICA-like certificates, and a
// stand-in for the HiPKI local server. Not for production use.
export { createTestCard } from './createTestCard.js';
export type { TestCard } from './createTestCard.js';
export { createSoftHsm, createSoftHsmToken, softHsmModulePaths } from './softhsmToken.js';
export type { SoftHsm, SoftHsmKey, SoftHsmToken } from './softhsmToken.js';
export { startHipkiStandIn } from './startHipkiStandIn.js';
export type { HipkiStandIn, HipkiStandInOptions, HipkiStandInRequest } from './startHipkiStandIn.js';
export { createKeySigner } from './createKeySigner.js';
