import type { ParsedCert } from '../parseCertificate.js';
import { formatName } from './formatName.js';
import type { GeneralName } from './generalNames.js';
import { checkNameConstraints, constrainedNames, hasNameConstraints } from './nameConstraints.js';
import type { PathState } from './pathState.js';
import { addCertificatePolicies } from './policyTree.js';
import type { PathExtensions } from './readPathExtensions.js';
import { describe, fail, type PathFailure } from './result.js';

/**
 * RFC 5280 §6.1.3: the checks on certificate `depth` (1 = just below the anchor, `state.length` =
 * the leaf) and the growth of the policy tree. The signature (a)(1) and name chaining (a)(4)
 * were checked while the path was built; revocation (a)(3) is §6.3's; validity (a)(2) is checked
 * for the anchor too, so the caller does it for every certificate.
 */
export function processCertificate(cert: ParsedCert, extensions: PathExtensions, depth: number, selfIssued: boolean, state: PathState): PathFailure | undefined {
  const isLeaf = depth === state.length;
  // (b)–(c): a self-issued intermediate (key rollover) is the CA itself, so its names are not constrained.
  if ((!selfIssued || isLeaf) && hasNameConstraints(state.nameConstraints)) {
    const check = checkNameConstraints(state.nameConstraints, constrainedNames(cert.subjectDer, extensions.altNames));
    if (!check.ok) {
      const why = check.reason === 'excluded' ? 'is in an excluded subtree' : check.reason === 'not-permitted' ? 'is not in the permitted subtrees' : 'cannot be checked against a constraint of its form';
      return fail('ERR_CERT_NAME_CONSTRAINTS', `${describe(cert)}: its ${check.name.type} name ${nameText(check.name)} ${why} (RFC 5280 §6.1.3 (b)–(c)).`);
    }
  }
  // (d)–(e): without certificatePolicies the tree becomes NULL.
  if (extensions.policies) {
    const anyPolicyAllows = state.inhibitAnyPolicy > 0 || (!isLeaf && selfIssued);
    const grown = addCertificatePolicies(state.policyTree, depth, extensions.policies, anyPolicyAllows);
    if (grown === 'too-large') return fail('ERR_CERT_POLICY', `${describe(cert)}: the policy tree grows past its limit.`);
    state.policyTree = grown;
  } else {
    state.policyTree = null;
  }
  // (f)
  if (state.explicitPolicy === 0 && state.policyTree === null) {
    return fail('ERR_CERT_POLICY', `${describe(cert)}: no valid policy is left and an explicit policy is required (RFC 5280 §6.1.3 (f)).`);
  }
  return undefined;
}

const nameText = (name: GeneralName) =>
  name.type === 'ip' ? Buffer.from(name.value).toString('hex') : name.type === 'dn' ? `"${formatName(name.value)}"` : name.type === 'other' ? `[${name.tagNumber}]` : JSON.stringify(name.value);
