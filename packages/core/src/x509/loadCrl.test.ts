import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLargeCrl, buildTestPki, certificateIssuer, encodeName, extension, issueCrl, issuingDistributionPoint, type CrlSpec, type TestPki } from './testing/index.js';
import { loadCrl, loadCrlAsync, normalizeSerialHex, parseCertificate } from './index.js';

const now = new Date('2025-06-01T00:00:00Z');
const day = 86_400_000;
let pki: TestPki;

beforeAll(() => {
  pki = buildTestPki({ now, keyType: 'ec', variant: 'revoked' });
});

const issuerSpki = () => parseCertificate(pki.intermediate.der).spkiDer;
const crlWith = (spec: Partial<CrlSpec>) =>
  issueCrl({ issuer: pki.intermediate, thisUpdate: now, nextUpdate: new Date(now.getTime() + day), ...spec });

describe('loadCrl', () => {
  it('reads issuer, dates, size and entries of a CRL (RFC 5280 §5.1)', () => {
    const crl = loadCrl(pki.intermediateCrl);
    expect(crl.issuer).toBe('OU=測試用自然人憑證管理中心,O=GCIS Test,C=TW');
    expect(crl.size).toBe(1);
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBeGreaterThan(0);
    expect(crl.lookup(pki.leaf.serialHex)).toEqual({ revocationDate: new Date(now.getTime() - day), reasonCode: 1 });
    expect(crl.isRevoked(pki.leaf.serialHex)).toBe(true);
    expect(crl.isRevoked('01')).toBe(false);
    expect(crl.unusableReason).toBeUndefined();
  });

  it('verifies its signature with the issuer key only', () => {
    const crl = loadCrl(pki.intermediateCrl);
    expect(crl.verifySignature(issuerSpki()).status).toBe('valid');
    expect(crl.verifySignature(parseCertificate(pki.root.der).spkiDer).status).not.toBe('valid');
  });

  it('matches serials however they are written', () => {
    const crl = loadCrl(crlWith({ revoked: [{ serialHex: '00ff01', revocationDate: now }, { serialHex: '0a', revocationDate: now }] }));
    expect(['ff01', 'FF:01', '0000ff01', ' ff 01'].map((s) => crl.isRevoked(s))).toEqual([true, true, true, true]);
    expect(['a', '0A', '000a'].map((s) => crl.isRevoked(s))).toEqual([true, true, true]);
    expect(crl.isRevoked('-ff01')).toBe(false);
    expect(normalizeSerialHex('00:0A')).toBe('0a');
  });

  it('reads the cRLNumber, a delta CRL indicator and an issuing distribution point (RFC 5280 §5.2)', () => {
    const plain = loadCrl(crlWith({ crlNumber: 7 }));
    expect([plain.crlNumber, plain.deltaBaseCrlNumber, plain.issuingDistributionPoint]).toEqual([7n, undefined, undefined]);
    const delta = loadCrl(crlWith({ crlNumber: 9, extraExtensions: [extension('2.5.29.27', true, new asn1js.Integer({ value: 7 }))] }));
    expect([delta.crlNumber, delta.deltaBaseCrlNumber, delta.unusableReason]).toEqual([9n, 7n, undefined]);
    const scoped = loadCrl(crlWith({ extraExtensions: [issuingDistributionPoint({ onlyContainsUserCerts: true })] }));
    expect(scoped.issuingDistributionPoint).toMatchObject({ onlyContainsUserCerts: true, onlyContainsCACerts: false, indirectCrl: false });
    expect(scoped.unusableReason).toBeUndefined();
  });

  it.each([
    ['an unknown critical CRL extension', { extraExtensions: [extension('1.3.6.1.4.1.99999.3', true, new asn1js.Null())] }],
    ['no cRLNumber (§5.2.3: MUST)', { crlNumber: null }],
    ['a critical cRLNumber (§5.2.3: non-critical)', { crlNumberCritical: true }],
    ['a non-critical deltaCRLIndicator (§5.2.4: critical)', { extraExtensions: [extension('2.5.29.27', false, new asn1js.Integer({ value: 1 }))] }],
  ] as const)('marks a CRL with %s as unusable', (_, spec) => {
    expect(loadCrl(crlWith(spec)).unusableReason).toBeDefined();
  });

  it('throws ERR_INVALID_INPUT on an empty issuing distribution point or one with two onlyContains flags (§5.2.5)', () => {
    for (const idp of [extension('2.5.29.28', true, new asn1js.Sequence()), issuingDistributionPoint({ onlyContainsUserCerts: true, onlyContainsCACerts: true })]) {
      expect(() => loadCrl(crlWith({ extraExtensions: [idp] }))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    }
  });

  it('marks a CRL with an unknown critical entry extension as unusable, but not a known one', () => {
    const entry = (oid: string) => ({ serialHex: '05', revocationDate: now, extraExtensions: [extension(oid, true, new asn1js.Null())] });
    expect(loadCrl(crlWith({ revoked: [entry('1.3.6.1.4.1.99999.4')] })).unusableReason).toBeDefined();
    expect(loadCrl(crlWith({ revoked: [{ serialHex: '05', revocationDate: now, reasonCode: 4 }] })).unusableReason).toBeUndefined();
  });

  it('files the entries after a certificateIssuer under that CA, in an indirect CRL only (§5.3.3)', () => {
    const otherCa = encodeName([['C', 'TW'], ['CN', 'Other CA']]);
    const revoked = [
      { serialHex: '05', revocationDate: now },
      { serialHex: '06', revocationDate: now, extraExtensions: [certificateIssuer(otherCa)] },
      { serialHex: '07', revocationDate: now },
    ];
    const indirect = loadCrl(crlWith({ revoked, extraExtensions: [issuingDistributionPoint({ indirectCrl: true })] }));
    expect(indirect.unusableReason).toBeUndefined();
    expect(['05', '06', '07'].map((serial) => indirect.isRevoked(serial))).toEqual([true, false, false]);
    expect(['05', '06', '07'].map((serial) => indirect.isRevoked(serial, now, otherCa))).toEqual([false, true, true]);
    expect(loadCrl(crlWith({ revoked })).unusableReason).toBeDefined();
  });

  it('reads a CRL without revoked certificates or nextUpdate', () => {
    const crl = loadCrl(crlWith({ nextUpdate: null }));
    expect(crl.size).toBe(0);
    expect(crl.nextUpdate).toBeUndefined();
  });

  it.each([
    ['truncated', (der: Uint8Array) => der.subarray(0, der.length - 1)],
    ['with trailing bytes', (der: Uint8Array) => new Uint8Array([...der, 0])],
    ['not a CRL', () => new Uint8Array([0x04, 0x00])],
  ])('throws ERR_INVALID_INPUT on DER %s', (_, mangle) => {
    expect(() => loadCrl(mangle(pki.intermediateCrl))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });
});

describe('loadCrl at MOICA size', () => {
  it('indexes 400 000 entries and finds listed and unlisted serials', () => {
    const large = buildLargeCrl({
      issuer: pki.intermediate,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 7 * day),
      extraSerialHexes: [pki.leaf.serialHex],
    });
    expect(large.der.length).toBeGreaterThan(19_000_000);
    const crl = loadCrl(large.der);
    expect(crl.size).toBe(400_001);
    expect(crl.isRevoked(large.serialHexAt(0))).toBe(true);
    expect(crl.isRevoked(large.serialHexAt(399_999))).toBe(true);
    expect(crl.isRevoked(pki.leaf.serialHex)).toBe(true);
    expect(crl.isRevoked(`01${large.serialHexAt(7)}`)).toBe(false);
    expect(crl.isRevoked(pki.root.serialHex)).toBe(false);
    expect(crl.verifySignature(issuerSpki()).status).toBe('valid');
  });
});

describe('loadCrlAsync', () => {
  it('gives what loadCrl gives, handing control back between slices', async () => {
    const large = buildLargeCrl({ issuer: pki.intermediate, count: 50_000, thisUpdate: now, nextUpdate: new Date(now.getTime() + day) });
    let slices = 0;
    const crl = await loadCrlAsync(large.der, { yieldToEventLoop: async () => void slices++ });
    expect(slices).toBeGreaterThanOrEqual(6);
    expect(crl.size).toBe(50_000);
    expect(crl.isRevoked(large.serialHexAt(49_999))).toBe(true);
    expect(crl.verifySignature(issuerSpki()).status).toBe('valid');
  });

  it('lets timers run while a large CRL loads', async () => {
    const large = buildLargeCrl({ issuer: pki.intermediate, count: 200_000, thisUpdate: now, nextUpdate: new Date(now.getTime() + day) });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await loadCrlAsync(large.der);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
  });

  it('rejects malformed DER like loadCrl', async () => {
    await expect(loadCrlAsync(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });
});
