import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPathTrap, generateTestKeyPair, type PathTrap, type TestKeyPair } from './testing/index.js';
import { verifyCertificatePath } from './index.js';

// Inputs built to make path building do unbounded work; the budgets are tightened in the
// tests so that "the work stayed small" is an assertion rather than a timing.
let keys: TestKeyPair[];
beforeAll(() => {
  keys = Array.from({ length: 10 }, () => generateTestKeyPair('ec-p256'));
});

const verify = (trap: PathTrap, limits: { maxPathCandidates?: number; maxSignatureChecks?: number; maxPathLength?: number } = {}) => {
  const result = verifyCertificatePath({ ...trap, revocation: 'skip', ...limits });
  return result.ok ? `ok:${result.path.length}` : result.code;
};

describe('bounded path building', () => {
  it('answers for 32 same-name, same-key CAs after one candidate each and one signature check', () => {
    const trap = buildPathTrap('same-name-same-key', 32, { keys });
    expect(verify(trap, { maxPathCandidates: 32, maxSignatureChecks: 1 })).toBe('ERR_CERT_UNTRUSTED');
    expect(verify(trap, { maxPathCandidates: 31 })).toBe('ERR_PATH_BUDGET');
  });

  it('still finds the way out of 32 same-name, same-key CAs when one is certified by the root', () => {
    const trap = buildPathTrap('same-name-same-key', 32, { keys, reachable: true });
    expect(verify(trap, { maxPathCandidates: 34, maxSignatureChecks: 2 })).toBe('ok:3');
  });

  it('leaves a ring of cross-certificates once every CA has been visited', () => {
    const trap = buildPathTrap('cross-loop', 6, { keys });
    expect(verify(trap, { maxPathLength: 20, maxPathCandidates: 6, maxSignatureChecks: 6 })).toBe('ERR_CERT_UNTRUSTED');
    expect(verify(buildPathTrap('cross-loop', 4, { keys, reachable: true }), { maxPathCandidates: 8 })).toBe('ok:6');
  });

  it('gives up on a full mesh of cross-certified CAs with ERR_PATH_BUDGET under the default budget', () => {
    const trap = buildPathTrap('mesh', 8, { keys });
    expect(trap.intermediates).toHaveLength(56);
    expect(verify(trap)).toBe('ERR_PATH_BUDGET');
    // A mesh too small to exhaust the budget ends with the plain answer.
    expect(verify(buildPathTrap('mesh', 3, { keys }))).toBe('ERR_CERT_UNTRUSTED');
  });

  it('counts the signature budget separately from the candidate budget', () => {
    const trap = buildPathTrap('mesh', 8, { keys });
    expect(verify(trap, { maxPathCandidates: 10_000, maxSignatureChecks: 5 })).toBe('ERR_PATH_BUDGET');
  });

  it('shares one budget with the paths of CRL signers validated along the way (PKITS 4.4.19: a separate CRL key)', () => {
    const read = (path: string) => new Uint8Array(readFileSync(new URL(`./testing/pkits/${path}`, import.meta.url)));
    const options = {
      leaf: read('certs/ValidSeparateCertificateandCRLKeysTest19EE.crt'),
      intermediates: ['SeparateCertificateandCRLKeysCertificateSigningCACert.crt', 'SeparateCertificateandCRLKeysCRLSigningCert.crt'].map((name) => read(`certs/${name}`)),
      trustAnchors: [read('certs/TrustAnchorRootCertificate.crt')],
      crls: [read('crls/TrustAnchorRootCRL.crl'), read('crls/SeparateCertificateandCRLKeysCRL.crl')],
      at: new Date('2022-05-01T00:00:00Z'),
      revocation: 'require' as const,
      requiredLeafKeyUsage: [],
    };
    // leaf → CA → anchor is 2 candidates and 2 signatures; the CRL signer's own path → anchor one more of each.
    expect(verifyCertificatePath({ ...options, maxPathCandidates: 3, maxSignatureChecks: 3 }).ok).toBe(true);
    expect(verifyCertificatePath({ ...options, maxPathCandidates: 2 })).toMatchObject({ ok: false, code: 'ERR_PATH_BUDGET' });
    expect(verifyCertificatePath({ ...options, maxSignatureChecks: 2 })).toMatchObject({ ok: false, code: 'ERR_PATH_BUDGET' });
  });

  it('refuses budgets that are not positive integers (misuse throws)', () => {
    const trap = buildPathTrap('cross-loop', 2, { keys });
    for (const limits of [{ maxPathCandidates: 0 }, { maxSignatureChecks: 1.5 }, { maxPathLength: 1 }]) {
      expect(() => verifyCertificatePath({ ...trap, revocation: 'skip', ...limits })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    }
  });
});
