import { GcisError } from '../errors.js';
import { loadCrl, type LoadedCrl } from './loadCrl.js';
import { buildPath } from './lib/buildPath.js';
import { checkPathRules } from './lib/checkPathRules.js';
import { checkRevocation } from './lib/checkRevocation.js';
import { checkProfile } from './lib/profile/checkProfile.js';
import { defaultMinimumKeyBits, type KeyBits } from './lib/verifySignature.js';
import type { PathResult, ProfileRule } from './lib/result.js';
import { parseCertificate, type KeyUsage, type ParsedCert } from './parseCertificate.js';

export type { CertPathErrorCode, PathFailure, PathResult, ProfileRule } from './lib/result.js';
export { profileRules } from './lib/result.js';

/** A certificate as DER, or already parsed (the server parses its anchors once). */
export type CertificateInput = Uint8Array | ParsedCert;
/** A CRL as DER, or already loaded with loadCrl (the server loads MOICA's 20 MB list once). */
export type CrlInput = Uint8Array | LoadedCrl;
export type RevocationMode = 'require' | 'skip';

export type VerifyCertificatePathOptions = {
  leaf: CertificateInput;
  intermediates?: readonly CertificateInput[];
  trustAnchors: readonly CertificateInput[];
  crls?: readonly CrlInput[];
  at: Date;
  /** 'require': every certificate below the anchor needs a fresh, valid CRL (fail closed). 'skip': no revocation check. */
  revocation: RevocationMode;
  /** Most certificates in a path, leaf and anchor included. */
  maxPathLength?: number;
  /** keyUsage bits the leaf must allow (when it has the extension); [] for none. */
  requiredLeafKeyUsage?: readonly KeyUsage[];
  /** The leaf must be an end entity: not cA=TRUE, no keyCertSign (login turns this on). */
  requireEndEntity?: boolean;
  /** RFC 5280 §4 profile rules not to enforce, e.g. 'ca-basic-constraints-critical' (see README). */
  skipProfileRules?: readonly ProfileRule[];
  /** Smallest RSA modulus and EC curve accepted, in bits, for every key in the path. */
  minimumKeyBits?: Partial<KeyBits>;
  /** Path-building budget: issuer candidates tried, and signatures verified; past either, ERR_PATH_BUDGET. */
  maxPathCandidates?: number;
  maxSignatureChecks?: number;
};

export const pathDefaults = {
  maxPathLength: 8,
  maxPathCandidates: 64,
  maxSignatureChecks: 32,
  requiredLeafKeyUsage: ['digitalSignature'] as readonly KeyUsage[],
  minimumKeyBits: defaultMinimumKeyBits,
} as const;

/**
 * Basic certificate path validation (RFC 5280 §6.1) with CRL revocation checking (§6.3).
 * Builds paths from `leaf` through `intermediates` to one of `trustAnchors` within a bounded
 * budget (see buildPath), and accepts the first whose checks all pass: signatures, validity at
 * `at` (anchor included), basicConstraints and pathLenConstraint, keyCertSign, critical
 * extensions, the leaf's keyUsage, with `revocation: 'require'` CRLs, then the certificate
 * profile of §4 (lib/profile; after revocation, so a revoked certificate says ERR_CERT_REVOKED).
 * Rejections are results with a stable code; malformed DER or misuse throws a GcisError.
 * Not implemented (refused when critical): name constraints and policy processing — see index.ts.
 */
export function verifyCertificatePath({
  leaf,
  intermediates = [],
  trustAnchors,
  crls = [],
  at,
  revocation,
  maxPathLength = pathDefaults.maxPathLength,
  maxPathCandidates = pathDefaults.maxPathCandidates,
  maxSignatureChecks = pathDefaults.maxSignatureChecks,
  requiredLeafKeyUsage = pathDefaults.requiredLeafKeyUsage,
  requireEndEntity = false,
  skipProfileRules = [],
  minimumKeyBits: keyBits,
}: VerifyCertificatePathOptions): PathResult {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new GcisError('ERR_INVALID_INPUT', '`at` must be a valid Date.');
  if (revocation !== 'require' && revocation !== 'skip') throw new GcisError('ERR_INVALID_INPUT', "`revocation` must be 'require' or 'skip'.");
  if (trustAnchors.length === 0) throw new GcisError('ERR_INVALID_INPUT', 'At least one trust anchor is needed.');
  for (const [name, value, least] of [['maxPathLength', maxPathLength, 2], ['maxPathCandidates', maxPathCandidates, 1], ['maxSignatureChecks', maxSignatureChecks, 1]] as const) {
    if (!Number.isInteger(value) || value < least) throw new GcisError('ERR_INVALID_INPUT', `\`${name}\` must be an integer ≥ ${least}.`);
  }
  const minimumKeyBits = { ...defaultMinimumKeyBits, ...keyBits };
  if (!(minimumKeyBits.rsa >= 1024 && minimumKeyBits.ec >= 224)) throw new GcisError('ERR_INVALID_INPUT', '`minimumKeyBits` may go down to RSA 1024 and EC 224, no lower.');
  const loadedCrls = revocation === 'require' ? crls.map(loaded) : [];
  const built = buildPath(
    parsed(leaf),
    { anchors: trustAnchors.map(parsed), intermediates: intermediates.map(parsed), maxPathLength, maxPathCandidates, maxSignatureChecks, minimumKeyBits },
    (path) =>
      checkPathRules(path, at, requiredLeafKeyUsage) ??
      (revocation === 'require' ? checkRevocation(path, loadedCrls, at) : undefined) ??
      checkProfile(path, { minimumKeyBits, requireEndEntity, skipRules: skipProfileRules }),
  );
  return Array.isArray(built) ? { ok: true, path: built } : built;
}

const parsed = (input: CertificateInput): ParsedCert => (input instanceof Uint8Array ? parseCertificate(input) : input);
const loaded = (input: CrlInput): LoadedCrl => (input instanceof Uint8Array ? loadCrl(input) : input);
