import { describe, expect, it } from 'vitest';
import { addCertificatePolicies, applyPolicyMappings, createPolicyTree, intersectPolicyTree, validPolicies, type PolicyTree } from './policyTree.js';
import { anyPolicy } from './readPolicyExtensions.js';

// The valid_policy_tree operations of RFC 5280 §6.1.3 (d), §6.1.4 (b) and §6.1.5 (g), on their own.
const [a, b, c] = ['1.2.3.1', '1.2.3.2', '1.2.3.3'];
const asserted = (...policies: string[]) => policies.map((policy) => ({ policy, qualifiers: undefined }));
/** Each level as `policy{expected…}` strings, for readable expectations. */
const shape = (tree: PolicyTree) =>
  tree?.levels.map((level) => level.map((node) => `${node.validPolicy === anyPolicy ? 'any' : node.validPolicy}{${[...node.expectedPolicySet].map((p) => (p === anyPolicy ? 'any' : p)).join(',')}}`)) ?? null;
const grow = (tree: PolicyTree | 'too-large', depth: number, policies: string[], anyAllowed = true) => {
  if (tree === 'too-large') throw new Error('tree too large');
  return addCertificatePolicies(tree, depth, asserted(...policies), anyAllowed);
};

describe('valid_policy_tree', () => {
  it('(d)(1): hangs each asserted policy under the anyPolicy root', () => {
    expect(shape(grow(createPolicyTree(), 1, [a, b]) as PolicyTree)).toEqual([['any{any}'], [`${a}{${a}}`, `${b}{${b}}`]]);
  });

  it('(d)(1)(i): hangs a policy under the nodes that expect it, not under anyPolicy as well', () => {
    const tree = grow(grow(createPolicyTree(), 1, [a, anyPolicy]), 2, [a]) as PolicyTree;
    expect(shape(tree)).toEqual([['any{any}'], [`${a}{${a}}`], [`${a}{${a}}`]]);
  });

  it('(d)(2): anyPolicy carries down every expected policy no child carries yet, unless inhibited', () => {
    const first = grow(createPolicyTree(), 1, [a, b]);
    expect(shape(grow(first, 2, [anyPolicy]) as PolicyTree)).toEqual([['any{any}'], [`${a}{${a}}`, `${b}{${b}}`], [`${a}{${a}}`, `${b}{${b}}`]]);
    expect(grow(grow(createPolicyTree(), 1, [a, b]), 2, [anyPolicy], false)).toBeNull();
  });

  it('(d)(3): prunes the branches the new certificate did not continue', () => {
    const tree = grow(grow(createPolicyTree(), 1, [a, b]), 2, [b]) as PolicyTree;
    expect(shape(tree)).toEqual([['any{any}'], [`${b}{${b}}`], [`${b}{${b}}`]]);
    expect(grow(grow(createPolicyTree(), 1, [a]), 2, [c])).toBeNull();
  });

  it('(b)(1): a mapping sets what a node expects below it, or adds a node under anyPolicy', () => {
    const mapped = applyPolicyMappings(grow(createPolicyTree(), 1, [a]) as PolicyTree, 1, [{ issuerDomainPolicy: a, subjectDomainPolicy: c }], true) as PolicyTree;
    expect(shape(mapped)).toEqual([['any{any}'], [`${a}{${c}}`]]);
    const throughAny = applyPolicyMappings(grow(createPolicyTree(), 1, [anyPolicy]) as PolicyTree, 1, [{ issuerDomainPolicy: a, subjectDomainPolicy: c }], true) as PolicyTree;
    expect(shape(throughAny)).toEqual([['any{any}'], ['any{any}', `${a}{${c}}`]]);
    expect(validPolicies(grow(throughAny, 2, [c]) as PolicyTree, 2)).toEqual([a]);
  });

  it('(b)(2): with mapping inhibited, the mapped nodes go', () => {
    const tree = applyPolicyMappings(grow(createPolicyTree(), 1, [a, b]) as PolicyTree, 1, [{ issuerDomainPolicy: a, subjectDomainPolicy: c }], false) as PolicyTree;
    expect(shape(tree)).toEqual([['any{any}'], [`${b}{${b}}`]]);
  });

  it('§6.1.5 (g): keeps what the user asked for, and turns an anyPolicy leaf into it', () => {
    const specific = grow(grow(createPolicyTree(), 1, [a, b]), 2, [a, b]) as PolicyTree;
    expect(validPolicies(intersectPolicyTree(specific, 2, new Set([b, c])), 2)).toEqual([b]);
    const open = grow(grow(createPolicyTree(), 1, [anyPolicy]), 2, [anyPolicy]) as PolicyTree;
    expect(validPolicies(intersectPolicyTree(open, 2, new Set([b, c])), 2).sort()).toEqual([b, c]);
    expect(intersectPolicyTree(grow(createPolicyTree(), 1, [a]) as PolicyTree, 1, new Set([c]))).toBeNull();
  });
});
