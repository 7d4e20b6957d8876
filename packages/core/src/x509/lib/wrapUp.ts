import type { KeyUsage, ParsedCert } from '../parseCertificate.js';
import type { PathState } from './pathState.js';
import { intersectPolicyTree, branchQualifiers, validPolicies } from './policyTree.js';
import { readUserNotices } from './readUserNotices.js';
import type { PathExtensions } from './readPathExtensions.js';
import { describe, fail, type PathFailure } from './result.js';

/**
 * RFC 5280 §6.1.5 on the leaf: the last explicit-policy rules (a)–(b), the intersection of the
 * policy tree with the user's initial policy set (g), and the application's keyUsage
 * requirement. Returns the valid policy OIDs and the user notices the path attaches to them
 * (§4.2.1.4: to be shown to the relying party), or the failure.
 */
export function wrapUp(
  leaf: ParsedCert,
  extensions: PathExtensions,
  state: PathState,
  initialPolicySet: ReadonlySet<string> | undefined,
  requiredLeafKeyUsage: readonly KeyUsage[],
): { policies: string[]; userNotices: string[] } | PathFailure {
  if (state.explicitPolicy > 0) state.explicitPolicy--;
  if (extensions.policyConstraints?.requireExplicitPolicy === 0) state.explicitPolicy = 0;
  state.policyTree = intersectPolicyTree(state.policyTree, state.length, initialPolicySet);
  if (state.explicitPolicy === 0 && state.policyTree === null) {
    return fail('ERR_CERT_POLICY', `${describe(leaf)}: the path is valid for no acceptable policy and an explicit policy is required (RFC 5280 §6.1.5 (g)).`);
  }
  // A leaf without keyUsage is unrestricted (§4.2.1.3), so only a present extension can refuse.
  const missing = requiredLeafKeyUsage.filter((usage) => leaf.keyUsage && !leaf.keyUsage.has(usage));
  if (missing.length > 0) return fail('ERR_CERT_USAGE', `${describe(leaf)} may not be used for ${missing.join(', ')} (keyUsage).`);
  const userNotices = [...new Set(branchQualifiers(state.policyTree, state.length).flatMap(readUserNotices))];
  return { policies: validPolicies(state.policyTree, state.length), userNotices };
}
