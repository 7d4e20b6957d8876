import { GcisError } from '../errors.js';
import { loadCrl, type LoadedCrl } from './loadCrl.js';
import { buildPath } from './lib/buildPath.js';
import { checkRevocation } from './lib/checkRevocation.js';
import { inheritDsaParameters } from './lib/inheritDsaParameters.js';
import type { PolicyInputs } from './lib/pathState.js';
import { readInputs } from './lib/readInputs.js';
import { describe, fail, type PathResult } from './lib/result.js';
import { validatePath } from './lib/validatePath.js';
import { parseCertificate, type KeyUsage, type ParsedCert } from './parseCertificate.js';

export type { CertPathErrorCode, PathFailure, PathResult, PathSuccess } from './lib/result.js';
export type { PolicyInputs } from './lib/pathState.js';

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
  /**
   * Accept DSA signatures (with SHA-1 or SHA-256) on certificates, as legacy PKIs and NIST PKITS
   * §4.1.4–4.1.6 use them. Off by default: SHA-1 signatures are forgeable and FIPS 186-5 withdrew DSA.
   */
  allowDsa?: boolean;
};

export const pathDefaults = { maxPathLength: 8, requiredLeafKeyUsage: ['digitalSignature'] as readonly KeyUsage[] } as const;

/**
 * Certificate path validation (RFC 5280 §6.1) with CRL revocation checking (§6.3). Builds a
 * path from `leaf` through `intermediates` to one of `trustAnchors`, then walks it from the
 * anchor down: signatures, validity at `at` (anchor included), basicConstraints and
 * pathLenConstraint, keyCertSign, certificate policies (the policy tree with mappings and the
 * `policy` inputs), name constraints, critical extensions, the leaf's keyUsage and, with
 * `revocation: 'require'`, CRLs. Every rejection — malformed certificates and CRLs included —
 * is a result with a stable code; only misuse of the options throws.
 */
export function verifyCertificatePath({
  leaf,
  intermediates = [],
  trustAnchors,
  crls = [],
  at,
  revocation,
  maxPathLength = pathDefaults.maxPathLength,
  requiredLeafKeyUsage = pathDefaults.requiredLeafKeyUsage,
  policy = {},
  allowDsa = false,
}: VerifyCertificatePathOptions): PathResult {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new GcisError('ERR_INVALID_INPUT', '`at` must be a valid Date.');
  if (revocation !== 'require' && revocation !== 'skip') throw new GcisError('ERR_INVALID_INPUT', "`revocation` must be 'require' or 'skip'.");
  if (trustAnchors.length === 0) throw new GcisError('ERR_INVALID_INPUT', 'At least one trust anchor is needed.');
  if (!Number.isInteger(maxPathLength) || maxPathLength < 2) throw new GcisError('ERR_INVALID_INPUT', '`maxPathLength` must be an integer ≥ 2.');
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
    maxPathLength,
    requiredLeafKeyUsage,
    policy,
    allowDsa,
  });
}

type ParsedInputs = {
  leaf: ParsedCert;
  intermediates: readonly ParsedCert[];
  anchors: readonly ParsedCert[];
  /** undefined: revocation is not checked. */
  crls: readonly LoadedCrl[] | undefined;
  at: Date;
  maxPathLength: number;
  requiredLeafKeyUsage: readonly KeyUsage[];
  policy: PolicyInputs;
  allowDsa: boolean;
};

/** CRL signers validated inside one another's revocation checks: deep enough for any real PKI, and a bound on the work. */
const maxSignerDepth = 4;

/**
 * Build, §6.1, then §6.3. A CRL signer other than the certificate's issuer (a separate CRL key,
 * an indirect CRL) has its own path validated here too, to the same anchor (§6.3.3 (f)); the
 * signers being validated are carried along, so a cycle of CRL signers ends.
 */
function verifyParsed(inputs: ParsedInputs, signersInProgress: readonly string[] = []): PathResult {
  const { leaf, intermediates, anchors, crls, at, maxPathLength, requiredLeafKeyUsage, policy, allowDsa } = inputs;
  const built = buildPath(leaf, { anchors, intermediates, maxPathLength, allowDsa });
  if (!Array.isArray(built)) return built;
  const validated = validatePath(built, { at, requiredLeafKeyUsage, policy });
  if ('ok' in validated) return validated;
  if (crls) {
    const anchor = built[built.length - 1]!;
    const failure = checkRevocation(built, {
      crls,
      at,
      candidates: [...intermediates, ...anchors],
      validateSigner: (signer) => {
        // The anchor is trusted; a signer already being validated further up is being checked
        // there (an indirect CRL may cover its own signer's certificate: PKITS §4.14.30).
        if (signer.thumbprintSha256 === anchor.thumbprintSha256 || signersInProgress.includes(signer.thumbprintSha256)) return undefined;
        if (signersInProgress.length >= maxSignerDepth) return fail('ERR_CRL_INVALID', `${describe(signer)}: CRL signers nest too deeply.`);
        const result = verifyParsed(
          { ...inputs, leaf: signer, anchors: [anchor], requiredLeafKeyUsage: ['cRLSign'], policy: {} },
          [...signersInProgress, signer.thumbprintSha256],
        );
        return result.ok ? undefined : result;
      },
    });
    if (failure) return failure;
  }
  return { ok: true, path: built, policies: validated.policies, userNotices: validated.userNotices };
}

function assertPolicyInputs(policy: PolicyInputs): void {
  const oid = /^[0-2](\.(0|[1-9]\d*))+$/;
  if (policy.initialPolicySet !== undefined && (!Array.isArray(policy.initialPolicySet) || !policy.initialPolicySet.every((p) => typeof p === 'string' && oid.test(p)))) {
    throw new GcisError('ERR_INVALID_INPUT', '`policy.initialPolicySet` must be a list of dotted OIDs.');
  }
}
