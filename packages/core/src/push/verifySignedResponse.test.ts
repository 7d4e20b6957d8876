import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestPki, generateTestPkiKeys, issueCertificate, type TestPki, type TestPkiVariant } from '../x509/testing/index.js';
import { signPushRequest } from './device/signPushRequest.js';
import { hashIdNum } from './hashIdNum.js';
import { pushSignData, pushSignInfo } from './pushSignData.js';
import { verifySignedResponse } from './verifySignedResponse.js';

const rsaKeys = generateTestPkiKeys('rsa');
const ecKeys = generateTestPkiKeys('ec');
const nationalId = 'A123456789'; // the test PKI's leaf carries 6789
const signInfo = pushSignInfo(pushSignData({ transactionId: 'tx-1', matchCode: '42', origin: 'http://127.0.0.1:8470' }));

function answer(pki: TestPki, overrides: Partial<Parameters<typeof verifySignedResponse>[0]> = {}) {
  return verifySignedResponse({
    signedResponse: signPushRequest({ privateKey: pki.leaf.privateKey, signInfo }),
    certificate: pki.leaf.der,
    signInfo,
    nationalId,
    hashedIdNum: hashIdNum(nationalId),
    at: pki.now,
    trustAnchors: pki.trustAnchors,
    intermediates: pki.intermediates,
    crls: pki.crls,
    revocation: 'require',
    ...overrides,
  });
}

describe('verifySignedResponse', () => {
  it.each([
    ['RSA (PKCS#1 v1.5)', rsaKeys],
    ['EC (ECDSA)', ecKeys],
  ])('accepts a %s signature over the sent sign data by a certificate for that ID', (_, keys) => {
    const pki = buildTestPki({ keys });
    const result = answer(pki);
    expect(result).toMatchObject({ ok: true, identity: { idLast4: '6789', name: '王小明' }, identitySource: 'certificate', hashedIdNumMatches: true });
  });

  it('refuses a signature over other sign data (a signature made for another transaction)', () => {
    const pki = buildTestPki({ keys: rsaKeys });
    const other = pushSignInfo(pushSignData({ transactionId: 'tx-0', matchCode: '42', origin: 'http://127.0.0.1:8470' }));
    const result = answer(pki, { signedResponse: signPushRequest({ privateKey: pki.leaf.privateKey, signInfo: other }) });
    expect(result).toMatchObject({ ok: false, code: 'ERR_PUSH_SIGNATURE' });
  });

  it('refuses a signature by another key than the certificate', () => {
    const pki = buildTestPki({ keys: rsaKeys });
    const forged = sign('sha256', Buffer.from(signInfo.sign_data, 'base64'), rsaKeys.other.privateKey).toString('base64');
    expect(answer(pki, { signedResponse: forged })).toMatchObject({ ok: false, code: 'ERR_PUSH_SIGNATURE' });
  });

  it.each<[TestPkiVariant, string]>([
    ['other-root', 'ERR_CERT_UNTRUSTED'],
    ['expired', 'ERR_CERT_EXPIRED'],
    ['leaf-without-digital-signature', 'ERR_CERT_USAGE'],
    ['revoked', 'ERR_CERT_REVOKED'],
  ])('refuses a certificate whose path fails (%s → %s)', (variant, code) => {
    expect(answer(buildTestPki({ keys: rsaKeys, variant }))).toMatchObject({ ok: false, code });
  });

  it('refuses when no trust anchor is configured, rather than throwing', () => {
    expect(answer(buildTestPki({ keys: ecKeys }), { trustAnchors: [] })).toMatchObject({ ok: false, code: 'ERR_CERT_UNTRUSTED' });
  });

  it('refuses a card-profile certificate with other last 4 digits, whatever the settings', () => {
    const pki = buildTestPki({ keys: ecKeys });
    for (const requireCardProfile of [false, true]) {
      expect(answer(pki, { nationalId: 'A123451238', requireCardProfile })).toMatchObject({ ok: false, code: 'ERR_PUSH_IDENTITY' });
    }
  });

  it('with verifyHashedIdNum, refuses a hashed_id_num that is not the hex SHA-256 of the ID', () => {
    const pki = buildTestPki({ keys: ecKeys });
    const base64 = Buffer.from(hashIdNum(nationalId), 'hex').toString('base64');
    for (const hashedIdNum of [hashIdNum('B123456780'), base64, '', hashIdNum(nationalId).slice(1)]) {
      expect(answer(pki, { hashedIdNum, verifyHashedIdNum: true })).toMatchObject({ ok: false, code: 'ERR_PUSH_IDENTITY' });
    }
    expect(answer(pki, { hashedIdNum: hashIdNum(nationalId).toUpperCase(), verifyHashedIdNum: true })).toMatchObject({ ok: true, hashedIdNumMatches: true });
  });

  it('by default records a differing hashed_id_num and still accepts: the signature and path decide', () => {
    const pki = buildTestPki({ keys: ecKeys });
    for (const hashedIdNum of [hashIdNum('B123456780'), '', 'opaque-token']) {
      expect(answer(pki, { hashedIdNum })).toMatchObject({ ok: true, hashedIdNumMatches: false, identitySource: 'certificate' });
    }
  });

  describe('a phone certificate without the card profile', () => {
    /** The test PKI's intermediate issues the phone a certificate naming only C and CN: no serialNumber, no last 4 digits. */
    function bareLeaf(pki: TestPki, extras: { idLast4?: string } = {}) {
      const der = issueCertificate({
        subject: [['C', 'TW'], ['CN', '王小明']],
        publicKey: pki.leaf.publicKey,
        issuer: { name: pki.intermediate.name, privateKey: pki.intermediate.privateKey, publicKey: pki.intermediate.publicKey },
        notBefore: new Date(pki.now.getTime() - 86_400_000),
        notAfter: new Date(pki.now.getTime() + 86_400_000),
        keyUsage: ['digitalSignature'],
        ...extras,
      }).der;
      return { certificate: der, revocation: 'skip' as const };
    }

    it('is taken as the holder this server pushed to, by default', () => {
      const pki = buildTestPki({ keys: ecKeys });
      expect(answer(pki, bareLeaf(pki))).toMatchObject({ ok: true, identity: undefined, identitySource: 'transaction' });
    });

    it('is refused with requireCardProfile', () => {
      const pki = buildTestPki({ keys: ecKeys });
      expect(answer(pki, { ...bareLeaf(pki), requireCardProfile: true })).toMatchObject({ ok: false, code: 'ERR_PUSH_IDENTITY' });
    });

    it('still needs the signature over this server\'s own sign data and a trusted path', () => {
      const pki = buildTestPki({ keys: ecKeys });
      const other = pushSignInfo(pushSignData({ transactionId: 'tx-0', matchCode: '42', origin: 'http://127.0.0.1:8470' }));
      expect(answer(pki, { ...bareLeaf(pki), signedResponse: signPushRequest({ privateKey: pki.leaf.privateKey, signInfo: other }) })).toMatchObject({
        ok: false,
        code: 'ERR_PUSH_SIGNATURE',
      });
      // A CA of the same name with another key: the leaf's AKI names a key the trust does not have.
      const impostor = buildTestPki({ keys: generateTestPkiKeys('ec') });
      expect(answer(pki, { ...bareLeaf(impostor) })).toMatchObject({ ok: false, code: 'ERR_CERT_UNTRUSTED' });
      expect(answer(pki, { ...bareLeaf(pki), trustAnchors: impostor.trustAnchors })).toMatchObject({ ok: false, code: 'ERR_CERT_UNTRUSTED' });
    });

    it('is refused when it claims last 4 digits that cannot be read (a claim is checked, never skipped)', () => {
      const pki = buildTestPki({ keys: ecKeys });
      // idLast4 without a serialNumber in the subject: the card profile cannot be read, but the digits are claimed.
      expect(answer(pki, bareLeaf(pki, { idLast4: '6789' }))).toMatchObject({ ok: false, code: 'ERR_PUSH_IDENTITY' });
    });
  });

  it('calls a malformed certificate a rejection', () => {
    const pki = buildTestPki({ keys: ecKeys });
    expect(answer(pki, { certificate: new Uint8Array([48, 3, 1, 1, 0]) })).toMatchObject({ ok: false, code: 'ERR_PUSH_SIGNATURE' });
  });
});
