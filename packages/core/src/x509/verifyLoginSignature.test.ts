import { execFile } from 'node:child_process';
import { sign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { Attribute, ContentInfo, SignedData, SignerInfo } from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLoginSignature, createPkcs11Signer, loginAttributeOids, signedLoginContent, type Signer } from '../smartcard/index.js';
import { createKeySigner } from '../smartcard/testing/createKeySigner.js';
import { createTestCard, type TestCard } from '../smartcard/testing/createTestCard.js';
import { verifyLoginSignature, type LoginSignatureInput, type VerifyLoginSignatureOptions } from './index.js';
import { buildLargeCrl, buildTestPki, generateTestPkiKeys, issueCertificate, type TestCertificate, type TestPki } from './testing/index.js';

const run = promisify(execFile);
const now = new Date('2026-03-01T02:03:04Z');
const origin = 'https://gcis.example';
const challenge = 'hJ8u1vWq0b3lq6m8Zr2dXk7sJvYQeA0pN4cT9yLwU1E';
const nonce = Buffer.from(challenge, 'base64url');
const keys = generateTestPkiKeys('rsa');
const pki = buildTestPki({ now, keys });

type SignOptions = { leaf?: Pick<TestCertificate, 'der' | 'privateKey'>; content?: Uint8Array; signingTime?: Date; cardSerial?: string };

/** A login signature as the CLI makes it, from an in-process key. */
async function signLogin({ leaf = pki.leaf, content, signingTime = now, cardSerial = 'TP03000012345678' }: SignOptions = {}) {
  const signer = createKeySigner(leaf);
  const body = content ?? signedLoginContent({ challenge, origin, issuedAt: now });
  return buildLoginSignature({ signer, certificate: signer.certificate, pin: '123456', content: body, nonce, signingTime, cardSerial });
}

function verify(input: LoginSignatureInput, options: Partial<VerifyLoginSignatureOptions> & { pki?: TestPki } = {}) {
  const { pki: chain = pki, ...rest } = options;
  return verifyLoginSignature(input, {
    challenge,
    origin,
    at: now,
    trustAnchors: chain.trustAnchors,
    intermediates: chain.intermediates,
    crls: chain.crls,
    revocation: 'require',
    ...rest,
  });
}

/** Edits a SignedData with pkijs and signs every SignerInfo's attributes again, so only the edit is wrong. */
function forge(der: Uint8Array, edit: (signedData: SignedData) => void, privateKey = pki.leaf.privateKey): Uint8Array {
  const signedData = new SignedData({ schema: ContentInfo.fromBER(der).content });
  edit(signedData);
  for (const info of signedData.signerInfos) {
    if (!info.signedAttrs) continue;
    const toBeSigned = new Uint8Array(info.signedAttrs.toSchema().toBER());
    toBeSigned[0] = 0x31;
    info.signature = new asn1js.OctetString({ valueHex: sign('sha256', toBeSigned, privateKey) });
  }
  const contentInfo = new ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

const attributesOf = (signedData: SignedData) => signedData.signerInfos[0]!.signedAttrs!.attributes;
const without = (type: string) => (signedData: SignedData) => {
  const attributes = attributesOf(signedData);
  attributes.splice(attributes.findIndex((a) => a.type === type), 1);
};

describe('verifyLoginSignature', () => {
  it('accepts a signature from buildLoginSignature and returns who signed', async () => {
    const result = verify({ signature: await signLogin() });
    expect(result).toMatchObject({
      ok: true,
      identity: {
        name: '王小明',
        serialNumber: '0000000012345678',
        idLast4: '6789',
        issuer: 'OU=測試用自然人憑證管理中心,O=GCIS Test,C=TW',
        serialHex: pki.leaf.serialHex,
        cardSerial: 'TP03000012345678',
      },
      content: { challenge, origin, issuedAt: now },
    });
    expect(result.ok && result.path).toHaveLength(3);
  });

  it('accepts EC keys and the bare PKCS#1 form', async () => {
    const ec = buildTestPki({ now, keyType: 'ec' });
    expect(verify({ signature: await signLogin({ leaf: ec.leaf }) }, { pki: ec }).ok).toBe(true);
    const content = signedLoginContent({ challenge, origin, issuedAt: now });
    const pkcs1 = new Uint8Array(sign('sha256', content, pki.leaf.privateKey));
    expect(verify({ pkcs1, certificate: pki.leaf.der, content }).ok).toBe(true);
    expect(verify({ pkcs1, certificate: pki.leaf.der, content: signedLoginContent({ challenge, origin: 'https://x', issuedAt: now }) })).toMatchObject({
      ok: false,
      code: 'ERR_SIGNATURE_INVALID',
    });
  });

  it('accepts a SignedData made by openssl cms (rsaEncryption, extra attributes)', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const fresh = buildTestPki({ now: at, keys });
    const dir = await mkdtemp(join(tmpdir(), 'gcis-cms-'));
    try {
      await writeFile(join(dir, 'cert.pem'), fresh.leaf.pem);
      await writeFile(join(dir, 'key.pem'), fresh.leaf.privateKeyPem);
      await writeFile(join(dir, 'content'), signedLoginContent({ challenge, origin, issuedAt: at }));
      const args = ['cms', '-sign', '-binary', '-nodetach', '-md', 'sha256', '-outform', 'DER', '-signer', 'cert.pem', '-inkey', 'key.pem', '-in', 'content'];
      const { stdout } = await run('openssl', args, { cwd: dir, encoding: 'buffer' });
      expect(verify({ signature: new Uint8Array(stdout) }, { pki: fresh, at })).toMatchObject({ ok: true, identity: { cardSerial: undefined } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('refuses a forged or malformed SignedData', () => {
    it('with content changed after signing', async () => {
      const der = Buffer.from(await signLogin());
      const at = der.indexOf(Buffer.from(challenge)) + 3;
      der[at] = der[at]! ^ 0x01;
      expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
    });

    it('whose message-digest does not match the content, even when the attributes are signed', async () => {
      const der = forge(await signLogin(), (signedData) => {
        const digest = attributesOf(signedData).find((a) => a.type === loginAttributeOids.messageDigest)!;
        digest.values = [new asn1js.OctetString({ valueHex: new Uint8Array(32) })];
      });
      expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
    });

    it('signed by a key other than the certificate’s', async () => {
      const der = forge(await signLogin(), () => undefined, keys.other.privateKey);
      expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
    });

    it('with two signers', async () => {
      const der = forge(await signLogin(), (signedData) => {
        signedData.signerInfos.push(new SignerInfo({ schema: signedData.signerInfos[0]!.toSchema() }));
      });
      expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED', message: expect.stringContaining('exactly one SignerInfo') });
    });

    it.each([
      ['content-type', loginAttributeOids.contentType],
      ['message-digest', loginAttributeOids.messageDigest],
      ['signing-time', loginAttributeOids.signingTime],
    ])('without the %s attribute', async (name, type) => {
      const der = forge(await signLogin(), without(type));
      expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED', message: expect.stringContaining(name) });
    });

    it('without signed attributes at all', async () => {
      const der = forge(await signLogin(), (signedData) => {
        signedData.signerInfos[0]!.signedAttrs = undefined;
      });
      expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
    });

    it('with an attribute given twice, or a content type other than id-data', async () => {
      const twice = forge(await signLogin(), (signedData) => {
        attributesOf(signedData).push(new Attribute({ type: loginAttributeOids.signingTime, values: [new asn1js.UTCTime({ valueDate: now })] }));
      });
      expect(verify({ signature: twice })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED', message: expect.stringContaining('more than once') });
      const otherType = forge(await signLogin(), (signedData) => {
        const type = attributesOf(signedData).find((a) => a.type === loginAttributeOids.contentType)!;
        type.values = [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.2' })];
      });
      expect(verify({ signature: otherType })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
    });

    it('without the signer certificate', async () => {
      const der = forge(await signLogin(), (signedData) => {
        signedData.certificates = [];
      });
      expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED', message: expect.stringContaining('signer certificate') });
    });

    it('that is not DER at all, or cut short', async () => {
      const der = await signLogin();
      expect(verify({ signature: new TextEncoder().encode('hello') })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
      expect(verify({ signature: der.subarray(0, der.length - 10) })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
      expect(verify({ pkcs1: new Uint8Array(256), certificate: new Uint8Array(3), content: new Uint8Array(1) })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
    });

    it('over content that is not the canonical {challenge, origin, issuedAt}', async () => {
      const spaced = new TextEncoder().encode(JSON.stringify({ challenge, origin, issuedAt: now.toISOString() }, null, 1));
      expect(verify({ signature: await signLogin({ content: spaced }) })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
      const extra = new TextEncoder().encode(JSON.stringify({ challenge, origin, issuedAt: now.toISOString(), admin: true }));
      expect(verify({ signature: await signLogin({ content: extra }) })).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_MALFORMED' });
    });
  });

  describe('refuses a valid signature made for something else', () => {
    it('another challenge', async () => {
      expect(verify({ signature: await signLogin() }, { challenge: 'another' })).toMatchObject({ ok: false, code: 'ERR_CHALLENGE_MISMATCH' });
    });

    it('another nonce', async () => {
    const der = forge(await signLogin(), (signedData) => {
      const attribute = attributesOf(signedData).find((a) => a.type === loginAttributeOids.randomNonce)!;
      attribute.values = [new asn1js.OctetString({ valueHex: new Uint8Array(32) })];
    });
    expect(verify({ signature: der })).toMatchObject({ ok: false, code: 'ERR_CHALLENGE_MISMATCH', message: expect.stringContaining('nonce') });
  });

  it('another origin', async () => {
      const content = signedLoginContent({ challenge, origin: 'https://gcis.example.evil', issuedAt: now });
      expect(verify({ signature: await signLogin({ content }) })).toMatchObject({ ok: false, code: 'ERR_ORIGIN_MISMATCH' });
    });

    it('another time: issuedAt or signing-time beyond the allowed skew', async () => {
      const old = new Date(now.getTime() - 301_000);
      const content = signedLoginContent({ challenge, origin, issuedAt: old });
      expect(verify({ signature: await signLogin({ content }) })).toMatchObject({ ok: false, code: 'ERR_CHALLENGE_EXPIRED' });
      expect(verify({ signature: await signLogin({ signingTime: new Date(now.getTime() + 400_000) }) })).toMatchObject({ ok: false, code: 'ERR_CHALLENGE_EXPIRED' });
      expect(verify({ signature: await signLogin({ content }) }, { maxSkewSeconds: 600 }).ok).toBe(true);
    });
  });

  describe('validates the signer certificate', () => {
    it.each([
      ['revoked', 'ERR_CERT_REVOKED'],
      ['expired', 'ERR_CERT_EXPIRED'],
      ['other-root', 'ERR_CERT_UNTRUSTED'],
      ['leaf-without-digital-signature', 'ERR_CERT_USAGE'],
      ['stale-crl', 'ERR_CRL_STALE'],
    ] as const)('%s → %s', async (variant, code) => {
      const chain = buildTestPki({ now, keys, variant });
      const anchors = variant === 'other-root' ? pki.trustAnchors : chain.trustAnchors;
      const result = verify({ signature: await signLogin({ leaf: chain.leaf }) }, { pki: chain, trustAnchors: anchors });
      expect(result).toMatchObject({ ok: false, code });
    });

    it("skips CRLs only when told to ('skip')", async () => {
      const chain = buildTestPki({ now, keys, variant: 'stale-crl' });
      expect(verify({ signature: await signLogin({ leaf: chain.leaf }) }, { pki: chain, revocation: 'skip' }).ok).toBe(true);
      expect(verify({ signature: await signLogin() }, { crls: [] })).toMatchObject({ ok: false, code: 'ERR_CRL_MISSING' });
    });

    it('looks the serial up in a large CRL', async () => {
      const issuer = pki.intermediate;
      const large = (extraSerialHexes: string[]) =>
        buildLargeCrl({ issuer, count: 50_000, thisUpdate: now, nextUpdate: new Date(now.getTime() + 86_400_000), extraSerialHexes }).der;
      const signature = await signLogin();
      expect(verify({ signature }, { crls: [pki.rootCrl, large([])] }).ok).toBe(true);
      expect(verify({ signature }, { crls: [pki.rootCrl, large([pki.leaf.serialHex])] })).toMatchObject({ ok: false, code: 'ERR_CERT_REVOKED' });
    });

    it('refuses a trusted certificate that is not a citizen certificate', async () => {
      const { der } = issueCertificate({
        subject: [['C', 'TW'], ['CN', 'Some Server']],
        publicKey: keys.leaf.publicKey,
        issuer: pki.intermediate,
        notBefore: new Date(now.getTime() - 86_400_000),
        notAfter: new Date(now.getTime() + 86_400_000),
        keyUsage: ['digitalSignature'],
      });
      const result = verify({ signature: await signLogin({ leaf: { der, privateKey: keys.leaf.privateKey } }) }, { revocation: 'skip' });
      expect(result).toMatchObject({ ok: false, code: 'ERR_CERT_PROFILE' });
    });

    it('refuses a CA certificate as the signer, though its name and path would pass (RFC 5280 §4.2.1.9)', async () => {
      // The intermediate signs a login with its own key: a citizen-shaped name does not make it an end entity.
      const ca = issueCertificate({
        subject: pki.leaf.name,
        publicKey: keys.leaf.publicKey,
        issuer: pki.intermediate,
        notBefore: new Date(now.getTime() - 86_400_000),
        notAfter: new Date(now.getTime() + 86_400_000),
        basicConstraints: { cA: true },
        keyUsage: ['digitalSignature', 'keyCertSign'],
        idLast4: '6789',
      });
      const signature = await signLogin({ leaf: { der: ca.der, privateKey: keys.leaf.privateKey } });
      expect(verify({ signature }, { revocation: 'skip' })).toMatchObject({ ok: false, code: 'ERR_CERT_PROFILE', rule: 'end-entity-is-ca' });
    });
  });

  it('throws on misuse rather than returning a result', async () => {
    const signature = await signLogin();
    expect(() => verify({ signature }, { at: new Date(Number.NaN) })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => verify({ signature }, { trustAnchors: [] })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });
});

describe('verifyLoginSignature with a SoftHSM card', () => {
  let card: TestCard;
  let signer: Signer;

  beforeAll(async () => {
    card = await createTestCard({ now });
    Object.assign(process.env, card.env);
    signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
  });
  afterAll(async () => {
    await signer?.close();
    await card?.destroy();
  });

  it.each(['RSA', 'EC'] as const)('verifies what the %s key on the card signed', async (keyType) => {
    const certificate = (await signer.listCertificates()).find((c) => c.keyType === keyType)!;
    const content = signedLoginContent({ challenge, origin, issuedAt: now });
    const signature = await buildLoginSignature({ signer, certificate, pin: card.pin, content, nonce, signingTime: now, cardSerial: certificate.tokenSerial });
    const chain = keyType === 'RSA' ? card.rsa : card.ec;
    expect(verify({ signature }, { pki: chain })).toMatchObject({ ok: true, identity: { cardSerial: card.tokenSerial, idLast4: chain.identity.idLast4 } });
    expect(verify({ signature }, { pki: chain, origin: 'https://other.example' })).toMatchObject({ ok: false, code: 'ERR_ORIGIN_MISMATCH' });
  });
});
