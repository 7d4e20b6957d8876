import { generateKeyPairSync } from 'node:crypto';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { extension, generateTestKeyPair, issueCertificate, type CertificateSpec, type NameSpec, type TestKeyPair } from './testing/index.js';
import { parseCertificate, verifyCertificatePath, type VerifyCertificatePathOptions } from './index.js';

// Hand-built chains for the path-building rules the standard test PKI has no variant for.
const now = new Date('2025-06-01T00:00:00Z');
const day = 86_400_000;
const window = { notBefore: new Date(now.getTime() - day), notAfter: new Date(now.getTime() + 365 * day) };
const caExtensions = { basicConstraints: { cA: true }, keyUsage: ['keyCertSign', 'cRLSign'] } as const;
let pairs: TestKeyPair[];

beforeAll(() => {
  pairs = Array.from({ length: 5 }, () => generateTestKeyPair('ec-p256'));
});

type Party = { name: NameSpec; pair: TestKeyPair };
const party = (cn: string, index: number): Party => ({ name: [['C', 'TW'], ['CN', cn]], pair: pairs[index]! });
const issue = (subject: Party, issuer: Party | undefined, spec: Partial<CertificateSpec> = {}) =>
  issueCertificate({
    subject: subject.name,
    publicKey: subject.pair.publicKey,
    ...(issuer ? { issuer: { name: issuer.name, ...issuer.pair } } : { privateKey: subject.pair.privateKey }),
    ...window,
    ...spec,
  }).der;
const leafSpec = { keyUsage: ['digitalSignature'] } as const;
const codeOf = (options: Omit<VerifyCertificatePathOptions, 'at' | 'revocation'>) => {
  const result = verifyCertificatePath({ at: now, revocation: 'skip', ...options });
  return result.ok ? `ok:${result.path.length}` : result.code;
};

describe('path building', () => {
  it('reports an untrusted leaf when its issuer is not given', () => {
    const root = party('Root', 0);
    const ca = party('CA', 1);
    const leaf = issue(party('Leaf', 2), ca, leafSpec);
    expect(codeOf({ leaf, trustAnchors: [issue(root, undefined, caExtensions)] })).toBe('ERR_CERT_UNTRUSTED');
  });

  it('accepts a leaf issued by the anchor directly, and parsed inputs', () => {
    const root = party('Root', 0);
    const anchor = parseCertificate(issue(root, undefined, caExtensions));
    expect(codeOf({ leaf: parseCertificate(issue(party('Leaf', 2), root, leafSpec)), trustAnchors: [anchor] })).toBe('ok:2');
  });

  it('tells apart two CAs with the same name by signature (MOICA G2 and G3 share one)', () => {
    const root = party('Root', 0);
    const [older, newer] = [party('Same CA', 1), party('Same CA', 3)];
    const intermediates = [issue(older, root, caExtensions), issue(newer, root, caExtensions)];
    const leaf = issue(party('Leaf', 2), newer, leafSpec);
    const trustAnchors = [issue(root, undefined, caExtensions)];
    expect(codeOf({ leaf, intermediates, trustAnchors })).toBe('ok:3');
    expect(codeOf({ leaf, intermediates: [...intermediates].reverse(), trustAnchors })).toBe('ok:3');
  });

  it('reports an untrusted leaf when its AKI names another key than the same-name anchor has', () => {
    const root = party('Root', 0);
    const impostor = { ...party('Root', 4) };
    const leaf = issue(party('Leaf', 2), impostor, leafSpec);
    expect(codeOf({ leaf, trustAnchors: [issue(root, undefined, caExtensions)] })).toBe('ERR_CERT_UNTRUSTED');
  });

  it('reports a bad signature when the issuer its AKI names (or one without AKI) did not sign', () => {
    const root = party('Root', 0);
    const trustAnchors = [issue(root, undefined, caExtensions)];
    expect(codeOf({ leaf: issue(party('Leaf', 2), root, { ...leafSpec, corruptSignature: true }), trustAnchors })).toBe('ERR_CERT_SIGNATURE');
    const forged = issue(party('Leaf', 2), { ...party('Root', 4) }, { ...leafSpec, authorityKeyIdentifier: false });
    expect(codeOf({ leaf: forged, trustAnchors })).toBe('ERR_CERT_SIGNATURE');
  });

  it('reports the untrusted root, not the same-name CA whose key failed, when a chain ends outside the anchors (MOICA G2 beside G3)', () => {
    const [root, stranger] = [party('Root', 0), party('Stranger Root', 4)];
    const [g2, g3] = [party('MOICA', 1), party('MOICA', 3)];
    const leaf = issue(party('Leaf', 2), g3, leafSpec);
    const intermediates = [issue(g2, root, caExtensions), issue(g3, stranger, caExtensions)];
    const trustAnchors = [issue(root, undefined, caExtensions)];
    expect(codeOf({ leaf, intermediates, trustAnchors })).toBe('ERR_CERT_UNTRUSTED');
    // Without key identifiers, G2's failed signature is met first and stays shallower than G3's missing root.
    const bare = { authorityKeyIdentifier: false, subjectKeyIdentifier: false } as const;
    const leafBare = issue(party('Leaf', 2), g3, { ...leafSpec, ...bare });
    expect(codeOf({ leaf: leafBare, intermediates: [issue(g2, root, { ...caExtensions, ...bare }), intermediates[1]!], trustAnchors })).toBe('ERR_CERT_UNTRUSTED');
  });

  it('falls back to another path when the first one found fails its checks (an expired cross-certificate)', () => {
    const [root, other] = [party('Root', 0), party('Other Root', 4)];
    const ca = party('CA', 1);
    const leaf = issue(party('Leaf', 2), ca, leafSpec);
    const expired = issue(ca, other, { ...caExtensions, notBefore: new Date(now.getTime() - 9 * day), notAfter: new Date(now.getTime() - day) });
    const current = issue(ca, root, caExtensions);
    const trustAnchors = [issue(other, undefined, caExtensions), issue(root, undefined, caExtensions)];
    expect(codeOf({ leaf, intermediates: [expired, current], trustAnchors })).toBe('ok:3');
    expect(codeOf({ leaf, intermediates: [expired], trustAnchors })).toBe('ERR_CERT_EXPIRED');
  });

  it('refuses a path longer than maxPathLength', () => {
    const root = party('Root', 0);
    const [first, second] = [party('CA 1', 1), party('CA 2', 3)];
    const options = {
      leaf: issue(party('Leaf', 2), second, leafSpec),
      intermediates: [issue(first, root, caExtensions), issue(second, first, caExtensions)],
      trustAnchors: [issue(root, undefined, caExtensions)],
    };
    expect(codeOf(options)).toBe('ok:4');
    expect(codeOf({ ...options, maxPathLength: 3 })).toBe('ERR_CERT_PATH');
  });

  it('does not count a self-issued CA certificate (key rollover) against pathLenConstraint', () => {
    const root = party('Root', 0);
    const [oldKey, newKey] = [party('CA', 1), party('CA', 3)];
    const options = {
      leaf: issue(party('Leaf', 2), newKey, leafSpec),
      intermediates: [issue(oldKey, root, { ...caExtensions, basicConstraints: { cA: true, pathLenConstraint: 0 } }), issue(newKey, oldKey, caExtensions)],
      trustAnchors: [issue(root, undefined, { ...caExtensions, basicConstraints: { cA: true, pathLenConstraint: 1 } })],
    };
    expect(codeOf(options)).toBe('ok:4');
  });

  it('accepts a v1 anchor (no extensions) but not a v3 anchor or an intermediate without basicConstraints', () => {
    const root = party('Root', 0);
    const ca = party('CA', 1);
    const leaf = issue(party('Leaf', 2), ca, leafSpec);
    const intermediates = [issue(ca, root, caExtensions)];
    expect(codeOf({ leaf, intermediates, trustAnchors: [issue(root, undefined, { version: 1 })] })).toBe('ok:3');
    expect(codeOf({ leaf, intermediates, trustAnchors: [issue(root, undefined, { keyUsage: ['keyCertSign'] })] })).toBe('ERR_CERT_PROFILE');
    expect(codeOf({ leaf, intermediates: [issue(ca, root, {})], trustAnchors: [issue(root, undefined, caExtensions)] })).toBe('ERR_CERT_PATH');
  });
});

describe('extensions and algorithms', () => {
  it.each([
    ['an empty nameConstraints (§4.2.1.10: MUST NOT be empty)', '2.5.29.30', true],
    ['an empty nameConstraints even when non-critical', '2.5.29.30', false],
    ['an empty policyConstraints (§4.2.1.11: MUST NOT be empty)', '2.5.29.36', true],
  ])('refuses a CA with %s as malformed', (_, oid, critical) => {
    const root = party('Root', 0);
    const ca = party('CA', 1);
    const constrained = issue(ca, root, { ...caExtensions, extraExtensions: [extension(oid, critical, new asn1js.Sequence())] });
    expect(codeOf({ leaf: issue(party('Leaf', 2), ca, leafSpec), intermediates: [constrained], trustAnchors: [issue(root, undefined, caExtensions)] })).toBe(
      'ERR_CERT_MALFORMED',
    );
  });

  it('ignores an unknown extension that is not critical', () => {
    const root = party('Root', 0);
    const leaf = issue(party('Leaf', 2), root, { ...leafSpec, extraExtensions: [extension('1.3.6.1.4.1.99999.2', false, new asn1js.Null())] });
    expect(codeOf({ leaf, trustAnchors: [issue(root, undefined, caExtensions)] })).toBe('ok:2');
  });

  it('refuses a signature made with an RSA key under 2048 bits', () => {
    const weak = { name: [['C', 'TW'], ['CN', 'Weak Root']] as NameSpec, pair: generateKeyPairSync('rsa', { modulusLength: 1024 }) };
    const leaf = issue(party('Leaf', 2), weak, leafSpec);
    expect(codeOf({ leaf, trustAnchors: [issue(weak, undefined, caExtensions)] })).toBe('ERR_CERT_SIGNATURE');
  });
});
