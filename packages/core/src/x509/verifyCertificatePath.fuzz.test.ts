import { describe, expect, it } from 'vitest';
import {
  buildTestChain,
  certificateIssuer,
  certificatePolicies,
  crlDistributionPoints,
  deltaCrlIndicator,
  encodeName,
  inhibitAnyPolicy,
  issuingDistributionPoint,
  nameConstraints,
  policyConstraints,
  policyMappings,
  subjectAltName,
} from './testing/index.js';
import { verifyCertificatePath } from './index.js';

// Data never makes verifyCertificatePath throw (issue 9, point 4): seeded byte changes and
// truncations of every input of a chain that uses every extension §6.1 and §6.3 read.
const [p1, p2] = ['1.3.6.1.4.1.99999.30.1', '1.3.6.1.4.1.99999.30.2'];
const chain = buildTestChain([
  {},
  {
    extensions: [
      certificatePolicies([p1, '2.5.29.32.0']),
      policyMappings([[p1, p2]]),
      policyConstraints({ requireExplicitPolicy: 2, inhibitPolicyMapping: 2 }),
      inhibitAnyPolicy(1),
      nameConstraints({
        permitted: [{ dn: [['C', 'TW']] }, { dns: 'example.com' }, { email: '.example.com' }, { uri: '.example.com' }, { ip: [10, 0, 0, 0, 255, 0, 0, 0] }],
        excluded: [{ dns: 'secret.example.com' }],
      }),
    ],
  },
  {
    extensions: [
      certificatePolicies([p2]),
      subjectAltName([{ dns: 'www.example.com' }, { email: 'a@mail.example.com' }, { uri: 'https://www.example.com/' }, { ip: [10, 1, 1, 1] }]),
      crlDistributionPoints([{ fullName: [{ uri: 'http://crl.example.com/ca.crl' }] }]),
    ],
  },
]);
const complete = chain.crl(1, {
  crlNumber: 3,
  revoked: [{ serialHex: '0badc0de', revocationDate: chain.now, reasonCode: 1, extraExtensions: [certificateIssuer(encodeName(chain.parties[1]!.name))] }],
  extraExtensions: [issuingDistributionPoint({ fullName: [{ uri: 'http://crl.example.com/ca.crl' }], indirectCrl: true })],
});
const delta = chain.crl(1, {
  crlNumber: 4,
  revoked: [{ serialHex: '0badc0df', revocationDate: chain.now, reasonCode: 8 }],
  extraExtensions: [deltaCrlIndicator(3), issuingDistributionPoint({ fullName: [{ uri: 'http://crl.example.com/ca.crl' }], indirectCrl: true })],
});
const inputs = { leaf: chain.leaf, intermediate: chain.intermediates[0]!, complete, delta };
const verify = ({ leaf, intermediate, complete, delta }: typeof inputs) =>
  verifyCertificatePath({
    leaf,
    intermediates: [intermediate],
    trustAnchors: chain.trustAnchors,
    crls: [chain.crl(0), complete, delta],
    at: chain.now,
    revocation: 'require',
    policy: { explicitPolicy: true },
  });

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('verifyCertificatePath on damaged inputs', () => {
  it('accepts the undamaged chain, so every refusal below comes from the damage', () => {
    const result = verify(inputs);
    expect(result.ok ? result.policies : result.code).toEqual([p1]);
  });

  it.each(Object.keys(inputs) as Array<keyof typeof inputs>)('never throws, and never accepts, when the %s is damaged', (which) => {
    const next = random(0x9e3779b9 + which.length);
    for (let round = 0; round < 150; round++) {
      const original = inputs[which];
      const damaged = new Uint8Array(original);
      const flips = 1 + Math.floor(next() * 3);
      for (let i = 0; i < flips; i++) damaged[Math.floor(next() * damaged.length)]! ^= 1 + Math.floor(next() * 255);
      const truncated = original.subarray(0, Math.floor(next() * original.length));
      for (const bytes of [damaged, truncated]) {
        const result = verify({ ...inputs, [which]: bytes });
        // A damaged delta CRL may simply no longer count as one; everything else must be refused.
        if (which !== 'delta') expect(result.ok, `round ${round}`).toBe(false);
      }
    }
  });
});
