import type { ParsedCert } from '../parseCertificate.js';
import { addNameConstraints } from './nameConstraints.js';
import type { PathState } from './pathState.js';
import { applyPolicyMappings } from './policyTree.js';
import { anyPolicy } from './readPolicyExtensions.js';
import type { PathExtensions } from './readPathExtensions.js';
import { describe, fail, type PathFailure } from './result.js';

/**
 * RFC 5280 §6.1.4: what intermediate `depth` (a CA) passes down to the certificates below it —
 * policy mappings (a)–(b), name constraints (g), the policy counters (h)–(j) — and the checks
 * that it may issue at all: cA (k), the path length (l)–(m), keyCertSign (n). Critical
 * extensions (o) are checked by the caller for every certificate.
 */
export function prepareNextCertificate(cert: ParsedCert, extensions: PathExtensions, depth: number, selfIssued: boolean, state: PathState): PathFailure | undefined {
  const mappings = extensions.policyMappings;
  if (mappings) {
    // (a): anyPolicy cannot be mapped, nor mapped to.
    if (mappings.some((m) => m.issuerDomainPolicy === anyPolicy || m.subjectDomainPolicy === anyPolicy)) {
      return fail('ERR_CERT_POLICY', `${describe(cert)} maps anyPolicy in policyMappings (RFC 5280 §6.1.4 (a)).`);
    }
    const mapped = applyPolicyMappings(state.policyTree, depth, mappings, state.policyMapping > 0);
    if (mapped === 'too-large') return fail('ERR_CERT_POLICY', `${describe(cert)}: the policy tree grows past its limit.`);
    state.policyTree = mapped;
  }
  if (extensions.nameConstraints) state.nameConstraints = addNameConstraints(state.nameConstraints, extensions.nameConstraints);
  // (h): a self-issued certificate (key rollover) does not use up the skip counts.
  if (!selfIssued) {
    if (state.explicitPolicy > 0) state.explicitPolicy--;
    if (state.policyMapping > 0) state.policyMapping--;
    if (state.inhibitAnyPolicy > 0) state.inhibitAnyPolicy--;
  }
  // (i)–(j): a CA may tighten the counts, never loosen them.
  const { requireExplicitPolicy, inhibitPolicyMapping } = extensions.policyConstraints ?? {};
  if (requireExplicitPolicy !== undefined) state.explicitPolicy = Math.min(state.explicitPolicy, requireExplicitPolicy);
  if (inhibitPolicyMapping !== undefined) state.policyMapping = Math.min(state.policyMapping, inhibitPolicyMapping);
  if (extensions.inhibitAnyPolicy !== undefined) state.inhibitAnyPolicy = Math.min(state.inhibitAnyPolicy, extensions.inhibitAnyPolicy);
  return checkIssuerRole(cert, selfIssued, state);
}

/** (k)–(n): a CA (basicConstraints cA), within the path length, allowed keyCertSign. */
export function checkIssuerRole(cert: ParsedCert, selfIssued: boolean, state: PathState): PathFailure | undefined {
  if (!cert.basicConstraints?.cA) {
    return fail('ERR_CERT_PATH', `${describe(cert)} issued a certificate but is not a CA (basicConstraints cA).`);
  }
  // (l): a self-issued certificate does not count towards the limit.
  if (!selfIssued) {
    if (state.maxPathLength <= 0) return fail('ERR_CERT_PATH', `${describe(cert)} is one CA more than the path length constraints above it allow.`);
    state.maxPathLength--;
  }
  // (m)
  const pathLen = cert.basicConstraints.pathLenConstraint;
  if (pathLen !== undefined) state.maxPathLength = Math.min(state.maxPathLength, pathLen);
  // (n)
  if (cert.keyUsage && !cert.keyUsage.has('keyCertSign')) {
    return fail('ERR_CERT_USAGE', `${describe(cert)} issued a certificate but its keyUsage lacks keyCertSign.`);
  }
  return undefined;
}
