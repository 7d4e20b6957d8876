import { createPublicKey, verify } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedLoginContent } from '@gcis/core/smartcard';
import { createSoftHsm, createTestCard, startHipkiStandIn, type TestCard } from '@gcis/core/smartcard/testing';
import { login, type LoginOptions } from '../commands/login.js';
import type { Env } from '../deps.js';
import { exitCodeFor } from '../errors/exitCodes.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { session, startFakeServer } from '../testing/fakeServer.js';

// The real signers under the CLI: a SoftHSM2 token through pkcs11js, and the HiPKI stand-in.
const now = '2026-11-27T02:00:10Z';
const challenge = { challengeId: 'ch-1', challenge: Buffer.alloc(32, 9).toString('base64url'), expiresAt: '2026-11-27T02:05:10.000Z' };
const logins = vi.spyOn(pkcs11js.PKCS11.prototype, 'C_Login');

let card: TestCard;
beforeAll(async () => {
  card = await createTestCard({ pin: '24681357', now: new Date(now) });
});
afterEach(() => logins.mockClear());
afterAll(() => card?.destroy());

async function loginWith(env: Env, flags: Omit<LoginOptions, 'server'> = {}) {
  Object.assign(process.env, card.env); // SoftHSM reads SOFTHSM2_CONF from the process at each C_Initialize
  const server = await startFakeServer({
    'POST /v1/login/certificate/challenge': { status: 200, body: challenge },
    'POST /v1/login/certificate': { status: 200, body: session({ method: 'certificate' }) },
  });
  const fake = await fakeDeps({ now, env });
  const result = await login({ server: server.url, method: 'cert', ...flags }, fake.deps).then(
    () => undefined,
    (error: unknown) => error,
  );
  const sent = server.requests.find((request) => request.path === '/v1/login/certificate')?.body as { signature?: string } | undefined;
  return { ...fake, server, error: result, cms: sent?.signature === undefined ? undefined : Buffer.from(sent.signature, 'base64') };
}

describe('gcis login --method cert on a SoftHSM2 card', () => {
  it('signs with the key --certificate names, logging in to the card once', async () => {
    const { cms, error, server } = await loginWith({ GCIS_PKCS11_MODULE: card.modulePath, GCIS_PIN: card.pin }, { certificate: '01' });
    expect(error).toBeUndefined();
    const content = signedLoginContent({ challenge: challenge.challenge, origin: server.url, issuedAt: new Date(now) });
    expect(cms?.includes(Buffer.from(content))).toBe(true);
    expect(cms?.includes(Buffer.from(card.rsa.leaf.der))).toBe(true);
    expect(logins).toHaveBeenCalledTimes(1);
  });

  it('tries a wrong PIN once; the next login warns about it and the right PIN still works', async () => {
    const wrong = await loginWith({ GCIS_PIN: '11112222' }, { pkcs11Module: card.modulePath, certificate: '02' });
    expect(wrong.error).toMatchObject({ code: 'ERR_PIN_INCORRECT', message: expect.stringContaining('few tries left') });
    expect(logins).toHaveBeenCalledTimes(1);
    expect(wrong.server.requests.map((request) => request.path)).toEqual(['/v1/login/certificate/challenge']);

    logins.mockClear();
    const right = await loginWith({ GCIS_PIN: card.pin }, { pkcs11Module: card.modulePath, certificate: '02' });
    expect(right.stderr()).toMatch(/warning: card \w+ reports wrong PINs/);
    expect(right.error).toBeUndefined();
    expect(logins).toHaveBeenCalledTimes(1);
  });

  it('fails with ERR_PKCS11_MODULE for a module that is missing or not a PKCS#11 library', async () => {
    const missing = await loginWith({ GCIS_PIN: card.pin }, { pkcs11Module: '/nonexistent/libcard.so' });
    expect(missing.error).toMatchObject({ code: 'ERR_PKCS11_MODULE' });
    const notAModule = await loginWith({ GCIS_PIN: card.pin, GCIS_PKCS11_MODULE: '/etc/hostname' });
    expect(notAModule.error).toMatchObject({ code: 'ERR_PKCS11_MODULE' });
  });

  it('fails with ERR_NO_CARD when the reader is empty', async () => {
    const empty = await createSoftHsm();
    try {
      Object.assign(process.env, empty.env);
      const fake = await fakeDeps({ now, env: { GCIS_PIN: card.pin } });
      const server = await startFakeServer({});
      const attempt = login({ server: server.url, method: 'cert', pkcs11Module: empty.modulePath }, fake.deps);
      expect(await errorCodeOf(attempt)).toBe('ERR_NO_CARD');
      expect(server.requests).toEqual([]);
    } finally {
      await empty.destroy();
    }
  });
});

describe('gcis login --method cert --signer hipki', () => {
  const cardSerial = 'TP03123456789012';
  const standIn = (allowedOrigins?: string[]) =>
    startHipkiStandIn({ certificateDer: card.rsa.leaf.der, privateKey: card.rsa.leaf.privateKey, pin: card.pin, cardSerial, ...(allowedOrigins && { allowedOrigins }) });
  const sentBody = (server: Awaited<ReturnType<typeof loginWith>>['server']) =>
    server.requests.find((request) => request.path === '/v1/login/certificate')?.body as Record<string, string>;

  it('by default sends the login content as text (tbsEncoding NONE) for a PKCS1 signature, once even with a wrong PIN', async () => {
    const hipki = await standIn();
    try {
      const wrong = await loginWith({ GCIS_HIPKI_URL: hipki.baseUrl, GCIS_PIN: '11112222' }, { signer: 'hipki' });
      expect(wrong.error).toMatchObject({ code: 'ERR_PIN_INCORRECT' });
      expect(hipki.requests.filter((request) => request.path === '/sign')).toHaveLength(1);

      const right = await loginWith({ GCIS_HIPKI_URL: hipki.baseUrl, GCIS_PIN: card.pin }, { signer: 'hipki' });
      expect(right.error).toBeUndefined();
      const content = signedLoginContent({ challenge: challenge.challenge, origin: right.server.url, issuedAt: new Date(now) });
      const sign = hipki.requests.at(-1)!;
      expect(sign.tbsPackage).toMatchObject({ tbs: Buffer.from(content).toString('utf8'), tbsEncoding: 'NONE', signatureType: 'PKCS1' });
      const body = sentBody(right.server);
      expect(Buffer.from(body.content!, 'base64').equals(Buffer.from(content))).toBe(true);
      expect(Buffer.from(body.certificate!, 'base64').equals(Buffer.from(card.rsa.leaf.der))).toBe(true);
      expect(verify('sha256', content, createPublicKey(card.rsa.leaf.pem), Buffer.from(body.pkcs1!, 'base64'))).toBe(true);
      expect(sign.origin).toBeUndefined();
    } finally {
      await hipki.close();
    }
  });

  it.each([
    ['flags', {}, { hipkiSignature: 'pkcs7', hipkiTbsEncoding: 'base64' }],
    ['variables', { GCIS_HIPKI_SIGNATURE: 'pkcs7', GCIS_HIPKI_TBS_ENCODING: 'base64' }, {}],
  ] as const)('asks for the component\'s PKCS7 and base64 by %s; the CMS carries the card serial and the challenge as nonce', async (_, env, flags) => {
    const hipki = await standIn();
    try {
      const { error, server } = await loginWith({ GCIS_HIPKI_URL: hipki.baseUrl, GCIS_PIN: card.pin, ...env }, { signer: 'hipki', ...flags });
      expect(error).toBeUndefined();
      const content = signedLoginContent({ challenge: challenge.challenge, origin: server.url, issuedAt: new Date(now) });
      expect(hipki.requests.at(-1)!.tbsPackage).toMatchObject({
        tbs: Buffer.from(content).toString('base64'),
        tbsEncoding: 'base64',
        signatureType: 'PKCS7',
        nonce: Buffer.from(challenge.challenge, 'base64url').toString('hex').toUpperCase(),
      });
      const cms = Buffer.from(sentBody(server).signature!, 'base64');
      expect(cms.includes(Buffer.from(cardSerial))).toBe(true);
      expect(cms.includes(Buffer.from(challenge.challenge, 'base64url'))).toBe(true);
      expect(cms.includes(Buffer.from(content))).toBe(true);
    } finally {
      await hipki.close();
    }
  });

  it('sends the Origin of --hipki-origin or GCIS_HIPKI_ORIGIN; a forbidden one is ERR_HIPKI_ORIGIN before any PIN is sent', async () => {
    const allowed = 'https://portal.example';
    const hipki = await standIn([allowed]);
    try {
      const refused = await loginWith({ GCIS_HIPKI_URL: hipki.baseUrl, GCIS_PIN: card.pin }, { signer: 'hipki', hipkiOrigin: 'https://evil.example' });
      expect(refused.error).toMatchObject({ code: 'ERR_HIPKI_ORIGIN' });
      expect(exitCodeFor(refused.error)).toBe(1);
      expect(hipki.requests.some((request) => request.path === '/sign')).toBe(false);

      const byFlag = await loginWith({ GCIS_HIPKI_URL: hipki.baseUrl, GCIS_PIN: card.pin }, { signer: 'hipki', hipkiOrigin: `${allowed}/login?x=1` });
      expect(byFlag.error).toBeUndefined();
      const byEnv = await loginWith({ GCIS_HIPKI_URL: hipki.baseUrl, GCIS_PIN: card.pin, GCIS_HIPKI_ORIGIN: allowed }, { signer: 'hipki' });
      expect(byEnv.error).toBeUndefined();
      expect(hipki.requests.filter((request) => request.path === '/sign').map((request) => request.origin)).toEqual([allowed, allowed]);
    } finally {
      await hipki.close();
    }
  });

  it.each([
    [{ GCIS_HIPKI_ORIGIN: 'not a url' }, {}],
    [{ GCIS_HIPKI_SIGNATURE: 'cms' }, {}],
    [{ GCIS_HIPKI_TBS_ENCODING: 'hex' }, {}],
    [{}, { hipkiOrigin: 'file:///etc/passwd' }],
  ])('refuses malformed HiPKI settings %j %j as a usage error (exit 2)', async (env, flags) => {
    const { error, server } = await loginWith({ GCIS_HIPKI_URL: 'http://127.0.0.1:9', GCIS_PIN: card.pin, ...env }, { signer: 'hipki', ...flags });
    expect(error).toMatchObject({ code: 'ERR_USAGE' });
    expect(exitCodeFor(error)).toBe(2);
    expect(server.requests).toEqual([]);
  });
});
