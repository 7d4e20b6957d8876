import { createPkcs11Signer } from '@gcis/core/smartcard';
import { createTestCard } from '@gcis/core/smartcard/testing';
import { buildTestPki, generateTestPkiKeys, type TestPki, type TestPkiVariant } from '@gcis/core/x509/testing';
import { describe, expect, it } from 'vitest';
import { bindTestCertificate, fetchChallenge, installTestPki, signChallenge, testOrigin, type SignChallengeOptions } from '../testing/certificateLogin.js';
import { createTestServer, type TestServer } from '../testing/testServer.js';

const at = new Date('2026-11-27T02:00:10Z'); // the test server's clock
const keys = generateTestPkiKeys('rsa');
const pki = buildTestPki({ now: at, keys });

async function serverTrusting(...pkis: TestPki[]) {
  const server = await createTestServer();
  await installTestPki(server, ...pkis);
  return server;
}

async function signedBody(server: TestServer, options: SignChallengeOptions = { signWith: pki.leaf }) {
  return signChallenge(server, await fetchChallenge(server), options);
}

const login = (server: TestServer, payload: unknown) => server.app.inject({ method: 'POST', url: '/v1/login/certificate', payload: payload as object });

describe('POST /v1/login/certificate/challenge', () => {
  it('issues a fresh 32-byte challenge that lives 5 minutes', async () => {
    const server = await serverTrusting(pki);
    const first = await fetchChallenge(server);
    const second = await fetchChallenge(server);
    expect(Buffer.from(first.challenge, 'base64url')).toHaveLength(32);
    expect(first.challenge).not.toBe(second.challenge);
    expect(new Date(first.expiresAt).getTime() - at.getTime()).toBe(300_000);
  });
});

describe('POST /v1/login/certificate', () => {
  it('logs in the account the certificate is bound to, with method certificate', async () => {
    const server = await serverTrusting(pki);
    await bindTestCertificate(server, pki.leaf.der);
    const response = await login(server, await signedBody(server));
    expect(response.statusCode).toBe(200);
    const session = response.json();
    expect(session).toMatchObject({ account: 'alice', method: 'certificate' });
    const whoami = await server.app.inject({ method: 'GET', url: '/v1/session', headers: { authorization: `Bearer ${session.token}` } });
    expect(whoami.json()).toMatchObject({ account: 'alice', method: 'certificate' });
  });

  it('logs in with a signature made on a SoftHSM card', async () => {
    const card = await createTestCard({ now: at });
    try {
      Object.assign(process.env, card.env);
      const signer = await createPkcs11Signer({ modulePath: card.modulePath, env: {} });
      const certificate = (await signer.listCertificates()).find((c) => c.keyType === 'RSA')!;
      const server = await serverTrusting(card.rsa);
      await bindTestCertificate(server, card.rsa.leaf.der);
      const response = await login(server, await signedBody(server, { signWith: { signer, certificate, pin: card.pin } }));
      await signer.close();
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ account: 'alice', method: 'certificate' });
    } finally {
      await card.destroy();
    }
  });

  it('accepts the PKCS#1 form: signature, certificate and content', async () => {
    const { sign } = await import('node:crypto');
    const { signedLoginContent } = await import('@gcis/core/smartcard');
    const server = await serverTrusting(pki);
    await bindTestCertificate(server, pki.leaf.der);
    const { challengeId, challenge } = await fetchChallenge(server);
    const content = signedLoginContent({ challenge, origin: testOrigin, issuedAt: at });
    const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const response = await login(server, {
      challengeId,
      pkcs1: base64(sign('sha256', content, pki.leaf.privateKey)),
      certificate: base64(pki.leaf.der),
      content: base64(content),
    });
    expect(response.json()).toMatchObject({ method: 'certificate' });
  });

  it('refuses a certificate bound to no account with the same code as any failed login', async () => {
    const server = await serverTrusting(pki);
    const response = await login(server, await signedBody(server));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('ERR_LOGIN_FAILED');
  });

  it('refuses a replayed challenge', async () => {
    const server = await serverTrusting(pki);
    await bindTestCertificate(server, pki.leaf.der);
    const body = await signedBody(server);
    expect((await login(server, body)).statusCode).toBe(200);
    const replay = await login(server, body);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('ERR_CHALLENGE_UNKNOWN');
  });

  it('uses up a challenge even when the login fails', async () => {
    const server = await serverTrusting(pki);
    const challenge = await fetchChallenge(server);
    const wrong = await signChallenge(server, challenge, { signWith: pki.leaf, origin: 'https://elsewhere.example' });
    expect((await login(server, wrong)).json().error.code).toBe('ERR_ORIGIN_MISMATCH');
    await bindTestCertificate(server, pki.leaf.der);
    const right = await signChallenge(server, challenge, { signWith: pki.leaf });
    expect((await login(server, right)).json().error.code).toBe('ERR_CHALLENGE_UNKNOWN');
  });

  it('refuses an unknown or expired challenge', async () => {
    const server = await serverTrusting(pki);
    await bindTestCertificate(server, pki.leaf.der);
    const unknown = await login(server, { challengeId: 'nope', signature: 'AAAA' });
    expect(unknown.json().error.code).toBe('ERR_CHALLENGE_UNKNOWN');
    const body = await signedBody(server);
    server.advance(301);
    const expired = await login(server, body);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('ERR_CHALLENGE_EXPIRED');
  });

  it('refuses a signature made for another origin', async () => {
    const server = await serverTrusting(pki);
    await bindTestCertificate(server, pki.leaf.der);
    const response = await login(server, await signedBody(server, { signWith: pki.leaf, origin: 'http://127.0.0.1:8470' }));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('ERR_ORIGIN_MISMATCH');
  });

  it.each([
    ['revoked', 'ERR_CERT_REVOKED'],
    ['expired', 'ERR_CERT_EXPIRED'],
    ['other-root', 'ERR_CERT_UNTRUSTED'],
    ['leaf-without-digital-signature', 'ERR_CERT_USAGE'],
  ] satisfies Array<[TestPkiVariant, string]>)('refuses a %s certificate with %s, bound or not', async (variant, code) => {
    const chain = buildTestPki({ now: at, keys, variant });
    const server = await serverTrusting(chain);
    await bindTestCertificate(server, chain.leaf.der);
    const response = await login(server, await signedBody(server, { signWith: chain.leaf }));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe(code);
  });

  it("fails closed when the CRL is stale and revocation is 'require', and not with 'skip'", async () => {
    const chain = buildTestPki({ now: at, keys, variant: 'stale-crl' });
    const server = await serverTrusting(chain);
    await bindTestCertificate(server, chain.leaf.der);
    const refused = await login(server, await signedBody(server, { signWith: chain.leaf }));
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('ERR_CRL_STALE');
    server.data.config.revocation = 'skip';
    expect((await login(server, await signedBody(server, { signWith: chain.leaf }))).statusCode).toBe(200);
  });

  it('requires the configured certificate policy over the whole path (certificatePolicies)', async () => {
    const required = '2.16.886.101.0.3.3';
    const withPolicy = buildTestPki({ now: at, keys, certificatePolicies: [required] });
    const otherPolicy = buildTestPki({ now: at, keys, certificatePolicies: ['1.3.6.1.4.1.99999.7'] });
    for (const [chain, status, code] of [[withPolicy, 200, undefined], [otherPolicy, 401, 'ERR_CERT_POLICY'], [pki, 401, 'ERR_CERT_POLICY']] as const) {
      const server = await serverTrusting(chain);
      server.data.config.certificatePolicies = [required];
      await bindTestCertificate(server, chain.leaf.der);
      const response = await login(server, await signedBody(server, { signWith: chain.leaf }));
      expect([response.statusCode, response.json().error?.code]).toEqual([status, code]);
    }
  });

  it('refuses every certificate while no CA is trusted', async () => {
    const server = await createTestServer({ origin: testOrigin });
    const response = await login(server, await signedBody(server));
    expect(response.json().error.code).toBe('ERR_CERT_UNTRUSTED');
  });

  it.each([
    ['no body', undefined],
    ['a missing challengeId', { signature: 'AAAA' }],
    ['both forms at once', { challengeId: 'x', signature: 'AAAA', pkcs1: 'AAAA', certificate: 'AAAA', content: 'AAAA' }],
    ['a signature that is not base64', { challengeId: 'x', signature: 'not base64!' }],
    ['a number for the signature', { challengeId: 'x', signature: 12 }],
  ])('answers 400 to %s', async (_name, payload) => {
    const server = await serverTrusting(pki);
    const response = await login(server, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('ERR_INVALID_INPUT');
  });

  it('answers 400, not 5xx, to a signature that is not a SignedData', async () => {
    const server = await serverTrusting(pki);
    for (const signature of ['AAAA', Buffer.from('0\x82\xff\xff').toString('base64'), Buffer.alloc(300, 0x30).toString('base64')]) {
      const { challengeId } = await fetchChallenge(server);
      const response = await login(server, { challengeId, signature });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('ERR_SIGNATURE_MALFORMED');
    }
  });
});
