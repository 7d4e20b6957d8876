import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { isGcisError } from '../errors.js';
import { buildTestPki, type TestPki } from '../x509/testing/buildTestPki.js';
import { verifyLoginSignature } from '../x509/verifyLoginSignature.js';
import { createHipkiSigner } from './createHipkiSigner.js';
import { isPinError, signedLoginContent, type CardCertificate } from './index.js';
import { startHipkiStandIn, type HipkiStandIn, type HipkiStandInOptions } from './testing/startHipkiStandIn.js';

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
async function withStandIn(test: (standIn: HipkiStandIn, certificate: CardCertificate) => Promise<void>, options: Partial<HipkiStandInOptions> = {}) {
  const standIn = await startHipkiStandIn({ certificateDer: pki.leaf.der, privateKey: pki.leaf.privateKey, pin: '123456', cardSerial, ...options });
  try {
    const origin = options.allowedOrigins?.[0];
    const [certificate] = await createHipkiSigner({ baseUrl: standIn.baseUrl, ...(origin && { origin }) }).listCertificates();
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
      expect(standIn.requests).toEqual([{ path: '/pkcs11info', origin: undefined }]);
    }));

  it('takes no PIN status from token flags, even when a reply carries them: only last_error tells', async () => {
    const standIn = await startHipkiStandIn({ certificateDer: pki.leaf.der, privateKey: pki.leaf.privateKey, pin: '123456', cardSerial });
    try {
      const listing = (await (await fetch(`${standIn.baseUrl}/pkcs11info?withcert=true`, { method: 'POST' })).json()) as { slots: Array<{ token: Record<string, unknown> }> };
      listing.slots[0]!.token.flags = 0x70000; // COUNT_LOW | FINAL_TRY | LOCKED
      const fetchWithFlags = async () => new Response(JSON.stringify(listing));
      const [certificate] = await createHipkiSigner({ fetch: fetchWithFlags }).listCertificates();
      expect(certificate!.pinStatus).toEqual({ countLow: false, finalTry: false, locked: false });
    } finally {
      await standIn.close();
    }
  });

  it('signs through /sign with a PKCS1 tbsPackage, the data as text (tbsEncoding NONE) by default', () =>
    withStandIn(async (standIn, certificate) => {
      const signature = await createHipkiSigner({ baseUrl: standIn.baseUrl }).sign({ certificate, data, pin: '123456' });
      expect(verify('sha256', data, createPublicKey(pki.leaf.pem), signature)).toBe(true);
      const request = standIn.requests.at(-1)!;
      expect(Buffer.from(request.signed!).equals(Buffer.from(data))).toBe(true);
      expect(request.tbsPackage).toMatchObject({
        tbs: 'challenge to sign',
        tbsEncoding: 'NONE',
        hashAlgorithm: 'SHA256',
        withCardSN: 'true',
        pin: '123456',
        func: 'MakeSignature',
        signatureType: 'PKCS1',
        nonce: expect.stringMatching(/^[0-9A-F]{32}$/),
      });
    }));

  it('sends base64 when told to, and the stand-in signs the same bytes', () =>
    withStandIn(async (standIn, certificate) => {
      const binary = new Uint8Array([0x31, 0x00, 0xff, 0xfe, 0x80]);
      const signature = await createHipkiSigner({ baseUrl: standIn.baseUrl, tbsEncoding: 'base64' }).sign({ certificate, data: binary, pin: '123456' });
      expect(verify('sha256', binary, createPublicKey(pki.leaf.pem), signature)).toBe(true);
      expect(standIn.requests.at(-1)!.tbsPackage).toMatchObject({ tbs: Buffer.from(binary).toString('base64'), tbsEncoding: 'base64' });
    }));

  it('refuses binary data with tbsEncoding NONE before the PIN leaves (no try spent)', () =>
    withStandIn(async (standIn, certificate) => {
      const signer = createHipkiSigner({ baseUrl: standIn.baseUrl });
      for (const binary of [new Uint8Array([0xff, 0xfe]), new Uint8Array([0xc3, 0x28]), new Uint8Array([0xed, 0xa0, 0x80])]) {
        expect(await codeOf(signer.sign({ certificate, data: binary, pin: '000000' }))).toBe('ERR_INVALID_INPUT');
      }
      expect(standIn.requests.some(({ path }) => path === '/sign')).toBe(false);
      expect(await codeOf(signer.sign({ certificate, data, pin: '123456' }))).toBe('resolved'); // all 3 tries still there
    }));

  it.each(['NONE', 'base64'] as const)('gets a PKCS7 the server verifies as a login (tbsEncoding %s)', (tbsEncoding) =>
    withStandIn(async (standIn, certificate) => {
      const challenge = Buffer.alloc(32, 7).toString('base64url');
      const content = signedLoginContent({ challenge, origin: 'https://gcis.example', issuedAt: new Date() });
      const nonce = Buffer.from(challenge, 'base64url').toString('hex').toUpperCase();
      const signer = createHipkiSigner({ baseUrl: standIn.baseUrl, tbsEncoding });
      const { signatureType, signature, cardSerial: serial } = await signer.makeSignature({ certificate, data: content, pin: '123456', signatureType: 'PKCS7', nonce });
      expect([signatureType, serial]).toEqual(['PKCS7', cardSerial]);
      expect(standIn.requests.at(-1)!.tbsPackage).toMatchObject({ signatureType: 'PKCS7', tbsEncoding, nonce });
      const verified = verifyLoginSignature(
        { signature },
        { challenge, origin: 'https://gcis.example', at: new Date(), trustAnchors: pki.trustAnchors, intermediates: pki.intermediates, revocation: 'skip' },
      );
      expect(verified).toMatchObject({ ok: true, identity: { cardSerial } });
    }));

  it('sends the Origin it is given, and none unless given', () =>
    withStandIn(async (standIn, certificate) => {
      await createHipkiSigner({ baseUrl: standIn.baseUrl, origin: 'https://gcis.example' }).sign({ certificate, data, pin: '123456' });
      expect(standIn.requests.at(-1)!.origin).toBe('https://gcis.example');
      await createHipkiSigner({ baseUrl: standIn.baseUrl }).sign({ certificate, data, pin: '123456' });
      expect(standIn.requests.at(-1)!.origin).toBeUndefined();
    }));

  it('maps a forbidden page origin (0x7600000F) to ERR_HIPKI_ORIGIN, and the allowed origin works', async () => {
    const allowed = 'https://portal.example';
    await withStandIn(
      async (standIn, certificate) => {
        for (const origin of [undefined, 'https://evil.example', `${allowed}.evil.example`]) {
          const signer = createHipkiSigner({ baseUrl: standIn.baseUrl, ...(origin && { origin }) });
          expect(await codeOf(signer.listCertificates())).toBe('ERR_HIPKI_ORIGIN');
          expect(await codeOf(signer.sign({ certificate, data, pin: '123456' }))).toBe('ERR_HIPKI_ORIGIN');
        }
        expect(await codeOf(createHipkiSigner({ baseUrl: standIn.baseUrl, origin: allowed }).sign({ certificate, data, pin: '123456' }))).toBe('resolved');
      },
      { allowedOrigins: [allowed] },
    );
  });

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

