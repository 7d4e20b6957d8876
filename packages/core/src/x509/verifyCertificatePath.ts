import { GcisError } from '../errors.js';
import { loadCrl, type LoadedCrl } from './loadCrl.js';
import { buildPath, type PathLimits } from './lib/buildPath.js';
import { createPathWork } from './lib/pathWork.js';
import { checkRevocation } from './lib/checkRevocation.js';
import { inheritDsaParameters } from './lib/inheritDsaParameters.js';
import type { PolicyInputs } from './lib/pathState.js';
import { checkProfile, type ProfileOptions } from './lib/profile/checkProfile.js';
import { readInputs } from './lib/readInputs.js';
import { describe, fail, type PathFailure, type PathResult, type ProfileRule } from './lib/result.js';
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

/** What a signature check trusts: the anchors, the CAs and CRLs offered, the time and revocation rule, policy inputs. */
export type TrustInputs = {
  at: Date;
  trustAnchors: readonly CertificateInput[];
  intermediates?: readonly CertificateInput[];
  crls?: readonly CrlInput[];
  revocation: RevocationMode;
  /** RFC 5280 §6.1.1 policy inputs, e.g. `{ initialPolicySet: [MOICA's], explicitPolicy: true }`. */
  policy?: PolicyInputs;
};

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
  /**
   * Accept DSA signatures (with SHA-1 or SHA-256) on certificates, as legacy PKIs and NIST PKITS
   * §4.1.4–4.1.6 use them. Off by default: SHA-1 signatures are forgeable and FIPS 186-5 withdrew DSA.
   */
  allowDsa?: boolean;
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
  allowDsa = false,
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
  const certificates = readInputs([leaf, ...intermediates, ...trustAnchors], parseCertificate, 'ERR_CERT_MALFORMED');
  if (!Array.isArray(certificates)) return certificates;
  const lists = revocation === 'require' ? readInputs(crls, loadCrl, 'ERR_CRL_MALFORMED') : [];
  if (!Array.isArray(lists)) return lists;
  const anchors = certificates.slice(1 + intermediates.length);
  const offered = certificates.slice(1, 1 + intermediates.length);
  return verifyParsed({
    leaf: certificates[0]!,
    intermediates: allowDsa ? inheritDsaParameters(offered, [...offered, ...anchors]) : offered,
    anchors,
    crls: revocation === 'require' ? lists : undefined,
    at,
    limits: { maxPathLength, maxPathCandidates, maxSignatureChecks, minimumKeyBits, allowDsa, work: createPathWork() },
    requiredLeafKeyUsage,
    policy,
    profile: { minimumKeyBits, requireEndEntity, skipRules: skipProfileRules },
  });
}

type ParsedInputs = {
  leaf: ParsedCert;
  intermediates: readonly ParsedCert[];
  anchors: readonly ParsedCert[];
  /** undefined: revocation is not checked. */
  crls: readonly LoadedCrl[] | undefined;
  at: Date;
  limits: PathLimits;
  requiredLeafKeyUsage: readonly KeyUsage[];
  policy: PolicyInputs;
  profile: ProfileOptions;
};

/** CRL signers validated inside one another's revocation checks: deep enough for any real PKI, and a bound on the work. */
const maxSignerDepth = 4;

/**
 * Build, and for each candidate path §6.1, §6.3, then the §4 profile, until one passes. A CRL
 * signer other than the certificate's issuer (a separate CRL key, an indirect CRL) has its own
 * path validated here too, to the same anchor (§6.3.3 (f)); the signers being validated are
 * carried along, so a cycle of CRL signers ends.
 */
function verifyParsed(inputs: ParsedInputs, signersInProgress: readonly string[] = []): PathResult {
  const { leaf, intermediates, anchors, crls, at, limits, requiredLeafKeyUsage, policy, profile } = inputs;
  const built = buildPath(leaf, { anchors, intermediates, ...limits }, (path) => {
    const validated = validatePath(path, { at, requiredLeafKeyUsage, policy });
    if ('ok' in validated) return validated;
    return (crls ? checkPathRevocation(path, crls, inputs, signersInProgress) : undefined) ?? checkProfile(path, profile) ?? validated;
  });
  return 'ok' in built ? built : { ok: true, path: built.path, policies: built.accepted.policies, userNotices: built.accepted.userNotices };
}

function checkPathRevocation(path: readonly ParsedCert[], crls: readonly LoadedCrl[], inputs: ParsedInputs, signersInProgress: readonly string[]): PathFailure | undefined {
  const anchor = path[path.length - 1]!;
  return checkRevocation(path, {
    crls,
    at: inputs.at,
    candidates: [...inputs.intermediates, ...inputs.anchors],
    validateSigner: (signer) => {
      // The anchor is trusted; a signer already being validated further up is being checked
      // there (an indirect CRL may cover its own signer's certificate: PKITS §4.14.30).
      if (signer.thumbprintSha256 === anchor.thumbprintSha256 || signersInProgress.includes(signer.thumbprintSha256)) return undefined;
      if (signersInProgress.length >= maxSignerDepth) return fail('ERR_CRL_INVALID', `${describe(signer)}: CRL signers nest too deeply.`);
      const result = verifyParsed(
        { ...inputs, leaf: signer, anchors: [anchor], requiredLeafKeyUsage: ['cRLSign'], policy: {}, profile: { ...inputs.profile, requireEndEntity: false } },
        [...signersInProgress, signer.thumbprintSha256],
      );
      return result.ok ? undefined : result;
    },
  });
}

function assertPolicyInputs(policy: PolicyInputs): void {
  const oid = /^[0-2](\.(0|[1-9]\d*))+$/;
  if (policy.initialPolicySet !== undefined && (!Array.isArray(policy.initialPolicySet) || !policy.initialPolicySet.every((p) => typeof p === 'string' && oid.test(p)))) {
    throw new GcisError('ERR_INVALID_INPUT', '`policy.initialPolicySet` must be a list of dotted OIDs.');
  }
}
