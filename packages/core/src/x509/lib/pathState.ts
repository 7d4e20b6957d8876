import type { NameConstraintState } from './nameConstraints.js';
import type { PolicyTree } from './policyTree.js';

/** The user inputs of RFC 5280 §6.1.1 (c)–(f) that concern policies. */
export type PolicyInputs = {
  /** user-initial-policy-set; absent = any-policy. */
  initialPolicySet?: readonly string[];
  /** initial-explicit-policy: the path must be valid for at least one policy of the set. */
  explicitPolicy?: boolean;
  /** initial-policy-mapping-inhibit */
  inhibitPolicyMapping?: boolean;
  /** initial-any-policy-inhibit */
  inhibitAnyPolicy?: boolean;
};

/** The state variables of §6.1.2, carried from the anchor down the path. */
export type PathState = {
  /** n: certificates in the path below the trust anchor. */
  readonly length: number;
  policyTree: PolicyTree;
  /** explicit_policy, inhibit_anyPolicy, policy_mapping: certificates left before each takes effect. */
  explicitPolicy: number;
  inhibitAnyPolicy: number;
  policyMapping: number;
  nameConstraints: NameConstraintState;
  /** max_path_length: non-self-issued intermediates still allowed. */
  maxPathLength: number;
};
