import { anyPolicy, type PolicyInformation } from './readPolicyExtensions.js';

/** A node of the valid_policy_tree (RFC 5280 §6.1.2 (a)). */
export type PolicyNode = {
  readonly validPolicy: string;
  /** DER of the policyQualifiers that came with the policy, if any. */
  readonly qualifiers: Uint8Array | undefined;
  expectedPolicySet: ReadonlySet<string>;
  readonly parent: PolicyNode | undefined;
  readonly children: PolicyNode[];
};

/** The tree as its levels: `levels[d]` holds the nodes of depth d. `null` is the NULL tree. */
export type PolicyTree = { readonly levels: PolicyNode[][] } | null;

/**
 * More nodes than this ends processing. The RFC's tree can grow exponentially with the path
 * (each mapping multiplies the nodes below), so a crafted chain could otherwise make one
 * validation run for minutes; real PKIs need a handful of nodes.
 */
export const maxPolicyNodes = 1000;
export type TooLarge = 'too-large';

/** §6.1.2 (a): the initial tree, one node of depth 0 for anyPolicy. */
export function createPolicyTree(): PolicyTree {
  return { levels: [[{ validPolicy: anyPolicy, qualifiers: undefined, expectedPolicySet: new Set([anyPolicy]), parent: undefined, children: [] }]] };
}

function addChild(tree: NonNullable<PolicyTree>, depth: number, parent: PolicyNode, validPolicy: string, qualifiers: Uint8Array | undefined, expected: ReadonlySet<string>): PolicyNode {
  const node: PolicyNode = { validPolicy, qualifiers, expectedPolicySet: expected, parent, children: [] };
  parent.children.push(node);
  (tree.levels[depth] ??= []).push(node);
  return node;
}

const size = (tree: NonNullable<PolicyTree>) => tree.levels.reduce((total, level) => total + level.length, 0);

/**
 * §6.1.3 (d): grows the tree by the certificatePolicies of certificate `depth` (1 = just below
 * the anchor). `anyPolicyAllows` is (d)(2)'s condition: inhibit_anyPolicy > 0, or a self-issued
 * intermediate. Prunes childless nodes above the new level, (d)(3).
 */
export function addCertificatePolicies(tree: PolicyTree, depth: number, policies: readonly PolicyInformation[], anyPolicyAllows: boolean): PolicyTree | TooLarge {
  if (!tree) return null;
  const parents = tree.levels[depth - 1] ?? [];
  tree.levels[depth] = [];
  const anyInCert = policies.find((p) => p.policy === anyPolicy);
  for (const { policy, qualifiers } of policies) {
    if (policy === anyPolicy) continue;
    // (d)(1)(i): under every node that expects this policy; (ii): else under an anyPolicy node.
    const expecting = parents.filter((node) => node.expectedPolicySet.has(policy));
    const under = expecting.length > 0 ? expecting : parents.filter((node) => node.validPolicy === anyPolicy).slice(0, 1);
    for (const parent of under) addChild(tree, depth, parent, policy, qualifiers, new Set([policy]));
    if (size(tree) > maxPolicyNodes) return 'too-large';
  }
  if (anyInCert && anyPolicyAllows) {
    // (d)(2): each policy a parent expects and no child of it carries yet, taken as asserted through anyPolicy.
    for (const parent of parents) {
      const carried = new Set(parent.children.map((child) => child.validPolicy));
      for (const expected of parent.expectedPolicySet) {
        if (!carried.has(expected)) addChild(tree, depth, parent, expected, anyInCert.qualifiers, new Set([expected]));
      }
      if (size(tree) > maxPolicyNodes) return 'too-large';
    }
  }
  return prune(tree, depth - 1);
}

/**
 * §6.1.4 (b): applies certificate `depth`'s policyMappings. With mapping allowed (policy_mapping
 * > 0) each node for an issuerDomainPolicy now expects the subject policies it maps to (one is
 * created under anyPolicy if needed); otherwise those nodes are deleted. The caller has already
 * refused mappings from or to anyPolicy, (a).
 */
export function applyPolicyMappings(
  tree: PolicyTree,
  depth: number,
  mappings: ReadonlyArray<{ issuerDomainPolicy: string; subjectDomainPolicy: string }>,
  mappingAllowed: boolean,
): PolicyTree | TooLarge {
  if (!tree) return null;
  const mapped = new Map<string, Set<string>>();
  for (const { issuerDomainPolicy, subjectDomainPolicy } of mappings) {
    const set = mapped.get(issuerDomainPolicy) ?? new Set<string>();
    set.add(subjectDomainPolicy);
    mapped.set(issuerDomainPolicy, set);
  }
  const level = tree.levels[depth] ?? [];
  if (!mappingAllowed) {
    for (const node of level.filter((n) => mapped.has(n.validPolicy))) remove(tree, depth, node);
    return prune(tree, depth - 1);
  }
  const anyNode = level.find((node) => node.validPolicy === anyPolicy);
  for (const [issuerPolicy, subjectPolicies] of mapped) {
    const nodes = level.filter((node) => node.validPolicy === issuerPolicy);
    for (const node of nodes) node.expectedPolicySet = subjectPolicies;
    if (nodes.length === 0 && anyNode) addChild(tree, depth, anyNode.parent!, issuerPolicy, anyNode.qualifiers, subjectPolicies);
  }
  return size(tree) > maxPolicyNodes ? 'too-large' : tree;
}

/**
 * §6.1.5 (g): the intersection of the tree with the user-initial-policy-set (undefined =
 * any-policy, which leaves the tree as it is). `depth` is n, the leaf's depth.
 */
export function intersectPolicyTree(tree: PolicyTree, depth: number, initialPolicySet: ReadonlySet<string> | undefined): PolicyTree {
  if (!tree || !initialPolicySet || initialPolicySet.has(anyPolicy)) return tree;
  // (iii)(1): the nodes whose parent is anyPolicy — where the authorities' own policies begin.
  const authorityNodes = () => tree.levels.flat().filter((node) => node.parent?.validPolicy === anyPolicy);
  // (iii)(2)
  for (const node of authorityNodes()) {
    if (node.validPolicy !== anyPolicy && !initialPolicySet.has(node.validPolicy)) remove(tree, tree.levels.findIndex((l) => l.includes(node)), node);
  }
  // (iii)(3): an anyPolicy leaf stands for each policy the user asked for that no node carries.
  const anyLeaf = (tree.levels[depth] ?? []).find((node) => node.validPolicy === anyPolicy);
  if (anyLeaf) {
    const carried = new Set(authorityNodes().map((node) => node.validPolicy));
    for (const policy of initialPolicySet) {
      if (!carried.has(policy)) addChild(tree, depth, anyLeaf.parent!, policy, anyLeaf.qualifiers, new Set([policy]));
    }
    remove(tree, depth, anyLeaf);
  }
  // (iii)(4)
  return prune(tree, depth - 1);
}

/**
 * The policies the path is valid for, in the trust anchor's domain: for each node of depth
 * `depth` (the leaf), the valid_policy of its ancestor just below an anyPolicy node — the
 * policy as the first CA asserted it, before any mapping (X.509's authorities-constrained set;
 * after §6.1.5 (g) with an initial set, the user-constrained one). anyPolicy when every
 * certificate asserted anyPolicy.
 */
export function validPolicies(tree: PolicyTree, depth: number): string[] {
  const policies = new Set<string>();
  for (let node of tree?.levels[depth] ?? []) {
    while (node.parent && node.parent.validPolicy !== anyPolicy) node = node.parent;
    policies.add(node.validPolicy);
  }
  return [...policies];
}

/**
 * The policyQualifiers (§6.1.2 (a): qualifier_set) of the branches that remain: of each node of
 * depth `depth` and its ancestors, leaf first — a CA's notice for a policy holds for the
 * certificates below it that carry that policy, mapped or through anyPolicy.
 */
export function branchQualifiers(tree: PolicyTree, depth: number): Uint8Array[] {
  const qualifiers = new Set<Uint8Array>();
  for (const leaf of tree?.levels[depth] ?? []) {
    for (let node: PolicyNode | undefined = leaf; node; node = node.parent) if (node.qualifiers) qualifiers.add(node.qualifiers);
  }
  return [...qualifiers];
}

/** Deletes `node` (of depth `depth`) and everything below it. */
function remove(tree: NonNullable<PolicyTree>, depth: number, node: PolicyNode): void {
  for (const child of [...node.children]) remove(tree, depth + 1, child);
  const level = tree.levels[depth]!;
  level.splice(level.indexOf(node), 1);
  if (node.parent) node.parent.children.splice(node.parent.children.indexOf(node), 1);
}

/** Deletes childless nodes from depth `from` up to the root; the tree is NULL when the root goes. */
function prune(tree: NonNullable<PolicyTree>, from: number): PolicyTree {
  for (let depth = from; depth >= 0; depth--) {
    for (const node of (tree.levels[depth] ?? []).filter((n) => n.children.length === 0)) remove(tree, depth, node);
  }
  return tree.levels[0]!.length === 0 ? null : tree;
}
