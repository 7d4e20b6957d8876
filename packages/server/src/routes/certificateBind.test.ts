import { hashPassword } from '@gcis/core/password';
import { buildTestPki } from '@gcis/core/x509/testing';
import { describe, expect, it } from 'vitest';
import { issueSession } from '../login/issueSession.js';
import { fetchChallenge, installTestPki, signChallenge } from '../testing/certificateLogin.js';
import { createTestServer, password, type TestServer } from '../testing/testServer.js';

const at = new Date('2026-11-27T02:00:10Z');
const pki = buildTestPki({ now: at });

async function totpSession(server: TestServer) {
  const session = (await server.login({ code: server.codeFor(server.key.secret) })).json();
  return { authorization: `Bearer ${session.token}` };
}

async function bind(server: TestServer, headers: Record<string, string> = {}) {
  const payload = await signChallenge(server, await fetchChallenge(server), { signWith: pki.leaf });
  return server.app.inject({ method: 'POST', url: '/v1/certificate/bind', headers, payload });
}

describe('POST /v1/certificate/bind', () => {
  it('binds the card that signed a fresh challenge to the logged-in account, which can then log in with it', async () => {
    const server = await createTestServer();
    await installTestPki(server, pki);
    const response = await bind(server, await totpSession(server));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      account: 'alice',
      name: '王小明',
      issuer: 'OU=測試用自然人憑證管理中心,O=GCIS Test,C=TW',
      serialNumber: pki.leaf.serialHex,
      thumbprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(await server.data.store.accountCertificates.find(response.json().issuer, pki.leaf.serialHex)).toMatchObject({ id_last4: '6789' });

    const payload = await signChallenge(server, await fetchChallenge(server), { signWith: pki.leaf });
    const login = await server.app.inject({ method: 'POST', url: '/v1/login/certificate', payload });
    expect(login.json()).toMatchObject({ account: 'alice', method: 'certificate' });
  });

  it('is idempotent for the same account and refuses another account with 409', async () => {
    const server = await createTestServer();
    await installTestPki(server, pki);
    const alice = await totpSession(server);
    expect((await bind(server, alice)).statusCode).toBe(200);
    expect((await bind(server, alice)).statusCode).toBe(200);
    expect(await server.data.store.accountCertificates.listFor((await server.data.store.accounts.find('alice'))!.id)).toHaveLength(1);

    const bobId = await server.data.store.accounts.insert({
      account: 'bob',
      name: 'Bob',
      email: 'bob@example.com',
      nationalIdHmac: null,
      nationalIdMasked: null,
      passwordHash: await hashPassword(password),
      createdAt: at.toISOString(),
    });
    const bob = await issueSession(server.context, (await server.data.store.accounts.get(bobId))!, 'totp');
    const taken = await bind(server, { authorization: `Bearer ${bob.token}` });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('ERR_CERT_BOUND');
  });

  it('needs a session, and a fresh one', async () => {
    const server = await createTestServer();
    await installTestPki(server, pki);
    const anonymous = await bind(server);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('ERR_UNAUTHENTICATED');
    const headers = await totpSession(server);
    server.advance(301);
    const stale = await bind(server, headers);
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('ERR_STEP_UP_REQUIRED');
  });

  it('refuses a fresh one-day-password session of an account that has an authenticator, and binds nothing', async () => {
    const server = await createTestServer();
    await installTestPki(server, pki);
    const alice = (await server.data.store.accounts.find('alice'))!;
    const { token } = await issueSession(server.context, alice, 'one-day-password');
    const refused = await bind(server, { authorization: `Bearer ${token}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ERR_STEP_UP_REQUIRED');
    expect(await server.data.store.accountCertificates.listFor(alice.id)).toEqual([]);
  });

  it('refuses a signature that does not verify, and binds nothing', async () => {
    const server = await createTestServer();
    await installTestPki(server, pki);
    const headers = await totpSession(server);
    const payload = await signChallenge(server, await fetchChallenge(server), { signWith: pki.leaf, origin: 'https://phish.example' });
    const response = await server.app.inject({ method: 'POST', url: '/v1/certificate/bind', headers, payload });
    expect(response.json().error.code).toBe('ERR_ORIGIN_MISMATCH');
    expect(await server.data.store.accountCertificates.listFor((await server.data.store.accounts.find('alice'))!.id)).toEqual([]);
  });
});
