import { GcisError } from '../errors.js';
import { loadCrl, type LoadedCrl } from './loadCrl.js';
import { buildPath } from './lib/buildPath.js';
import { checkPathRules } from './lib/checkPathRules.js';
import { checkRevocation } from './lib/checkRevocation.js';
import type { PathResult } from './lib/result.js';
import { parseCertificate, type KeyUsage, type ParsedCert } from './parseCertificate.js';

export type { CertPathErrorCode, PathFailure, PathResult } from './lib/result.js';

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
};

export const pathDefaults = { maxPathLength: 8, requiredLeafKeyUsage: ['digitalSignature'] as readonly KeyUsage[] } as const;

/**
 * Basic certificate path validation (RFC 5280 §6.1) with CRL revocation checking (§6.3).
 * Builds a path from `leaf` through `intermediates` to one of `trustAnchors`, then checks
 * signatures, validity at `at` (anchor included), basicConstraints and pathLenConstraint,
 * keyCertSign, critical extensions, the leaf's keyUsage and, with `revocation: 'require'`, CRLs.
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
  requiredLeafKeyUsage = pathDefaults.requiredLeafKeyUsage,
}: VerifyCertificatePathOptions): PathResult {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new GcisError('ERR_INVALID_INPUT', '`at` must be a valid Date.');
  if (revocation !== 'require' && revocation !== 'skip') throw new GcisError('ERR_INVALID_INPUT', "`revocation` must be 'require' or 'skip'.");
  if (trustAnchors.length === 0) throw new GcisError('ERR_INVALID_INPUT', 'At least one trust anchor is needed.');
  if (!Number.isInteger(maxPathLength) || maxPathLength < 2) throw new GcisError('ERR_INVALID_INPUT', '`maxPathLength` must be an integer ≥ 2.');
  const built = buildPath(parsed(leaf), {
    anchors: trustAnchors.map(parsed),
    intermediates: intermediates.map(parsed),
    maxPathLength,
  });
  if (!Array.isArray(built)) return built;
  const failure =
    checkPathRules(built, at, requiredLeafKeyUsage) ??
    (revocation === 'require' ? checkRevocation(built, crls.map(loaded), at) : undefined);
  return failure ?? { ok: true, path: built };
}

const parsed = (input: CertificateInput): ParsedCert => (input instanceof Uint8Array ? parseCertificate(input) : input);
const loaded = (input: CrlInput): LoadedCrl => (input instanceof Uint8Array ? loadCrl(input) : input);
