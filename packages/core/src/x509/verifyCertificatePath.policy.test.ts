import { describe, expect, it } from 'vitest';
import {
  buildTestChain,
  certificatePolicies,
  inhibitAnyPolicy,
  policyConstraints,
  policyMappings,
  type ChainLevel,
} from './testing/index.js';
import { verifyCertificatePath, type PolicyInputs } from './index.js';

// RFC 5280 §6.1 policy processing, rule by rule, on generated chains (root → CA → … → leaf).
const [p1, p2, p3] = ['1.3.6.1.4.1.99999.10.1', '1.3.6.1.4.1.99999.10.2', '1.3.6.1.4.1.99999.10.3'];
const anyPolicy = '2.5.29.32.0';

/** 'ok [policies]' or the refusal code, for a chain built from `levels` (root first). */
function outcome(levels: ChainLevel[], policy: PolicyInputs = {}) {
  const chain = buildTestChain(levels);
  const result = verifyCertificatePath({
    leaf: chain.leaf,
    intermediates: chain.intermediates,
    trustAnchors: chain.trustAnchors,
    at: chain.now,
    revocation: 'skip',
    policy,
  });
  return result.ok ? `ok [${[...result.policies].sort().join(' ')}]` : result.code;
}
const policies = (...oids: string[]): ChainLevel => ({ extensions: [certificatePolicies(oids)] });
const root: ChainLevel = {};

describe('certificate policies (RFC 5280 §6.1.3 (d)–(f))', () => {
  it('returns the policy every certificate asserts', () => {
    expect(outcome([root, policies(p1), policies(p1)])).toBe(`ok [${p1}]`);
  });

  it('returns only the policies the whole path carries', () => {
    expect(outcome([root, policies(p1, p2), policies(p2, p3)])).toBe(`ok [${p2}]`);
  });

  it('lets anyPolicy in a CA stand for whatever the leaf asserts', () => {
    expect(outcome([root, policies(anyPolicy), policies(p2)])).toBe(`ok [${p2}]`);
  });

  it('makes the tree NULL where a certificate has no policies, which counts only when an explicit policy is required', () => {
    expect(outcome([root, {}, policies(p1)])).toBe('ok []');
    expect(outcome([root, {}, policies(p1)], { explicitPolicy: true })).toBe('ERR_CERT_POLICY');
  });

  it('intersects with the initial policy set only when asked, and refuses an empty result only under explicit policy', () => {
    expect(outcome([root, policies(p1), policies(p1)], { initialPolicySet: [p2] })).toBe('ok []');
    expect(outcome([root, policies(p1), policies(p1)], { initialPolicySet: [p2], explicitPolicy: true })).toBe('ERR_CERT_POLICY');
    expect(outcome([root, policies(p1, p2), policies(p1, p2)], { initialPolicySet: [p2], explicitPolicy: true })).toBe(`ok [${p2}]`);
  });

  it('turns an anyPolicy leaf into the policies the user asked for (§6.1.5 (g)(iii)(3))', () => {
    expect(outcome([root, policies(anyPolicy), policies(anyPolicy)], { initialPolicySet: [p1, p2] })).toBe(`ok [${p1} ${p2}]`);
  });

  it('refuses a certificate that lists a policy twice (§4.2.1.4) as malformed', () => {
    expect(outcome([root, policies(p1, p1), policies(p1)])).toBe('ERR_CERT_MALFORMED');
  });
});

describe('requireExplicitPolicy (§4.2.1.11, §6.1.4 (i))', () => {
  const requiring = (skipCerts: number, ...oids: string[]): ChainLevel => ({
    extensions: [policyConstraints({ requireExplicitPolicy: skipCerts }), ...(oids.length ? [certificatePolicies(oids)] : [])],
  });

  it('requires a policy from the certificate after skipCerts onwards', () => {
    expect(outcome([root, requiring(0, p1), {}])).toBe('ERR_CERT_POLICY');
    expect(outcome([root, requiring(0, p1), policies(p1)])).toBe(`ok [${p1}]`);
  });

  it('counts down over the certificates below, the wrap-up of the leaf included (§6.1.5 (a))', () => {
    expect(outcome([root, requiring(3), {}, {}])).toBe('ok []');
    expect(outcome([root, requiring(2), {}, {}])).toBe('ERR_CERT_POLICY');
  });

  it('does not count a self-issued certificate towards the skip (§6.1.4 (h))', () => {
    const rollover: ChainLevel = { selfIssued: true, extensions: [certificatePolicies([p1])] };
    expect(outcome([root, requiring(3, p1), rollover, policies(p1), {}])).toBe('ok []');
    expect(outcome([root, requiring(2, p1), rollover, policies(p1), {}])).toBe('ERR_CERT_POLICY');
  });

  it('cannot be loosened by a later CA', () => {
    expect(outcome([root, requiring(0, p1), requiring(5, p1), {}])).toBe('ERR_CERT_POLICY');
  });

  it('applies on the leaf itself with skipCerts 0 (§6.1.5 (b))', () => {
    expect(outcome([root, {}, requiring(0)])).toBe('ERR_CERT_POLICY');
  });
});

describe('policy mappings (§6.1.4 (a)–(b))', () => {
  const mapping = (...pairs: Array<[string, string]>): ChainLevel => ({ extensions: [certificatePolicies([p1]), policyMappings(pairs)] });

  it('lets the leaf assert the mapped policy and reports the policy in the anchor\'s domain', () => {
    expect(outcome([root, mapping([p1, p2]), policies(p2)], { initialPolicySet: [p1], explicitPolicy: true })).toBe(`ok [${p1}]`);
  });

  it('drops the mapped policy when mapping is inhibited by the user', () => {
    expect(outcome([root, mapping([p1, p2]), policies(p2)], { inhibitPolicyMapping: true, explicitPolicy: true })).toBe('ERR_CERT_POLICY');
  });

  it('drops it when a CA above inhibits mapping (inhibitPolicyMapping 0)', () => {
    const inhibiting: ChainLevel = { extensions: [certificatePolicies([p1]), policyConstraints({ inhibitPolicyMapping: 0 })] };
    expect(outcome([root, inhibiting, mapping([p1, p2]), policies(p2)], { explicitPolicy: true })).toBe('ERR_CERT_POLICY');
    expect(outcome([root, inhibiting, mapping([p1, p2]), policies(p1)], { explicitPolicy: true })).toBe('ERR_CERT_POLICY');
  });

  it('maps through an anyPolicy node when the CA asserts anyPolicy', () => {
    const anyMapping: ChainLevel = { extensions: [certificatePolicies([anyPolicy]), policyMappings([[p1, p3]])] };
    expect(outcome([root, anyMapping, policies(p3)], { initialPolicySet: [p1], explicitPolicy: true })).toBe(`ok [${p1}]`);
  });

  it('refuses a mapping from or to anyPolicy', () => {
    expect(outcome([root, mapping([anyPolicy, p2]), policies(p2)])).toBe('ERR_CERT_POLICY');
    expect(outcome([root, mapping([p1, anyPolicy]), policies(p1)])).toBe('ERR_CERT_POLICY');
  });
});

describe('inhibitAnyPolicy (§4.2.1.14, §6.1.3 (d)(2))', () => {
  it('stops anyPolicy from counting below a CA that inhibits it', () => {
    const inhibiting: ChainLevel = { extensions: [certificatePolicies([p1]), inhibitAnyPolicy(0)] };
    expect(outcome([root, inhibiting, policies(anyPolicy)], { explicitPolicy: true })).toBe('ERR_CERT_POLICY');
    expect(outcome([root, inhibiting, policies(p1)], { explicitPolicy: true })).toBe(`ok [${p1}]`);
  });

  it('stops it from the start with the user input', () => {
    expect(outcome([root, policies(anyPolicy), policies(anyPolicy)], { inhibitAnyPolicy: true, explicitPolicy: true })).toBe('ERR_CERT_POLICY');
    expect(outcome([root, policies(anyPolicy), policies(anyPolicy)], { explicitPolicy: true })).toBe(`ok [${anyPolicy}]`);
  });

  it('still lets anyPolicy through a self-issued intermediate (§6.1.3 (d)(2))', () => {
    const inhibiting: ChainLevel = { extensions: [certificatePolicies([p1]), inhibitAnyPolicy(0)] };
    expect(outcome([root, inhibiting, { selfIssued: true, extensions: [certificatePolicies([anyPolicy])] }, policies(p1)], { explicitPolicy: true })).toBe(`ok [${p1}]`);
  });
});

describe('bounded work', () => {
  it('ends with ERR_CERT_POLICY when mappings would grow the tree without bound', () => {
    // Every CA maps each of 12 policies to all 12: each level multiplies the nodes by 12.
    const oids = Array.from({ length: 12 }, (_, i) => `1.3.6.1.4.1.99999.20.${i}`);
    const pairs = oids.flatMap((from) => oids.map((to) => [from, to] as [string, string]));
    const exploding: ChainLevel = { extensions: [certificatePolicies(oids), policyMappings(pairs)] };
    expect(outcome([root, exploding, exploding, exploding, exploding, policies(...oids)])).toBe('ERR_CERT_POLICY');
  });

  it('rejects an initial policy set that is not a list of OIDs as misuse', () => {
    expect(() => outcome([root, policies(p1)], { initialPolicySet: ['not an oid'] })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });
});
