import { describe, expect, it } from 'vitest';
import { buildTestChain, nameConstraints, subjectAltName, type ChainLevel, type GeneralNameSpec } from './testing/index.js';
import { verifyCertificatePath } from './index.js';

// RFC 5280 §6.1.3 (b)–(c) and §6.1.4 (g): name constraints, rule by rule, on generated chains.
const org = [['C', 'TW'], ['O', 'GCIS Test']] as const;
const named = (cn: string, ...more: Array<[string, string]>): ChainLevel['name'] => [...org, ['CN', cn], ...more];

function outcome(levels: ChainLevel[]) {
  const chain = buildTestChain(levels);
  const result = verifyCertificatePath({ leaf: chain.leaf, intermediates: chain.intermediates, trustAnchors: chain.trustAnchors, at: chain.now, revocation: 'skip' });
  return result.ok ? 'ok' : result.code;
}
const constraining = (permitted?: GeneralNameSpec[], excluded?: GeneralNameSpec[], name = named('Constrained CA')): ChainLevel => ({
  name,
  extensions: [nameConstraints({ ...(permitted && { permitted }), ...(excluded && { excluded }) })],
});
const leaf = (name: ChainLevel['name'], ...altNames: GeneralNameSpec[]): ChainLevel => ({ name, ...(altNames.length > 0 && { extensions: [subjectAltName(altNames)] }) });
const root: ChainLevel = {};

describe('directoryName constraints', () => {
  const permitOrg = constraining([{ dn: [...org] }]);

  it('accepts a subject inside the permitted subtree and refuses one outside', () => {
    expect(outcome([root, permitOrg, leaf(named('Alice'))])).toBe('ok');
    expect(outcome([root, permitOrg, leaf([['C', 'TW'], ['O', 'Other Org'], ['CN', 'Mallory']])])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('matches under §7.1, so case and spacing neither escape an exclusion nor fail a permission', () => {
    const excludeSales = constraining(undefined, [{ dn: [...org, ['OU', 'Sales']] }]);
    expect(outcome([root, excludeSales, leaf([['C', 'tw'], ['O', 'gcis  test'], ['OU', 'SALES'], ['CN', 'Bob']])])).toBe('ERR_CERT_NAME_CONSTRAINTS');
    expect(outcome([root, permitOrg, leaf([['C', 'tw'], ['O', 'GCIS TEST'], ['CN', 'Alice']])])).toBe('ok');
  });

  it('checks a directoryName in subjectAltName as well as the subject', () => {
    expect(outcome([root, permitOrg, leaf(named('Alice'), { dn: [['C', 'US'], ['CN', 'Elsewhere']] })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('intersects the permitted subtrees of successive CAs', () => {
    const permitUnit = constraining([{ dn: [...org, ['OU', 'Unit']] }], undefined, [...org, ['OU', 'Unit'], ['CN', 'Unit CA']]);
    expect(outcome([root, permitOrg, permitUnit, leaf([...org, ['OU', 'Unit'], ['CN', 'Alice']])])).toBe('ok');
    expect(outcome([root, permitOrg, permitUnit, leaf(named('Alice'))])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('exempts a self-issued intermediate (key rollover) but not a self-issued leaf (§6.1.3 (b))', () => {
    const rolloverName = [['C', 'US'], ['CN', 'Outside CA']] as const;
    const outsideCa: ChainLevel = { name: [...rolloverName] };
    // The constrained CA issues an outside-named CA: that CA's own certificate is refused.
    expect(outcome([root, permitOrg, outsideCa, leaf(named('Alice'))])).toBe('ERR_CERT_NAME_CONSTRAINTS');
    const constrainedSelf = constraining([{ dn: [['C', 'US']] }], undefined, named('Self CA'));
    expect(outcome([root, constrainedSelf, { selfIssued: true }, leaf([['C', 'US'], ['CN', 'Alice']])])).toBe('ok');
    expect(outcome([root, constrainedSelf, { selfIssued: true, basicConstraints: { cA: false }, keyUsage: ['digitalSignature'] }])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });
});

describe('rfc822Name constraints', () => {
  const permitMail = constraining([{ email: 'example.com' }]);

  it('constrain subjectAltName mailboxes', () => {
    expect(outcome([root, permitMail, leaf(named('Alice'), { email: 'alice@example.com' })])).toBe('ok');
    expect(outcome([root, permitMail, leaf(named('Alice'), { email: 'alice@evil.net' })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('constrain an emailAddress attribute in the subject too (§4.2.1.10)', () => {
    const emailAddress = '1.2.840.113549.1.9.1';
    expect(outcome([root, permitMail, leaf(named('Alice', [emailAddress, 'alice@example.com']))])).toBe('ok');
    expect(outcome([root, permitMail, leaf(named('Alice', [emailAddress, 'alice@evil.net']))])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('leave other name forms alone', () => {
    expect(outcome([root, permitMail, leaf(named('Alice'), { dns: 'anything.net' })])).toBe('ok');
  });
});

describe('dNSName, URI and iPAddress constraints', () => {
  it('dNSName: permitted and excluded, with no escape through case or a look-alike domain', () => {
    const ca = constraining([{ dns: 'example.com' }], [{ dns: 'secret.example.com' }]);
    expect(outcome([root, ca, leaf(named('Alice'), { dns: 'www.example.com' })])).toBe('ok');
    expect(outcome([root, ca, leaf(named('Alice'), { dns: 'badexample.com' })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
    expect(outcome([root, ca, leaf(named('Alice'), { dns: 'DB.SECRET.Example.com' })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
    expect(outcome([root, ca, leaf(named('Alice'), { dns: 'www.example.com' }, { dns: 'evil.net' })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('uniformResourceIdentifier: the host decides', () => {
    const ca = constraining([{ uri: '.example.com' }]);
    expect(outcome([root, ca, leaf(named('Alice'), { uri: 'https://login.example.com:8443/x' })])).toBe('ok');
    expect(outcome([root, ca, leaf(named('Alice'), { uri: 'https://login.example.com@evil.net/' })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('iPAddress: IPv4 and IPv6 ranges', () => {
    const ca = constraining([{ ip: [10, 0, 0, 0, 255, 0, 0, 0] }, { ip: [0x20, 0x01, 0x0d, 0xb8, ...Array(12).fill(0), 0xff, 0xff, 0xff, 0xff, ...Array(12).fill(0)] }]);
    expect(outcome([root, ca, leaf(named('Alice'), { ip: [10, 1, 2, 3] })])).toBe('ok');
    expect(outcome([root, ca, leaf(named('Alice'), { ip: [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 9] })])).toBe('ok');
    expect(outcome([root, ca, leaf(named('Alice'), { ip: [11, 1, 2, 3] })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });

  it('refuses a malformed constraint (an iPAddress base without its mask) as malformed', () => {
    expect(outcome([root, constraining([{ ip: [10, 0, 0, 0] }]), leaf(named('Alice'))])).toBe('ERR_CERT_MALFORMED');
  });

  it('applies constraints in the trust anchor certificate too', () => {
    const constrainedRoot: ChainLevel = { extensions: [nameConstraints({ permitted: [{ dns: 'example.com' }] })] };
    expect(outcome([constrainedRoot, {}, leaf(named('Alice'), { dns: 'evil.net' })])).toBe('ERR_CERT_NAME_CONSTRAINTS');
  });
});
