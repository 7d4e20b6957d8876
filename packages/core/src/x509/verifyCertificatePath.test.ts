import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestPki, generateTestPkiKeys, type TestPki, type TestPkiKeys, type TestPkiVariant } from './testing/index.js';
import { loadCrl, parseCertificate, verifyCertificatePath, type CertPathErrorCode, type VerifyCertificatePathOptions } from './index.js';

const now = new Date('2025-06-01T00:00:00Z');
const second = 1000;
let keys: TestPkiKeys;
let valid: TestPki;

beforeAll(() => {
  keys = generateTestPkiKeys('rsa');
  valid = buildTestPki({ now, keys });
});

const inputs = (pki: TestPki, overrides: Partial<VerifyCertificatePathOptions> = {}): VerifyCertificatePathOptions => ({
  leaf: pki.leaf.der,
  intermediates: pki.intermediates,
  trustAnchors: pki.trustAnchors,
  crls: pki.crls,
  at: pki.now,
  revocation: 'require',
  ...overrides,
});
const codeOf = (options: VerifyCertificatePathOptions) => {
  const result = verifyCertificatePath(options);
  return result.ok ? 'ok' : result.code;
};

describe('verifyCertificatePath', () => {
  it('accepts a valid citizen chain and returns it leaf to anchor', () => {
    const result = verifyCertificatePath(inputs(valid));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.path).toHaveLength(3);
    expect(result.path.map((cert) => cert.thumbprintSha256)).toEqual(
      [valid.leaf.der, valid.intermediate.der, valid.root.der].map((der) => parseCertificate(der).thumbprintSha256),
    );
  });

  const faults: Array<[TestPkiVariant, CertPathErrorCode]> = [
    ['expired', 'ERR_CERT_EXPIRED'],
    ['not-yet-valid', 'ERR_CERT_NOT_YET_VALID'],
    ['revoked', 'ERR_CERT_REVOKED'],
    ['other-root', 'ERR_CERT_UNTRUSTED'],
    ['leaf-without-digital-signature', 'ERR_CERT_USAGE'],
    ['issuer-not-ca', 'ERR_CERT_PATH'],
    ['path-length-exceeded', 'ERR_CERT_PATH'],
    ['unknown-critical-extension', 'ERR_CERT_EXTENSION'],
    ['bad-signature', 'ERR_CERT_SIGNATURE'],
    ['issuer-without-key-cert-sign', 'ERR_CERT_USAGE'],
    ['issuer-without-crl-sign', 'ERR_CRL_INVALID'],
    ['crl-wrong-key', 'ERR_CRL_INVALID'],
    ['stale-crl', 'ERR_CRL_STALE'],
    ['crl-without-next-update', 'ERR_CRL_STALE'],
  ];
  it.each(faults)('refuses the %s variant with %s', (variant, code) => {
    expect(codeOf(inputs(buildTestPki({ now, keys, variant })))).toBe(code);
  });

  it('accepts an EC chain (P-384 root, P-256 below)', () => {
    expect(codeOf(inputs(buildTestPki({ now, keyType: 'ec' })))).toBe('ok');
  });

  it('accepts RSASSA-PSS signatures on certificates and CRLs', () => {
    expect(codeOf(inputs(buildTestPki({ now, keys, rsaScheme: 'pss' })))).toBe('ok');
  });

  it("lets the caller drop the leaf keyUsage requirement", () => {
    const pki = buildTestPki({ now, keys, variant: 'leaf-without-digital-signature' });
    expect(codeOf(inputs(pki, { requiredLeafKeyUsage: ['nonRepudiation'] }))).toBe('ok');
  });
});

describe('validity boundaries (RFC 5280 §4.1.2.5: both ends inclusive)', () => {
  const at = (date: Date, offsetMs = 0) => new Date(date.getTime() + offsetMs);
  const leaf = () => parseCertificate(valid.leaf.der);

  it('accepts the leaf at exactly notAfter and refuses it a second later', () => {
    expect(codeOf(inputs(valid, { at: leaf().notAfter, revocation: 'skip' }))).toBe('ok');
    expect(codeOf(inputs(valid, { at: at(leaf().notAfter, second), revocation: 'skip' }))).toBe('ERR_CERT_EXPIRED');
  });

  it('accepts the leaf at exactly notBefore and refuses it a second earlier', () => {
    expect(codeOf(inputs(valid, { at: leaf().notBefore, revocation: 'skip' }))).toBe('ok');
    expect(codeOf(inputs(valid, { at: at(leaf().notBefore, -second), revocation: 'skip' }))).toBe('ERR_CERT_NOT_YET_VALID');
  });

  it('checks the anchor validity too', () => {
    const root = parseCertificate(valid.root.der);
    expect(codeOf(inputs(valid, { at: at(root.notAfter, second), revocation: 'skip' }))).toBe('ERR_CERT_EXPIRED');
  });

  it('treats a CRL as fresh from thisUpdate up to, not including, nextUpdate', () => {
    const crl = loadCrl(valid.intermediateCrl);
    expect(codeOf(inputs(valid, { at: crl.thisUpdate }))).toBe('ok');
    expect(codeOf(inputs(valid, { at: at(crl.nextUpdate!, -second) }))).toBe('ok');
    expect(codeOf(inputs(valid, { at: crl.nextUpdate! }))).toBe('ERR_CRL_STALE');
    expect(codeOf(inputs(valid, { at: at(crl.thisUpdate, -second) }))).toBe('ERR_CRL_STALE');
  });
});

describe('revocation modes', () => {
  it("'skip' ignores missing CRLs", () => {
    expect(codeOf(inputs(valid, { crls: [], revocation: 'skip' }))).toBe('ok');
  });

  it("'skip' does not consult CRLs at all, even one listing the leaf", () => {
    expect(codeOf(inputs(buildTestPki({ now, keys, variant: 'revoked' }), { revocation: 'skip' }))).toBe('ok');
  });

  it("'require' fails closed without CRLs", () => {
    expect(codeOf(inputs(valid, { crls: [] }))).toBe('ERR_CRL_MISSING');
  });

  it("'require' needs a CRL for the intermediate as well as for the leaf", () => {
    expect(codeOf(inputs(valid, { crls: [valid.intermediateCrl] }))).toBe('ERR_CRL_MISSING');
  });

  it('refuses a CRL whose signature bytes were tampered with', () => {
    const tampered = new Uint8Array(valid.intermediateCrl);
    tampered[tampered.length - 1]! ^= 0x01;
    expect(codeOf(inputs(valid, { crls: [valid.rootCrl, tampered] }))).toBe('ERR_CRL_INVALID');
  });

  it('uses a good CRL when a bad one from the same issuer is also given', () => {
    const wrongKey = buildTestPki({ now, keys, variant: 'crl-wrong-key' }).intermediateCrl;
    expect(codeOf(inputs(valid, { crls: [valid.rootCrl, wrongKey, valid.intermediateCrl] }))).toBe('ok');
  });

  it('accepts CRLs loaded once and reused across validations', () => {
    const crls = valid.crls.map(loadCrl);
    expect(codeOf(inputs(valid, { crls }))).toBe('ok');
    const revoked = buildTestPki({ now, keys, variant: 'revoked' });
    expect(codeOf(inputs(revoked, { crls: revoked.crls.map(loadCrl) }))).toBe('ERR_CERT_REVOKED');
    expect(codeOf(inputs(valid, { crls }))).toBe('ok');
  });

  it('counts a revocation only from its revocationDate on', () => {
    const revoked = buildTestPki({ now, keys, variant: 'revoked' });
    const crl = loadCrl(revoked.intermediateCrl);
    const { revocationDate } = crl.lookup(revoked.leaf.serialHex)!;
    expect(crl.isRevoked(revoked.leaf.serialHex, revocationDate)).toBe(true);
    expect(crl.isRevoked(revoked.leaf.serialHex, new Date(revocationDate.getTime() - second))).toBe(false);
  });
});

describe('malformed data is a result, misuse throws', () => {
  it('refuses a malformed leaf with ERR_CERT_MALFORMED', () => {
    expect(codeOf(inputs(valid, { leaf: new Uint8Array([0x30, 0x03, 0x02, 0x01]) }))).toBe('ERR_CERT_MALFORMED');
  });

  it('refuses a malformed intermediate or anchor with ERR_CERT_MALFORMED', () => {
    const truncated = valid.intermediate.der.subarray(0, 200);
    expect(codeOf(inputs(valid, { intermediates: [truncated, valid.intermediate.der] }))).toBe('ERR_CERT_MALFORMED');
    expect(codeOf(inputs(valid, { trustAnchors: [valid.root.der.subarray(1)] }))).toBe('ERR_CERT_MALFORMED');
  });

  it('refuses a malformed CRL with ERR_CRL_MALFORMED, and ignores CRLs when revocation is skipped', () => {
    const crls = [valid.intermediateCrl.subarray(0, 100)];
    expect(codeOf(inputs(valid, { crls }))).toBe('ERR_CRL_MALFORMED');
    expect(codeOf(inputs(valid, { crls, revocation: 'skip' }))).toBe('ok');
  });

  it('never throws on any truncation or single-byte change of the leaf', () => {
    const der = valid.leaf.der;
    for (let index = 0; index < der.length; index += 7) {
      const changed = new Uint8Array(der);
      changed[index]! ^= 0x5a;
      for (const leaf of [der.subarray(0, index), changed]) {
        expect(verifyCertificatePath(inputs(valid, { leaf })).ok).toBe(false);
      }
    }
  });

  it.each([
    ['no trust anchors', { trustAnchors: [] }],
    ['an invalid date', { at: new Date(Number.NaN) }],
    ['an unknown revocation mode', { revocation: 'prefer' as never }],
  ])('throws on %s', (_, overrides) => {
    expect(() => verifyCertificatePath(inputs(valid, overrides))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });
});
