import { generateKeyPairSync } from 'node:crypto';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { extension, generateTestKeyPair, issueCertificate, type CertificateSpec, type NameSpec, type TestKeyPair } from '../../testing/index.js';
import { verifyCertificatePath, type VerifyCertificatePathOptions } from '../../index.js';

// Each rule of RFC 5280 §4 checked on every path: a generated root → CA → leaf chain that breaks
// exactly that rule, beside the same chain without the fault.
const now = new Date('2025-06-01T00:00:00Z');
const window = { notBefore: new Date(now.getTime() - 86_400_000), notAfter: new Date(now.getTime() + 365 * 86_400_000) };
const ca = { basicConstraints: { cA: true }, keyUsage: ['keyCertSign', 'cRLSign'] } as const;
type Spec = Partial<CertificateSpec>;
let keys: { root: TestKeyPair; ca: TestKeyPair; leaf: TestKeyPair };

beforeAll(() => {
  keys = { root: generateTestKeyPair('ec-p256'), ca: generateTestKeyPair('ec-p256'), leaf: generateTestKeyPair('ec-p256') };
});

type Chain = { root?: Spec; ca?: Spec; leaf?: Spec; caName?: NameSpec; options?: Partial<VerifyCertificatePathOptions> };

/** root → CA → leaf with one change at a time; returns 'ok' or `code/rule`. */
function outcome({ root = {}, ca: caSpec = {}, leaf = {}, caName = [['CN', 'Profile CA']], options = {} }: Chain = {}): string {
  const rootParty = { name: [['CN', 'Profile Root']] as NameSpec, ...keys.root };
  const caParty = { name: caName, ...keys.ca };
  const anchor = issueCertificate({ subject: rootParty.name, publicKey: keys.root.publicKey, privateKey: keys.root.privateKey, ...window, ...ca, ...root });
  const intermediate = issueCertificate({ subject: caName, publicKey: keys.ca.publicKey, issuer: rootParty, ...window, ...ca, ...caSpec });
  const end = issueCertificate({ subject: [['CN', 'Profile Leaf']], publicKey: keys.leaf.publicKey, issuer: caParty, ...window, keyUsage: ['digitalSignature'], ...leaf });
  const result = verifyCertificatePath({ leaf: end.der, intermediates: [intermediate.der], trustAnchors: [anchor.der], at: now, revocation: 'skip', ...options });
  return result.ok ? 'ok' : `${result.code}/${result.rule ?? ''}`;
}

const ext = (oid: string, critical: boolean, value: asn1js.BaseBlock | Uint8Array) => [extension(oid, critical, value)];
const sanOf = (...names: asn1js.BaseBlock[]) => new asn1js.Sequence({ value: names });
const ia5 = (tag: number, text: string) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: tag }, valueHex: new TextEncoder().encode(text) });
const ip = (octets: number[]) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 7 }, valueHex: new Uint8Array(octets) });

describe('RFC 5280 §4 profile on every path', () => {
  it('accepts the well-formed chain the other cases each break once', () => {
    expect(outcome()).toBe('ok');
  });

  it('§4.2.1.9: a v3 anchor needs basicConstraints; a v1 anchor is taken as it is', () => {
    expect(outcome({ root: { basicConstraints: undefined } })).toBe('ERR_CERT_PROFILE/ca-basic-constraints');
    expect(outcome({ root: { version: 1 } })).toBe('ok');
  });

  it('§4.2.1.9: a CA marks basicConstraints critical, unless the caller skips that rule (PKITS 4.6.4)', () => {
    const nonCritical = { ca: { basicConstraints: { cA: true, critical: false } } };
    expect(outcome(nonCritical)).toBe('ERR_CERT_PROFILE/ca-basic-constraints-critical');
    expect(outcome({ ...nonCritical, options: { skipProfileRules: ['ca-basic-constraints-critical'] } })).toBe('ok');
    expect(outcome({ root: { basicConstraints: { cA: true, critical: false } } })).toBe('ERR_CERT_PROFILE/ca-basic-constraints-critical');
  });

  it('§4.2.1.9 with requireEndEntity: the leaf is not a CA (cA=TRUE or keyCertSign)', () => {
    const caLeaf = { leaf: { basicConstraints: { cA: true }, keyUsage: ['digitalSignature', 'keyCertSign'] } } as const;
    expect(outcome({ ...caLeaf, options: { requireEndEntity: true } })).toBe('ERR_CERT_PROFILE/end-entity-is-ca');
    expect(outcome({ leaf: { basicConstraints: { cA: true } }, options: { requireEndEntity: true } })).toBe('ERR_CERT_PROFILE/end-entity-is-ca');
    expect(outcome(caLeaf)).toBe('ok');
    expect(outcome({ leaf: { basicConstraints: { cA: false } }, options: { requireEndEntity: true } })).toBe('ok');
  });

  it('§4.2.1.1: AKI is present below the anchor and never critical; a self-signed anchor may leave it out', () => {
    expect(outcome({ leaf: { authorityKeyIdentifier: false } })).toBe('ERR_CERT_PROFILE/authority-key-identifier');
    expect(outcome({ ca: { authorityKeyIdentifier: false } })).toBe('ERR_CERT_PROFILE/authority-key-identifier');
    const criticalAki = ext('2.5.29.35', true, new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: new Uint8Array(20) })] }));
    expect(outcome({ leaf: { authorityKeyIdentifier: false, extraExtensions: criticalAki } })).toBe('ERR_CERT_PROFILE/authority-key-identifier');
    expect(outcome({ root: { authorityKeyIdentifier: false } })).toBe('ok');
  });

  it('§4.2.1.2: a CA has a non-critical SKI; a leaf may go without', () => {
    expect(outcome({ ca: { subjectKeyIdentifier: false } })).toBe('ERR_CERT_PROFILE/subject-key-identifier');
    expect(outcome({ root: { subjectKeyIdentifier: false } })).toBe('ERR_CERT_PROFILE/subject-key-identifier');
    const criticalSki = ext('2.5.29.14', true, new asn1js.OctetString({ valueHex: new Uint8Array(20) }));
    expect(outcome({ leaf: { subjectKeyIdentifier: false, extraExtensions: criticalSki } })).toBe('ERR_CERT_PROFILE/subject-key-identifier');
    expect(outcome({ leaf: { subjectKeyIdentifier: false } })).toBe('ok');
  });

  it.each([
    ['zero', '00'],
    ['negative', 'ff01'],
    ['21 octets', `01${'00'.repeat(20)}`],
  ])('§4.1.2.2: refuses a %s serial number', (_, serialHex) => {
    expect(outcome({ leaf: { serialHex } })).toBe('ERR_CERT_PROFILE/serial-number');
    expect(outcome({ ca: { serialHex } })).toBe('ERR_CERT_PROFILE/serial-number');
  });

  it('§4.1.2.2: accepts a serial of 20 octets, and a positive one padded with 0x00', () => {
    expect(outcome({ leaf: { serialHex: `7f${'ab'.repeat(19)}` } })).toBe('ok');
    expect(outcome({ leaf: { serialHex: '0080' } })).toBe('ok');
  });

  it('§4.1.2.6: a CA subject is not empty; §4.1.2.4: nor is any issuer name', () => {
    const empty = { caName: [], ca: { extraExtensions: ext('2.5.29.17', true, sanOf(ia5(2, 'ca.example'))) } };
    expect(outcome(empty)).toBe('ERR_CERT_PROFILE/ca-subject-empty');
    expect(outcome({ ...empty, options: { skipProfileRules: ['ca-subject-empty'] } })).toBe('ERR_CERT_PROFILE/issuer-name-empty');
  });

  it('§4.2.1.6: an empty subject needs a critical SAN', () => {
    const empty = (critical: boolean | undefined) => ({
      leaf: { subject: [], ...(critical !== undefined && { extraExtensions: ext('2.5.29.17', critical, sanOf(ia5(1, 'user@example.tw'))) }) },
    });
    expect(outcome(empty(undefined))).toBe('ERR_CERT_PROFILE/subject-alt-name');
    expect(outcome(empty(false))).toBe('ERR_CERT_PROFILE/subject-alt-name');
    expect(outcome(empty(true))).toBe('ok');
  });

  it.each([
    ['a 5-octet iPAddress', sanOf(ip([10, 0, 0, 1, 9])), 'ERR_CERT_PROFILE/subject-alt-name'],
    ['an empty dNSName', sanOf(ia5(2, '')), 'ERR_CERT_PROFILE/subject-alt-name'],
    ['a dNSName with a space', sanOf(ia5(2, ' ')), 'ERR_CERT_PROFILE/subject-alt-name'],
    // Structural faults stop the path earlier: the SAN is read for name constraints (§6.1.3 (b)).
    ['no names at all', sanOf(), 'ERR_CERT_MALFORMED/'],
    ['a non-ASCII rfc822Name', sanOf(ia5(1, 'usér@example.tw')), 'ERR_CERT_MALFORMED/'],
    ['bytes that are not DER', new Uint8Array([0x30, 0x05, 0x82]), 'ERR_CERT_MALFORMED/'],
  ])('§4.2.1.6: refuses a SAN with %s', (_, value, expected) => {
    expect(outcome({ leaf: { extraExtensions: ext('2.5.29.17', false, value) } })).toBe(expected);
  });

  it('§4.2.1.6: accepts a SAN of DNS, IPv4, IPv6, e-mail and URI names', () => {
    const san = sanOf(ia5(2, 'a.example.tw'), ip([192, 0, 2, 1]), ip(Array.from({ length: 16 }, (_, i) => i)), ia5(1, 'a@example.tw'), ia5(6, 'https://example.tw/'));
    expect(outcome({ leaf: { extraExtensions: ext('2.5.29.17', false, san) } })).toBe('ok');
  });

  it('§4.2.1.12: extKeyUsage lists at least one purpose', () => {
    expect(outcome({ leaf: { extraExtensions: ext('2.5.29.37', false, new asn1js.Sequence()) } })).toBe('ERR_CERT_PROFILE/extended-key-usage');
    expect(outcome({ leaf: { extraExtensions: ext('2.5.29.37', false, new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 })] })) } })).toBe(
      'ERR_CERT_PROFILE/extended-key-usage',
    );
    const clientAuth = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.3.6.1.5.5.7.3.2' })] });
    expect(outcome({ leaf: { extraExtensions: ext('2.5.29.37', false, clientAuth) } })).toBe('ok');
  });

  it('§4.2.1.3: a CA has keyUsage; keyCertSign or a pathLenConstraint only with cA=TRUE', () => {
    expect(outcome({ ca: { keyUsage: undefined } })).toBe('ERR_CERT_PROFILE/ca-key-usage');
    expect(outcome({ leaf: { keyUsage: ['digitalSignature', 'keyCertSign'] } })).toBe('ERR_CERT_PROFILE/ca-key-usage');
    expect(outcome({ leaf: { basicConstraints: { cA: false, pathLenConstraint: 0 } } })).toBe('ERR_CERT_PROFILE/ca-key-usage');
  });

  it('RFC 5480 §2.1.1: refuses an EC key with explicit curve parameters', () => {
    expect(outcome({ leaf: { spkiDer: explicitCurveSpki(keys.leaf) } })).toBe('ERR_CERT_PROFILE/ec-explicit-parameters');
  });

  it('refuses keys under RSA 2048 / P-256 unless the caller lowers the minimum', () => {
    const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const p224 = generateKeyPairSync('ec', { namedCurve: 'P-224' });
    expect(outcome({ leaf: { publicKey: rsa1024.publicKey } })).toBe('ERR_CERT_PROFILE/key-size');
    expect(outcome({ leaf: { publicKey: rsa1024.publicKey }, options: { minimumKeyBits: { rsa: 1024 } } })).toBe('ok');
    expect(outcome({ leaf: { publicKey: p224.publicKey } })).toBe('ERR_CERT_PROFILE/key-size');
    expect(outcome({ leaf: { publicKey: p224.publicKey }, options: { minimumKeyBits: { ec: 224 } } })).toBe('ok');
    expect(outcome({ leaf: { publicKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey } })).toBe('ok');
    expect(() => outcome({ options: { minimumKeyBits: { rsa: 512 } } })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });

  it('a CA key under the minimum cannot sign in the path, unless lowered too', () => {
    const weakCa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const saved = keys.ca;
    keys.ca = weakCa;
    try {
      expect(outcome()).toBe('ERR_CERT_SIGNATURE/');
      expect(outcome({ options: { minimumKeyBits: { rsa: 1024 } } })).toBe('ok');
    } finally {
      keys.ca = saved;
    }
  });

  it('§4.2 and §4.1.1.2 are parse-level: a repeated extension or a TBS algorithm unlike the outer one makes the certificate malformed', () => {
    const twice = ext('2.5.29.15', true, new asn1js.BitString({ valueHex: new Uint8Array([0x80]), unusedBits: 7 }));
    expect(outcome({ leaf: { extraExtensions: twice } })).toBe('ERR_CERT_MALFORMED/');
    expect(outcome({ ca: { innerSignatureAlgorithmOid: '1.2.840.10045.4.3.3' } })).toBe('ERR_CERT_MALFORMED/');
    expect(outcome({ ca: { innerSignatureAlgorithmOid: '1.2.840.10045.4.3.2' } })).toBe('ok');
  });
});

/** The leaf's P-256 key with ECParameters spelled out (specifiedCurve) instead of the named curve. */
function explicitCurveSpki(pair: TestKeyPair): Uint8Array {
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const point = new Uint8Array([4, ...Buffer.from(jwk.x!, 'base64url'), ...Buffer.from(jwk.y!, 'base64url')]);
  const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
  const parameters = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.1.1' }), new asn1js.Integer({ valueHex: hex('00ffffffff00000001000000000000000000000000ffffffffffffffffffffffff') })] }),
      new asn1js.Sequence({
        value: [
          new asn1js.OctetString({ valueHex: hex('ffffffff00000001000000000000000000000000fffffffffffffffffffffffc') }),
          new asn1js.OctetString({ valueHex: hex('5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b') }),
        ],
      }),
      new asn1js.OctetString({ valueHex: hex('046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5') }),
      new asn1js.Integer({ valueHex: hex('00ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551') }),
      new asn1js.Integer({ value: 1 }),
    ],
  });
  const spki = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.2.1' }), parameters] }), new asn1js.BitString({ valueHex: point })],
  });
  return new Uint8Array(spki.toBER());
}
