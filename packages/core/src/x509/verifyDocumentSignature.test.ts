import { describe, expect, it } from 'vitest';
import { Certificate } from 'pkijs';
import { buildDocumentSignature } from '../smartcard/buildDocumentSignature.js';
import { buildSignedData } from '../smartcard/lib/buildSignedData.js';
import { contentAttributes, signingCertificateV2Attribute, signingTimeAttribute, sortAttributes } from '../smartcard/lib/signedAttributes.js';
import { createKeySigner } from '../smartcard/testing/createKeySigner.js';
import { buildTestPki, generateTestPkiKeys } from './testing/buildTestPki.js';
import { verifyDocumentSignature } from './verifyDocumentSignature.js';

const now = new Date('2026-11-27T02:00:00Z');
const keys = generateTestPkiKeys('ec');
const pki = buildTestPki({ now, keys });
const document = new TextEncoder().encode('公司變更登記表 v1');
const trust = { at: now, trustAnchors: pki.trustAnchors, crls: pki.crls, revocation: 'require' as const };

async function sign(options: { detached?: boolean; chain?: Uint8Array[]; of?: typeof pki } = {}) {
  const { of = pki, ...rest } = options;
  const card = createKeySigner(of.leaf);
  return buildDocumentSignature({ signer: card, certificate: card.certificate, pin: '123456', content: document, signingTime: now, chain: [of.intermediate.der], ...rest });
}

describe('verifyDocumentSignature', () => {
  it('accepts a detached signature with its document and names the signer', async () => {
    const result = verifyDocumentSignature(await sign(), { ...trust, content: document });
    expect(result).toMatchObject({ ok: true, detached: true, signingTime: now, signer: { name: pki.identity.name, idLast4: pki.identity.idLast4, serialHex: pki.leaf.serialHex } });
  });

  it('accepts an attached signature alone and returns its document', async () => {
    const result = verifyDocumentSignature(await sign({ detached: false }), trust);
    expect(result.ok && Buffer.from(result.content).equals(Buffer.from(document))).toBe(true);
  });

  it('refuses a document differing by one byte', async () => {
    const changed = new Uint8Array(document);
    changed[0]! ^= 0x01;
    expect(verifyDocumentSignature(await sign(), { ...trust, content: changed })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
  });

  it('refuses an attached signature given with another document', async () => {
    expect(verifyDocumentSignature(await sign({ detached: false }), { ...trust, content: new Uint8Array(3) })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
  });

  it('asks for the document of a detached signature', async () => {
    expect(verifyDocumentSignature(await sign(), trust)).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
  });

  it('refuses bytes that are not a SignedData, and a signature cut short', async () => {
    const cms = await sign();
    expect(verifyDocumentSignature(new Uint8Array([0x30, 0x03, 1, 2, 3]), trust)).toMatchObject({ code: 'ERR_SIGNATURE_MALFORMED' });
    expect(verifyDocumentSignature(cms.subarray(0, cms.length - 1), { ...trust, content: document })).toMatchObject({ code: 'ERR_SIGNATURE_MALFORMED' });
  });

  it('refuses a signing-certificate-v2 that names another certificate of the same key', async () => {
    const twin = buildTestPki({ now, keys, identity: { name: '林小華' } });
    const card = createKeySigner(pki.leaf);
    const cms = await buildSignedData({
      signer: card,
      certificate: card.certificate,
      pin: '123456',
      content: document,
      detached: true,
      chain: [pki.intermediate.der],
      attributes: (digest) =>
        sortAttributes([...contentAttributes(digest), signingTimeAttribute(now), signingCertificateV2Attribute(twin.leaf.der, Certificate.fromBER(twin.leaf.der))]),
    });
    expect(verifyDocumentSignature(cms, { ...trust, content: document })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
  });

  it.each([
    ['revoked', 'ERR_CERT_REVOKED'],
    ['expired', 'ERR_CERT_EXPIRED'],
    ['other-root', 'ERR_CERT_UNTRUSTED'],
    ['leaf-without-digital-signature', 'ERR_CERT_USAGE'],
  ] as const)('refuses a signer whose certificate is %s with %s', async (variant, code) => {
    const bad = buildTestPki({ now, keys, variant });
    const result = verifyDocumentSignature(await sign({ of: bad }), { ...trust, content: document, crls: [...pki.crls, ...bad.crls] });
    expect(result).toMatchObject({ ok: false, code });
  });

  it('fails closed without a CRL unless revocation is skipped', async () => {
    const cms = await sign();
    expect(verifyDocumentSignature(cms, { ...trust, content: document, crls: [] })).toMatchObject({ ok: false, code: 'ERR_CRL_MISSING' });
    expect(verifyDocumentSignature(cms, { ...trust, content: document, crls: [], revocation: 'skip' })).toMatchObject({ ok: true });
  });
});
