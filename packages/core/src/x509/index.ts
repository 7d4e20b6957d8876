/**
 * Server side of certificate login: X.509 parsing, RFC 5280 path validation with CRLs, the
 * MOICA citizen-certificate profile, and the login signature itself (verifyLoginSignature: a CMS
 * SignedData over `{challenge, origin, issuedAt}`, RFC 5652 §5).
 *
 * verifyCertificatePath is RFC 5280 §6.1 in full — the policy tree with mappings and the §6.1.1
 * policy inputs, name constraints (directoryName, emailAddress in the DN, rfc822Name, dNSName,
 * URI, iPAddress), names matched under §7.1 — and §6.3 revocation from CRLs: distribution
 * points, issuingDistributionPoint scopes, reason coverage, indirect and delta CRLs, the CRL
 * signer's own path. Choices beyond the RFC: the anchor certificate's validity, basicConstraints,
 * pathLenConstraint, keyUsage and nameConstraints count; no OCSP; DSA only with `allowDsa`.
 * Data never makes it throw: every refusal is `{ ok: false, code }`.
 */
export { verifyCertificatePath, pathDefaults, profileRules } from './verifyCertificatePath.js';
export type {
  VerifyCertificatePathOptions,
  CertificateInput,
  CrlInput,
  RevocationMode,
  TrustInputs,
  PathResult,
  PathSuccess,
  PathFailure,
  CertPathErrorCode,
  ProfileRule,
  PolicyInputs,
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
export { verifyDocumentSignature } from './verifyDocumentSignature.js';
export type {
  VerifyDocumentSignatureOptions,
  DocumentSignatureResult,
  DocumentSignatureErrorCode,
  DocumentSigner,
} from './verifyDocumentSignature.js';
export { decodePem, encodePem } from './decodePem.js';
