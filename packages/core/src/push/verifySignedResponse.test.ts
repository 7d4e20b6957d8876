import { sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestPki, generateTestPkiKeys, type TestPki, type TestPkiVariant } from '../x509/testing/index.js';
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
    expect(result).toMatchObject({ ok: true, identity: { idLast4: '6789', name: '王小明' } });
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

  it("refuses a valid certificate of someone else: other last 4 digits, or the service's hash of another ID", () => {
    const pki = buildTestPki({ keys: ecKeys });
    expect(answer(pki, { nationalId: 'A123451238' })).toMatchObject({ ok: false, code: 'ERR_PUSH_IDENTITY' });
    expect(answer(pki, { hashedIdNum: hashIdNum('B123456780') })).toMatchObject({ ok: false, code: 'ERR_PUSH_IDENTITY' });
  });

  it('calls a malformed certificate a rejection', () => {
    const pki = buildTestPki({ keys: ecKeys });
    expect(answer(pki, { certificate: new Uint8Array([48, 3, 1, 1, 0]) })).toMatchObject({ ok: false, code: 'ERR_PUSH_SIGNATURE' });
  });
});
