import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestPki, extension, issueCertificate, type TestPki } from './testing/index.js';
import { normalizeSerialHex, parseCertificate } from './index.js';

const now = new Date('2025-06-01T00:00:00Z');
let pki: TestPki;

beforeAll(() => {
  pki = buildTestPki({ now, keyType: 'ec' });
});

describe('parseCertificate', () => {
  it('agrees with node:crypto on serial, names, dates and fingerprint', () => {
    const cert = parseCertificate(pki.leaf.der);
    const node = new X509Certificate(pki.leaf.der);
    expect(cert.serialHex).toBe(normalizeSerialHex(node.serialNumber));
    expect(cert.thumbprintSha256).toBe(node.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(cert.notBefore).toEqual(new Date(node.validFrom));
    expect(cert.notAfter).toEqual(new Date(node.validTo));
    expect(cert.subject).toBe('serialNumber=0000000012345678,CN=王小明,C=TW');
    expect(cert.issuer).toBe('OU=測試用自然人憑證管理中心,O=GCIS Test,C=TW');
    expect(cert.version).toBe(3);
    expect([...cert.keyUsage!]).toEqual(['digitalSignature', 'nonRepudiation']);
  });

  it('reads basicConstraints with pathLenConstraint', () => {
    expect(parseCertificate(pki.intermediate.der).basicConstraints).toEqual({ cA: true, pathLenConstraint: 0 });
    expect(parseCertificate(pki.root.der).basicConstraints).toEqual({ cA: true, pathLenConstraint: undefined });
  });

  it.each([
    ['truncated DER', (der: Uint8Array) => der.subarray(0, der.length - 1)],
    ['trailing bytes', (der: Uint8Array) => new Uint8Array([...der, 0])],
    ['an indefinite length', (der: Uint8Array) => new Uint8Array([0x30, 0x80, ...der.subarray(4), 0, 0])],
    ['empty input', () => new Uint8Array()],
  ])('throws ERR_INVALID_INPUT on %s', (_, mangle) => {
    expect(() => parseCertificate(mangle(pki.leaf.der))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });

  it('throws ERR_INVALID_INPUT on a repeated extension (RFC 5280 §4.2)', () => {
    const { der } = issueCertificate({
      subject: [['CN', 'Twice']],
      publicKey: pki.leaf.publicKey,
      privateKey: pki.leaf.privateKey,
      notBefore: now,
      notAfter: now,
      keyUsage: ['digitalSignature'],
      extraExtensions: [extension('2.5.29.15', true, new asn1js.BitString({ valueHex: new Uint8Array([0x80]), unusedBits: 7 }))],
    });
    expect(() => parseCertificate(der)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });
});
