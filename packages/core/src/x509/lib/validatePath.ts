import { isGcisError } from '../../errors.js';
import type { KeyUsage, ParsedCert } from '../parseCertificate.js';
import { sameName } from './compareNames.js';
import { recognisedExtensions } from './extensions.js';
import { addNameConstraints, noNameConstraints } from './nameConstraints.js';
import type { PathState, PolicyInputs } from './pathState.js';
import { createPolicyTree } from './policyTree.js';
import { prepareNextCertificate } from './prepareNextCertificate.js';
import { processCertificate } from './processCertificate.js';
import { readPathExtensions, type PathExtensions } from './readPathExtensions.js';
import { describe, fail, type PathFailure } from './result.js';
import { wrapUp } from './wrapUp.js';

export type ValidationInputs = { at: Date; requiredLeafKeyUsage: readonly KeyUsage[]; policy: PolicyInputs };

/**
 * RFC 5280 §6.1 on a built path (leaf first, anchor last), walked from the anchor down:
 * initialisation (§6.1.2), each certificate (§6.1.3), each CA's hand-over to the next (§6.1.4)
 * and the wrap-up (§6.1.5). Signatures and name chaining were checked while building.
 * By design the anchor certificate's own validity, critical extensions, basicConstraints,
 * pathLenConstraint, keyCertSign and nameConstraints count too (RFC 5937's reading of an
 * anchor that is a certificate); its policies do not, as §6.1 takes none from the anchor.
 */
export function validatePath(path: readonly ParsedCert[], { at, requiredLeafKeyUsage, policy }: ValidationInputs): { policies: string[]; userNotices: string[] } | PathFailure {
  const length = path.length - 1;
  // §6.1.2 (d)–(f): 0 when the user input asks for the rule from the start, else n + 1.
  const initial = (fromTheStart: boolean | undefined) => (fromTheStart ? 0 : length + 1);
  const state: PathState = {
    length,
    policyTree: createPolicyTree(),
    explicitPolicy: initial(policy.explicitPolicy),
    inhibitAnyPolicy: initial(policy.inhibitAnyPolicy),
    policyMapping: initial(policy.inhibitPolicyMapping),
    nameConstraints: noNameConstraints,
    maxPathLength: length,
  };
  const anchor = path[length]!;
  const anchorFailure = withExtensions(anchor, (extensions) => {
    if (extensions.nameConstraints) state.nameConstraints = addNameConstraints(state.nameConstraints, extensions.nameConstraints);
    return checkValidity(anchor, at) ?? checkCriticalExtensions(anchor) ?? checkAnchorRole(anchor, state);
  });
  if (anchorFailure) return anchorFailure;
  for (let depth = 1; depth < length; depth++) {
    const cert = path[length - depth]!;
    const selfIssued = sameName(cert.subjectDer, cert.issuerDer);
    const failure = withExtensions(
      cert,
      (extensions) =>
        checkValidity(cert, at) ??
        processCertificate(cert, extensions, depth, selfIssued, state) ??
        checkCriticalExtensions(cert) ??
        prepareNextCertificate(cert, extensions, depth, selfIssued, state),
    );
    if (failure) return failure;
  }
  const leaf = path[0]!;
  const initialPolicySet = policy.initialPolicySet && new Set(policy.initialPolicySet);
  return withExtensions(
    leaf,
    (extensions) =>
      checkValidity(leaf, at) ??
      processCertificate(leaf, extensions, length, false, state) ??
      checkCriticalExtensions(leaf) ??
      wrapUp(leaf, extensions, state, initialPolicySet, requiredLeafKeyUsage),
  );
}

/**
 * The anchor as an issuer: a CA if it says (a v1 root says nothing: §6.1 takes the anchor as
 * trusted input), its pathLenConstraint bounding the intermediates, keyCertSign if it has keyUsage.
 */
function checkAnchorRole(anchor: ParsedCert, state: PathState): PathFailure | undefined {
  const constraints = anchor.basicConstraints;
  if (constraints && !constraints.cA) return fail('ERR_CERT_PATH', `${describe(anchor)} issued a certificate but is not a CA (basicConstraints cA).`);
  if (constraints?.pathLenConstraint !== undefined) state.maxPathLength = Math.min(state.maxPathLength, constraints.pathLenConstraint);
  if (anchor.keyUsage && !anchor.keyUsage.has('keyCertSign')) {
    return fail('ERR_CERT_USAGE', `${describe(anchor)} issued a certificate but its keyUsage lacks keyCertSign.`);
  }
  return undefined;
}

/** Runs `step` with the certificate's extensions read; a malformed one is ERR_CERT_MALFORMED. */
function withExtensions<T>(cert: ParsedCert, step: (extensions: PathExtensions) => T): T | PathFailure {
  let extensions: PathExtensions;
  try {
    extensions = readPathExtensions(cert);
  } catch (error) {
    if (!isGcisError(error, 'ERR_INVALID_INPUT')) throw error;
    return fail('ERR_CERT_MALFORMED', `${describe(cert)} has a malformed extension: ${error.message}`);
  }
  return step(extensions);
}

/** §6.1.3 (a)(2): notBefore ≤ at ≤ notAfter, both inclusive (§4.1.2.5). */
function checkValidity(cert: ParsedCert, at: Date): PathFailure | undefined {
  if (at.getTime() < cert.notBefore.getTime()) return fail('ERR_CERT_NOT_YET_VALID', `${describe(cert)} is not valid before ${cert.notBefore.toISOString()}.`);
  if (at.getTime() > cert.notAfter.getTime()) return fail('ERR_CERT_EXPIRED', `${describe(cert)} expired at ${cert.notAfter.toISOString()}.`);
  return undefined;
}

/** §6.1.4 (o), §6.1.5 (f): a critical extension not processed here stops the path. */
function checkCriticalExtensions(cert: ParsedCert): PathFailure | undefined {
  const unknown = cert.extensions.find((e) => e.critical && !recognisedExtensions.has(e.oid));
  if (unknown) return fail('ERR_CERT_EXTENSION', `${describe(cert)} has critical extension ${unknown.oid}, which is not supported.`);
  return undefined;
}
