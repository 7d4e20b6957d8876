import { describe, expect, it } from 'vitest';
import {
  buildTestChain,
  certificateIssuer,
  crlDistributionPoints,
  deltaCrlIndicator,
  encodeName,
  generateTestKeyPair,
  issueCertificate,
  issuingDistributionPoint,
  type ChainLevel,
  type CrlSpec,
  type DistributionPointSpec,
  type TestChain,
  type TestChainParty,
} from './testing/index.js';
import type { KeyUsage } from './lib/extensions.js';
import { parseCertificate, verifyCertificatePath } from './index.js';

const readSerial = (der: Uint8Array) => parseCertificate(der).serialHex;

// RFC 5280 §6.3 rule by rule on generated chains: root → CA → leaf, CRLs from the CA (for the
// leaf) and the root (for the CA), plus the odd extra certificate (a separate CRL signer).
const day = 86_400_000;
const keyCompromise = 1;
const certificateHold = 6;
const removeFromCrl = 8;
const otherReasons = [2, 3, 4, 5, 6, 7, 8];

function chainWith(leafPoints?: DistributionPointSpec[]): TestChain {
  const leaf: ChainLevel = leafPoints ? { extensions: [crlDistributionPoints(leafPoints)] } : {};
  return buildTestChain([{}, {}, leaf]);
}
function outcome(chain: TestChain, crls: Uint8Array[], extra: Uint8Array[] = []) {
  const result = verifyCertificatePath({
    leaf: chain.leaf,
    intermediates: [...chain.intermediates, ...extra],
    trustAnchors: chain.trustAnchors,
    crls,
    at: chain.now,
    revocation: 'require',
  });
  return result.ok ? 'ok' : result.code;
}
const leafEntry = (chain: TestChain, reasonCode?: number) => ({ serialHex: chain.serialHexes[2]!, revocationDate: new Date(chain.now.getTime() - day), ...(reasonCode && { reasonCode }) });
const caCrl = (chain: TestChain, spec: Partial<CrlSpec> = {}) => chain.crl(1, spec);
const rootCrl = (chain: TestChain, spec: Partial<CrlSpec> = {}) => chain.crl(0, spec);
const uri = (path: string) => ({ uri: `http://crl.example/${path}` });

/** A certificate from the root for a new key under `name` (a CA's separate CRL key, an indirect CRL issuer). */
function certifiedByRoot(chain: TestChain, name: ChainLevel['name'] & object, keyUsage: KeyUsage[]): { der: Uint8Array; party: TestChainParty; serialHex: string } {
  const pair = generateTestKeyPair('ec-p256');
  const { der, serialHex } = issueCertificate({
    subject: name,
    publicKey: pair.publicKey,
    issuer: chain.parties[0]!,
    notBefore: new Date(chain.now.getTime() - day),
    notAfter: new Date(chain.now.getTime() + 365 * day),
    basicConstraints: { cA: true },
    keyUsage,
  });
  return { der, party: { name, ...pair }, serialHex };
}

describe('complete CRLs', () => {
  it('accepts a full CRL without distribution points, as MOICA publishes, and sees a revocation on it', () => {
    const chain = chainWith([{ fullName: [uri('ca.crl')] }]);
    expect(outcome(chain, chain.cleanCrls())).toBe('ok');
    expect(outcome(chain, [rootCrl(chain), caCrl(chain, { revoked: [leafEntry(chain, keyCompromise)] })])).toBe('ERR_CERT_REVOKED');
  });

  it('refuses a CRL without cRLNumber (§5.2.3) and one from the right name but another key', () => {
    const chain = chainWith();
    expect(outcome(chain, [rootCrl(chain), caCrl(chain, { crlNumber: null })])).toBe('ERR_CRL_INVALID');
    const impostor = { ...chain.parties[1]!, ...generateTestKeyPair('ec-p256') };
    expect(outcome(chain, [rootCrl(chain), chain.crl(0, { issuer: impostor })])).toBe('ERR_CRL_INVALID');
  });

  it('sees a revocation on the newer of two current CRLs, whichever comes first', () => {
    const chain = chainWith();
    const older = caCrl(chain, { crlNumber: 1 });
    const newer = caCrl(chain, { crlNumber: 2, revoked: [leafEntry(chain, keyCompromise)] });
    expect(outcome(chain, [rootCrl(chain), older, newer])).toBe('ERR_CERT_REVOKED');
    expect(outcome(chain, [rootCrl(chain), newer, older])).toBe('ERR_CERT_REVOKED');
  });

  it('needs a CRL for the CA certificate too', () => {
    const chain = chainWith();
    expect(outcome(chain, [caCrl(chain)])).toBe('ERR_CRL_MISSING');
  });
});

describe('distribution points and issuingDistributionPoint (§6.3.3 (b))', () => {
  it('uses a scoped CRL only for the distribution point it names', () => {
    const chain = chainWith([{ fullName: [uri('part1.crl')] }]);
    const scoped = (path: string) => caCrl(chain, { extraExtensions: [issuingDistributionPoint({ fullName: [uri(path)] })] });
    expect(outcome(chain, [rootCrl(chain), scoped('part1.crl')])).toBe('ok');
    expect(outcome(chain, [rootCrl(chain), scoped('part2.crl')])).toBe('ERR_CRL_MISSING');
  });

  it('does not use a CRL scoped to a named distribution point for a certificate that names none', () => {
    const chain = chainWith();
    expect(outcome(chain, [rootCrl(chain), caCrl(chain, { extraExtensions: [issuingDistributionPoint({ fullName: [uri('part1.crl')] })] })])).toBe('ERR_CRL_MISSING');
  });

  it('does not let a CRL of user certificates speak for a CA, nor one of CA certificates for a leaf', () => {
    const chain = chainWith();
    const onlyUsers = rootCrl(chain, { extraExtensions: [issuingDistributionPoint({ onlyContainsUserCerts: true })] });
    expect(outcome(chain, [onlyUsers, caCrl(chain)])).toBe('ERR_CRL_MISSING');
    const onlyCas = caCrl(chain, { extraExtensions: [issuingDistributionPoint({ onlyContainsCACerts: true })] });
    expect(outcome(chain, [rootCrl(chain), onlyCas])).toBe('ERR_CRL_MISSING');
  });
});

describe('reason coverage (§6.3.3 (d)–(e), interim_reasons_mask)', () => {
  const bySomeReasons = (chain: TestChain, reasons: number[], spec: Partial<CrlSpec> = {}) =>
    caCrl(chain, { ...spec, extraExtensions: [issuingDistributionPoint({ onlySomeReasons: reasons })] });

  it('needs CRLs that together cover every reason', () => {
    const chain = chainWith();
    expect(outcome(chain, [rootCrl(chain), bySomeReasons(chain, [keyCompromise])])).toBe('ERR_CRL_MISSING');
    expect(outcome(chain, [rootCrl(chain), bySomeReasons(chain, [keyCompromise]), bySomeReasons(chain, otherReasons, { crlNumber: 2 })])).toBe('ok');
  });

  it('finds a revocation on either part', () => {
    const chain = chainWith();
    const revoked = bySomeReasons(chain, otherReasons, { crlNumber: 2, revoked: [leafEntry(chain, 5)] });
    expect(outcome(chain, [rootCrl(chain), bySomeReasons(chain, [keyCompromise]), revoked])).toBe('ERR_CERT_REVOKED');
  });

  it('cannot be completed by a certificate whose only distribution point lists some reasons', () => {
    const chain = chainWith([{ fullName: [uri('ca.crl')], reasons: [keyCompromise] }]);
    expect(outcome(chain, chain.cleanCrls())).toBe('ERR_CRL_MISSING');
  });
});

describe('indirect CRLs (cRLIssuer and certificateIssuer)', () => {
  const crlIssuerName = [['C', 'TW'], ['O', 'GCIS Test'], ['CN', 'CRL Issuer']] as const;

  function setUp(indirectFlag: boolean, listLeaf: boolean) {
    const chain = chainWith([{ crlIssuer: [{ dn: [...crlIssuerName] }] }]);
    const signer = certifiedByRoot(chain, [...crlIssuerName], ['cRLSign']);
    const indirect = chain.crl(1, {
      issuer: signer.party,
      revoked: listLeaf ? [{ ...leafEntry(chain, keyCompromise), extraExtensions: [certificateIssuer(encodeName(chain.parties[1]!.name))] }] : [],
      extraExtensions: indirectFlag ? [issuingDistributionPoint({ indirectCrl: true })] : [],
    });
    return { chain, signer, indirect };
  }

  it("reads the leaf's status from the CRL issuer its distribution point names", () => {
    const { chain, signer, indirect } = setUp(true, false);
    expect(outcome(chain, [rootCrl(chain), indirect], [signer.der])).toBe('ok');
  });

  it('finds the leaf under the certificateIssuer entry', () => {
    const { chain, signer, indirect } = setUp(true, true);
    expect(outcome(chain, [rootCrl(chain), indirect], [signer.der])).toBe('ERR_CERT_REVOKED');
  });

  it('refuses to read a CRL that is not marked indirect as one', () => {
    const { chain, signer, indirect } = setUp(false, false);
    expect(outcome(chain, [rootCrl(chain), indirect], [signer.der])).toBe('ERR_CRL_MISSING');
  });

  it('validates the CRL issuer: its certificate must be offered, valid and not revoked', () => {
    const { chain, signer, indirect } = setUp(true, false);
    expect(outcome(chain, [rootCrl(chain), indirect])).toBe('ERR_CRL_INVALID');
    const signerRevoked = rootCrl(chain, { revoked: [{ serialHex: signer.serialHex, revocationDate: new Date(chain.now.getTime() - day) }] });
    expect(outcome(chain, [signerRevoked, indirect], [signer.der])).toBe('ERR_CRL_INVALID');
  });
});

describe('separate CRL signing keys (§6.3.3 (f))', () => {
  it('accepts a CRL signed by another key of the same CA, certified with cRLSign', () => {
    const chain = buildTestChain([{}, { keyUsage: ['keyCertSign'] }, {}]);
    const crlKey = certifiedByRoot(chain, chain.parties[1]!.name as never, ['cRLSign']);
    const crl = chain.crl(1, { issuer: crlKey.party });
    expect(outcome(chain, [rootCrl(chain), crl], [crlKey.der])).toBe('ok');
    expect(outcome(chain, [rootCrl(chain), chain.crl(1, { issuer: crlKey.party, revoked: [leafEntry(chain)] })], [crlKey.der])).toBe('ERR_CERT_REVOKED');
  });

  it('refuses it when that key may not sign CRLs, and the CA key itself when it lacks cRLSign', () => {
    const chain = buildTestChain([{}, { keyUsage: ['keyCertSign'] }, {}]);
    const wrongKey = certifiedByRoot(chain, chain.parties[1]!.name as never, ['digitalSignature']);
    expect(outcome(chain, [rootCrl(chain), chain.crl(1, { issuer: wrongKey.party })], [wrongKey.der])).toBe('ERR_CRL_INVALID');
    expect(outcome(chain, [rootCrl(chain), caCrl(chain)])).toBe('ERR_CRL_INVALID');
  });
});

describe('delta CRLs (§5.2.4, §6.3.3 (c), (h)–(k))', () => {
  const complete = (chain: TestChain, spec: Partial<CrlSpec> = {}) => caCrl(chain, { crlNumber: 5, ...spec });
  const delta = (chain: TestChain, spec: Partial<CrlSpec> = {}, base = 5) => caCrl(chain, { crlNumber: 6, extraExtensions: [deltaCrlIndicator(base)], ...spec });

  it('sees a revocation listed only on the delta', () => {
    const chain = chainWith();
    expect(outcome(chain, [rootCrl(chain), complete(chain), delta(chain)])).toBe('ok');
    expect(outcome(chain, [rootCrl(chain), complete(chain), delta(chain, { revoked: [leafEntry(chain, keyCompromise)] })])).toBe('ERR_CERT_REVOKED');
  });

  it('releases a certificate on hold that the delta removes (removeFromCRL)', () => {
    const chain = chainWith();
    const held = complete(chain, { revoked: [leafEntry(chain, certificateHold)] });
    expect(outcome(chain, [rootCrl(chain), held])).toBe('ERR_CERT_REVOKED');
    expect(outcome(chain, [rootCrl(chain), held, delta(chain, { revoked: [leafEntry(chain, removeFromCrl)] })])).toBe('ok');
  });

  it('does not let a delta signed by another key release a revoked certificate', () => {
    const chain = chainWith();
    const revoked = complete(chain, { revoked: [leafEntry(chain, certificateHold)] });
    const impostor = { ...chain.parties[1]!, ...generateTestKeyPair('ec-p256') };
    const forged = delta(chain, { issuer: impostor, revoked: [leafEntry(chain, removeFromCrl)] });
    expect(outcome(chain, [rootCrl(chain), revoked, forged])).toBe('ERR_CERT_REVOKED');
  });

  it('never takes a delta CRL for a complete one', () => {
    const chain = chainWith();
    expect(outcome(chain, [rootCrl(chain), delta(chain)])).toBe('ERR_CRL_MISSING');
  });

  it('ignores a delta built on a newer base than the complete CRL', () => {
    const chain = chainWith();
    expect(outcome(chain, [rootCrl(chain), complete(chain), delta(chain, { crlNumber: 9, revoked: [leafEntry(chain, keyCompromise)] }, 7)])).toBe('ok');
  });

  it('fails closed when the only delta for the complete CRL is out of date', () => {
    const chain = chainWith();
    const stale = delta(chain, { thisUpdate: new Date(chain.now.getTime() - 3 * day), nextUpdate: new Date(chain.now.getTime() - day) });
    expect(outcome(chain, [rootCrl(chain), complete(chain), stale])).toBe('ERR_CRL_STALE');
  });
});

describe('bounded work', () => {
  it('ends when two CRL issuers vouch for each other, each taken as valid inside its own check', () => {
    // Each CRL issuer's own certificate names the other as its cRLIssuer: a cycle of §6.3.3 (f).
    const chain = chainWith([{ crlIssuer: [{ dn: [['C', 'TW'], ['CN', 'Issuer A']] }] }]);
    const pairA = generateTestKeyPair('ec-p256');
    const pairB = generateTestKeyPair('ec-p256');
    const party = (cn: string, pair: typeof pairA): TestChainParty => ({ name: [['C', 'TW'], ['CN', cn]], ...pair });
    const issue = (subject: TestChainParty, other: string) =>
      issueCertificate({
        subject: subject.name,
        publicKey: subject.publicKey,
        issuer: chain.parties[0]!,
        notBefore: new Date(chain.now.getTime() - day),
        notAfter: new Date(chain.now.getTime() + day),
        basicConstraints: { cA: true },
        keyUsage: ['cRLSign'],
        extraExtensions: [crlDistributionPoints([{ crlIssuer: [{ dn: [['C', 'TW'], ['CN', other]] }] }])],
      }).der;
    const [a, b] = [party('Issuer A', pairA), party('Issuer B', pairB)];
    const indirect = (issuer: TestChainParty) => chain.crl(0, { issuer, extraExtensions: [issuingDistributionPoint({ indirectCrl: true })] });
    const certificates = [issue(a, 'Issuer B'), issue(b, 'Issuer A')];
    expect(outcome(chain, [rootCrl(chain), indirect(a), indirect(b)], certificates)).toBe('ok');
    // And the cycle does not hide a revocation: B lists A, so A cannot sign the leaf's CRL.
    const bListsA = chain.crl(0, {
      issuer: b,
      crlNumber: 2,
      revoked: [{ serialHex: certificates[0] ? readSerial(certificates[0]) : '', revocationDate: new Date(chain.now.getTime() - day), extraExtensions: [certificateIssuer(encodeName(chain.parties[0]!.name))] }],
      extraExtensions: [issuingDistributionPoint({ indirectCrl: true })],
    });
    expect(outcome(chain, [rootCrl(chain), indirect(a), bListsA], certificates)).toBe('ERR_CRL_INVALID');
  });
});
