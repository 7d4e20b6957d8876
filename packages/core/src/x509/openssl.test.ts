import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestPki, generateTestPkiKeys, toPem, type TestPki, type TestPkiKeys, type TestPkiVariant } from './testing/index.js';
import { normalizeSerialHex, parseCertificate, verifyCertificatePath } from './index.js';

// The fixtures and the verifier are checked against an independent implementation: OpenSSL.
const now = new Date('2025-06-01T00:00:00Z');
let keys: TestPkiKeys;
let directory: string;

beforeAll(() => {
  keys = generateTestPkiKeys('rsa');
  directory = mkdtempSync(join(tmpdir(), 'gcis-x509-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function opensslAccepts(pki: TestPki, name: string): boolean {
  const file = (suffix: string, text: string) => {
    const path = join(directory, `${name}-${suffix}.pem`);
    writeFileSync(path, text);
    return path;
  };
  const crls = toPem('X509 CRL', pki.rootCrl) + toPem('X509 CRL', pki.intermediateCrl);
  const result = spawnSync('openssl', [
    'verify', '-x509_strict', '-crl_check_all',
    '-attime', String(Math.floor(pki.now.getTime() / 1000)),
    '-CAfile', file('root', pki.root.pem),
    '-untrusted', file('intermediate', pki.intermediate.pem),
    '-CRLfile', file('crls', crls),
    file('leaf', pki.leaf.pem),
  ], { encoding: 'utf8' });
  return result.status === 0;
}

// Left out where the rules differ on purpose: OpenSSL checks no leaf keyUsage without a
// -purpose, and takes a CRL without nextUpdate as current; here both are refused.
const compared: TestPkiVariant[] = [
  'valid', 'expired', 'not-yet-valid', 'revoked', 'other-root', 'issuer-not-ca', 'path-length-exceeded',
  'unknown-critical-extension', 'bad-signature', 'issuer-without-key-cert-sign', 'issuer-without-crl-sign',
  'crl-wrong-key', 'stale-crl',
];

describe('cross-check with openssl verify -crl_check_all', () => {
  it('accepts the generated chain (RSA and EC) as OpenSSL does', () => {
    for (const pki of [buildTestPki({ now, keys }), buildTestPki({ now, keyType: 'ec' })]) {
      expect(opensslAccepts(pki, `valid-${pki.leaf.serialHex}`)).toBe(true);
      expect(verifyCertificatePath({ leaf: pki.leaf.der, intermediates: pki.intermediates, trustAnchors: pki.trustAnchors, crls: pki.crls, at: now, revocation: 'require' }).ok).toBe(true);
    }
  });

  it('agrees with OpenSSL on every comparable variant', () => {
    const verdicts = compared.map((variant) => {
      const pki = buildTestPki({ now, keys, variant });
      const ours = verifyCertificatePath({ leaf: pki.leaf.der, intermediates: pki.intermediates, trustAnchors: pki.trustAnchors, crls: pki.crls, at: now, revocation: 'require' });
      return { variant, openssl: opensslAccepts(pki, variant), ours: ours.ok };
    });
    expect(verdicts).toEqual(compared.map((variant) => ({ variant, openssl: variant === 'valid', ours: variant === 'valid' })));
  });

  it('reads the 16-byte serial the same way as openssl x509 -serial', () => {
    const pki = buildTestPki({ now, keys });
    const printed = execFileSync('openssl', ['x509', '-noout', '-serial'], { input: pki.leaf.pem, encoding: 'utf8' });
    expect(normalizeSerialHex(printed.trim().replace(/^serial=/, ''))).toBe(parseCertificate(pki.leaf.der).serialHex);
  });
});
