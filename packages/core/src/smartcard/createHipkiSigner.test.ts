import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { isGcisError } from '../errors.js';
import { buildTestPki, type TestPki } from '../x509/testing/buildTestPki.js';
import { createHipkiSigner } from './createHipkiSigner.js';
import { isPinError, type CardCertificate } from './index.js';
import { startHipkiStandIn, type HipkiStandIn } from './testing/startHipkiStandIn.js';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (isGcisError(error) ? error.code : error),
  );
const data = new TextEncoder().encode('challenge to sign');
const cardSerial = 'TP03000012345678';

let pki: TestPki;
beforeAll(() => {
  pki = buildTestPki();
});

/** A fresh stand-in per test: its PIN counter is per card. */
async function withStandIn(test: (standIn: HipkiStandIn, certificate: CardCertificate) => Promise<void>) {
  const standIn = await startHipkiStandIn({ certificateDer: pki.leaf.der, privateKey: pki.leaf.privateKey, pin: '123456', cardSerial });
  try {
    const [certificate] = await createHipkiSigner({ baseUrl: standIn.baseUrl }).listCertificates();
    await test(standIn, certificate!);
  } finally {
    await standIn.close();
  }
}

describe('createHipkiSigner', () => {
  it('lists the card certificate from /pkcs11info', () =>
    withStandIn(async (standIn, certificate) => {
      expect(certificate).toMatchObject({
        slotId: '0',
        reader: 'Stand-in Reader 00',
        tokenSerial: cardSerial,
        keyType: 'RSA',
        label: 'cert1',
        pinStatus: { countLow: false, finalTry: false, locked: false },
      });
      expect(certificate.subject).toContain('CN=王小明');
      expect(Buffer.from(certificate.certificate).equals(Buffer.from(pki.leaf.der))).toBe(true);
      expect(standIn.requests).toEqual([{ path: '/pkcs11info' }]);
    }));

  it('signs through /sign with a PKCS1 tbsPackage; the certificate key verifies the signature', () =>
    withStandIn(async (standIn, certificate) => {
      const signature = await createHipkiSigner({ baseUrl: standIn.baseUrl }).sign({ certificate, data, pin: '123456' });
      expect(verify('sha256', data, createPublicKey(pki.leaf.pem), signature)).toBe(true);
      expect(standIn.requests.at(-1)?.tbsPackage).toMatchObject({
        tbs: Buffer.from(data).toString('base64'),
        tbsEncoding: 'base64',
        hashAlgorithm: 'SHA256',
        withCardSN: 'true',
        pin: '123456',
        func: 'MakeSignature',
        signatureType: 'PKCS1',
        nonce: expect.stringMatching(/^[0-9A-F]{32}$/),
      });
    }));

  it('reports tries left after each wrong PIN, then the lock, sending each PIN once', () =>
    withStandIn(async (standIn, certificate) => {
      const signer = createHipkiSigner({ baseUrl: standIn.baseUrl });
      const attempt = () => signer.sign({ certificate, data, pin: '000000' }).catch((error: unknown) => error);
      const first = await attempt();
      expect(isGcisError(first, 'ERR_PIN_INCORRECT')).toBe(true);
      expect(isPinError(first) && first.pinStatus).toMatchObject({ countLow: true, finalTry: false });
      const second = await attempt();
      expect(isPinError(second) && second.pinStatus).toMatchObject({ countLow: true, finalTry: true });
      const third = await attempt();
      expect(isGcisError(third, 'ERR_PIN_LOCKED')).toBe(true);
      expect(await codeOf(signer.sign({ certificate, data, pin: '123456' }))).toBe('ERR_PIN_LOCKED');
      expect(standIn.requests.filter(({ path }) => path === '/sign')).toHaveLength(4);
    }));

  it('refuses a malformed PIN without sending it', () =>
    withStandIn(async (standIn, certificate) => {
      const signer = createHipkiSigner({ baseUrl: standIn.baseUrl });
      expect(await codeOf(signer.sign({ certificate, data, pin: '12345' }))).toBe('ERR_PIN_FORMAT');
      expect(standIn.requests.some(({ path }) => path === '/sign')).toBe(false);
    }));

  it('fails with ERR_NO_CARD when the card is taken out', () =>
    withStandIn(async (standIn, certificate) => {
      const signer = createHipkiSigner({ baseUrl: standIn.baseUrl });
      standIn.removeCard();
      expect(await codeOf(signer.listCertificates())).toBe('ERR_NO_CARD');
      expect(await codeOf(signer.sign({ certificate, data, pin: '123456' }))).toBe('ERR_NO_CARD');
    }));

  it('fails with ERR_CARD_CERT_NOT_FOUND when the card signs with another certificate', () =>
    withStandIn(async (standIn, certificate) => {
      const other = { ...certificate, certificate: pki.intermediate.der };
      expect(await codeOf(createHipkiSigner({ baseUrl: standIn.baseUrl }).sign({ certificate: other, data, pin: '123456' }))).toBe(
        'ERR_CARD_CERT_NOT_FOUND',
      );
    }));

  it('fails with ERR_NO_CARD when the local server is not running', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    expect(await codeOf(createHipkiSigner({ baseUrl: `http://127.0.0.1:${closedPort}` }).listCertificates())).toBe('ERR_NO_CARD');
  });

  it('fails with ERR_HIPKI on an HTTP error', async () => {
    const fetch = async () => new Response('busy', { status: 503 });
    expect(await codeOf(createHipkiSigner({ fetch }).listCertificates())).toBe('ERR_HIPKI');
  });
});

