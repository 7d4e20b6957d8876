import { GcisError, isGcisError } from '../errors.js';
import { loadCrl, type LoadedCrl } from './loadCrl.js';
import { buildPath } from './lib/buildPath.js';
import { checkRevocation } from './lib/checkRevocation.js';
import { checkProfile } from './lib/profile/checkProfile.js';
import type { PolicyInputs } from './lib/pathState.js';
import { fail, type PathFailure, type PathResult, type ProfileRule } from './lib/result.js';
import { validatePath } from './lib/validatePath.js';
import { defaultMinimumKeyBits, type KeyBits } from './lib/verifySignature.js';
import { parseCertificate, type KeyUsage, type ParsedCert } from './parseCertificate.js';

export type { CertPathErrorCode, PathFailure, PathResult, PathSuccess, ProfileRule } from './lib/result.js';
export type { PolicyInputs } from './lib/pathState.js';
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
  /** The policy inputs of RFC 5280 §6.1.1; by default any policy, none required, mapping and anyPolicy allowed. */
  policy?: PolicyInputs;
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
 * Certificate path validation (RFC 5280 §6.1) with CRL revocation checking (§6.3). Builds
 * paths from `leaf` through `intermediates` to one of `trustAnchors` within a bounded budget
 * (see buildPath) and accepts the first that passes, walked from the anchor down: signatures,
 * validity at `at` (anchor included), basicConstraints and pathLenConstraint, keyCertSign,
 * certificate policies (the policy tree with mappings and the `policy` inputs), name
 * constraints, critical extensions, the leaf's keyUsage, with `revocation: 'require'` CRLs,
 * then the certificate profile of §4 (lib/profile; after revocation, so a revoked certificate
 * says ERR_CERT_REVOKED). Every rejection — malformed certificates and CRLs included — is a
 * result with a stable code; only misuse of the options throws.
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
  policy = {},
}: VerifyCertificatePathOptions): PathResult {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new GcisError('ERR_INVALID_INPUT', '`at` must be a valid Date.');
  if (revocation !== 'require' && revocation !== 'skip') throw new GcisError('ERR_INVALID_INPUT', "`revocation` must be 'require' or 'skip'.");
  if (trustAnchors.length === 0) throw new GcisError('ERR_INVALID_INPUT', 'At least one trust anchor is needed.');
  for (const [name, value, least] of [['maxPathLength', maxPathLength, 2], ['maxPathCandidates', maxPathCandidates, 1], ['maxSignatureChecks', maxSignatureChecks, 1]] as const) {
    if (!Number.isInteger(value) || value < least) throw new GcisError('ERR_INVALID_INPUT', `\`${name}\` must be an integer ≥ ${least}.`);
  }
  const minimumKeyBits = { ...defaultMinimumKeyBits, ...keyBits };
  if (!(minimumKeyBits.rsa >= 1024 && minimumKeyBits.ec >= 224)) throw new GcisError('ERR_INVALID_INPUT', '`minimumKeyBits` may go down to RSA 1024 and EC 224, no lower.');
  assertPolicyInputs(policy);
  const certificates = parseAll([leaf, ...intermediates, ...trustAnchors]);
  if (!Array.isArray(certificates)) return certificates;
  let lists: LoadedCrl[] | PathFailure | undefined; // loaded once, when a path first needs them
  const search = {
    anchors: certificates.slice(1 + intermediates.length),
    intermediates: certificates.slice(1, 1 + intermediates.length),
    maxPathLength,
    maxPathCandidates,
    maxSignatureChecks,
    minimumKeyBits,
  };
  const built = buildPath(certificates[0]!, search, (path) => {
    const validated = validatePath(path, { at, requiredLeafKeyUsage, policy });
    if ('ok' in validated) return validated;
    if (revocation === 'require') lists ??= loadAll(crls);
    if (lists && !Array.isArray(lists)) return lists;
    return (
      (lists ? checkRevocation(path, lists, at) : undefined) ??
      checkProfile(path, { minimumKeyBits, requireEndEntity, skipRules: skipProfileRules }) ??
      validated
    );
  });
  return 'ok' in built ? built : { ok: true, path: built.path, policies: built.accepted.policies };
}

function assertPolicyInputs(policy: PolicyInputs): void {
  const oid = /^[0-2](\.(0|[1-9]\d*))+$/;
  if (policy.initialPolicySet !== undefined && (!Array.isArray(policy.initialPolicySet) || !policy.initialPolicySet.every((p) => typeof p === 'string' && oid.test(p)))) {
    throw new GcisError('ERR_INVALID_INPUT', '`policy.initialPolicySet` must be a list of dotted OIDs.');
  }
}

/** Parses what came as DER; a malformed certificate is a result, as it is data from outside. */
function parseAll(inputs: readonly CertificateInput[]): ParsedCert[] | PathFailure {
  const parsed: ParsedCert[] = [];
  for (const input of inputs) {
    if (!(input instanceof Uint8Array)) {
      parsed.push(input);
      continue;
    }
    try {
      parsed.push(parseCertificate(input));
    } catch (error) {
      if (!isGcisError(error, 'ERR_INVALID_INPUT')) throw error;
      return fail('ERR_CERT_MALFORMED', `A certificate cannot be read: ${error.message}`);
    }
  }
  return parsed;
}

function loadAll(inputs: readonly CrlInput[]): LoadedCrl[] | PathFailure {
  const loaded: LoadedCrl[] = [];
  for (const input of inputs) {
    if (!(input instanceof Uint8Array)) {
      loaded.push(input);
      continue;
    }
    try {
      loaded.push(loadCrl(input));
    } catch (error) {
      if (!isGcisError(error, 'ERR_INVALID_INPUT')) throw error;
      return fail('ERR_CRL_MALFORMED', `A CRL cannot be read: ${error.message}`);
    }
  }
  return loaded;
}
