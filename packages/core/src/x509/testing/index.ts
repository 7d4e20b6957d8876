/**
 * Test PKI for tests and scripts — deliberately not re-exported from the x509 entry point, so
 * production bundles never carry key generation or pkijs.
 */
export { buildTestPki, generateTestPkiKeys, testPkiVariants } from './buildTestPki.js';
export type { TestPki, TestPkiKeys, TestPkiOptions, TestPkiVariant, TestCertificate, TestIdentity } from './buildTestPki.js';
export { issueCertificate } from './issueCertificate.js';
export type { CertificateSpec } from './issueCertificate.js';
export { issueCrl } from './issueCrl.js';
export type { CrlSpec } from './issueCrl.js';
export { buildLargeCrl } from './buildLargeCrl.js';
export type { LargeCrl } from './buildLargeCrl.js';
export { encodeName, extension, toPem } from './lib/build.js';
export type { NameSpec } from './lib/build.js';
export { generateTestKeyPair } from './lib/signer.js';
export type { TestKeyPair, TestKeyType, RsaScheme } from './lib/signer.js';
export { buildPathTrap } from './buildPathTrap.js';
export type { PathTrap, PathTrapKind } from './buildPathTrap.js';
export {
  certificateIssuer,
  certificatePolicies,
  crlDistributionPoints,
  deltaCrlIndicator,
  encodeGeneralName,
  inhibitAnyPolicy,
  issuingDistributionPoint,
  nameConstraints,
  policyConstraints,
  policyMappings,
  subjectAltName,
} from './lib/encodeExtensions.js';
export type { DistributionPointSpec, GeneralNameSpec, IssuingDistributionPointSpec } from './lib/encodeExtensions.js';
export { buildRandomChain, randomChainPolicies } from './buildRandomChain.js';
export type { RandomChain } from './buildRandomChain.js';
export { buildTestChain } from './buildTestChain.js';
export type { ChainLevel, TestChain, TestChainParty } from './buildTestChain.js';
