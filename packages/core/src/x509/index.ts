/**
 * Server side of certificate login: X.509 parsing, RFC 5280 path validation with CRLs, the
 * MOICA citizen-certificate profile, and the login signature itself (verifyLoginSignature: a CMS
 * SignedData over `{challenge, origin, issuedAt}`, RFC 5652 §5).
 *
 * Scope of verifyCertificatePath — RFC 5280 §6.1 basic path validation, with these choices:
 * - names chain by exact DER equality (stricter than §7.1 matching; CAs copy the bytes);
 * - policy processing is not done: the outcome equals an initial policy set of anyPolicy with
 *   no explicit policy required. policyConstraints, policyMappings and inhibitAnyPolicy are not
 *   recognised, so a CA marking them critical (as §4.2.1.11 requires) is refused;
 * - nameConstraints are not processed, so they are refused wherever they appear;
 * - the anchor's validity, basicConstraints, pathLenConstraint and keyUsage are enforced too;
 * - revocation: complete CRLs only (delta, scoped and indirect CRLs are refused), no OCSP.
 */
export { verifyCertificatePath, pathDefaults, profileRules } from './verifyCertificatePath.js';
export type {
  VerifyCertificatePathOptions,
  CertificateInput,
  CrlInput,
  RevocationMode,
  PathResult,
  PathFailure,
  CertPathErrorCode,
  ProfileRule,
} from './verifyCertificatePath.js';
export { loadCrl, loadCrlAsync } from './loadCrl.js';
export type { LoadedCrl, CrlEntry } from './loadCrl.js';
export { parseCertificate } from './parseCertificate.js';
export type { ParsedCert, AlgorithmIdentifier, BasicConstraints, CertExtension, KeyUsage } from './parseCertificate.js';
export { parseMoicaIdentity } from './parseMoicaIdentity.js';
export type { MoicaIdentity } from './parseMoicaIdentity.js';
export type { SignatureCheck } from './lib/verifySignature.js';
export { normalizeSerialHex } from './lib/serial.js';
export { verifyLoginSignature } from './verifyLoginSignature.js';
export type {
  LoginSignatureInput,
  VerifyLoginSignatureOptions,
  LoginSignatureResult,
  LoginSignatureErrorCode,
  LoginIdentity,
} from './verifyLoginSignature.js';
export type { SignedLoginContent } from './lib/readLoginContent.js';
