import type { LoginMethod } from '@gcis/core/api';
import { hashPassword } from '@gcis/core/password';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { buildTestPki } from '@gcis/core/x509/testing';
import { describe, expect, it } from 'vitest';
import { issueSession } from '../login/issueSession.js';
import { enableOneDayPassword } from '../login/oneDayPassword.js';
import { bindTestCertificate, installTestPki } from '../testing/certificateLogin.js';
import { createTestServer, password, type TestServer } from '../testing/testServer.js';

/** A session from a real one-day-password login: check code mailed, then POST /v1/login/one-day-password. */
async function oneDayPasswordLogin(server: TestServer, account = 'alice') {
  await enableOneDayPassword(server.context, (await server.data.store.accounts.find(account))!);
  const checkCode = /Check code: (\S+)/.exec(server.mail.sent.at(-1)!.text)![1]!;
  const response = await server.app.inject({ method: 'POST', url: '/v1/login/one-day-password', payload: { account, password, checkCode } });
  expect(response.json()).toMatchObject({ account, method: 'one-day-password' });
  return { authorization: `Bearer ${response.json().token}` };
}

async function sessionBy(server: TestServer, method: LoginMethod, account = 'alice') {
  const { token } = await issueSession(server.context, (await server.data.store.accounts.find(account))!, method);
  return { authorization: `Bearer ${token}` };
}

async function addAccount(server: TestServer, account: string) {
  await server.data.store.accounts.insert({
    account,
    name: account,
    email: `${account}@example.com`,
    nationalIdHmac: null,
    nationalIdMasked: null,
    passwordHash: await hashPassword(password),
    createdAt: server.clock.now().toISOString(),
  });
}

const show = (server: TestServer, headers: Record<string, string>) => server.app.inject({ method: 'GET', url: '/v1/totp', headers });
const rebuild = (server: TestServer, headers: Record<string, string>) =>
  server.app.inject({ method: 'POST', url: '/v1/totp/rebuild', headers, payload: {} });
const confirm = (server: TestServer, headers: Record<string, string>, code: string) =>
  server.app.inject({ method: 'POST', url: '/v1/totp/rebuild/confirm', headers, payload: { code } });
const codeOf = (server: TestServer, secret: string) => generateTotp({ secret: decodeTotpSecret(secret), now: server.clock.now() });

describe('step-up for the TOTP secret', () => {
  it('refuses GET /v1/totp to a session from a real one-day-password login, with 403 ERR_STEP_UP_REQUIRED and no secret', async () => {
    const server = await createTestServer();
    const response = await show(server, await oneDayPasswordLogin(server));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ERR_STEP_UP_REQUIRED');
    expect(response.body).not.toContain(server.key.secret);
  });

  it('refuses a rebuild and a confirmation to that session, leaving the active version in place', async () => {
    const server = await createTestServer();
    const headers = await oneDayPasswordLogin(server);
    expect((await rebuild(server, headers)).json().error.code).toBe('ERR_STEP_UP_REQUIRED');
    expect(await server.data.store.totpKeys.pending(1)).toBeUndefined();
    // Even holding a pending version's code (made by a step-up session), it cannot promote it.
    const pending = (await rebuild(server, await sessionBy(server, 'totp'))).json();
    expect((await confirm(server, headers, codeOf(server, pending.secret))).json().error.code).toBe('ERR_STEP_UP_REQUIRED');
    expect(await server.data.store.totpKeys.active(1)).toMatchObject({ version: 1 });
  });

  it.each(['totp', 'certificate', 'push'] as const)('shows the secret to a %s login from the last five minutes', async (method) => {
    const server = await createTestServer();
    const headers = await sessionBy(server, method);
    server.advance(300);
    const response = await show(server, headers);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ version: 1, secret: server.key.secret });
  });

  it('refuses a TOTP login one second past five minutes (the session itself still lives)', async () => {
    const server = await createTestServer();
    const headers = await sessionBy(server, 'totp');
    server.advance(301);
    expect((await show(server, headers)).json().error.code).toBe('ERR_STEP_UP_REQUIRED');
    expect((await server.app.inject({ method: 'GET', url: '/v1/session', headers })).statusCode).toBe(200);
  });

  it('refuses a one-day-password session of an account that has only a bound card to enrol TOTP', async () => {
    const server = await createTestServer();
    await addAccount(server, 'carol');
    const pki = buildTestPki({ now: server.clock.now() });
    await installTestPki(server, pki);
    await bindTestCertificate(server, pki.leaf.der, 'carol');
    const response = await rebuild(server, await sessionBy(server, 'one-day-password', 'carol'));
    expect(response.json().error.code).toBe('ERR_STEP_UP_REQUIRED');
  });
});

describe('first enrolment from a one-day-password login', () => {
  it('lets an account with no authenticator enrol its first QR once, then asks for step-up to read it again', async () => {
    const server = await createTestServer();
    await addAccount(server, 'bob');
    const headers = await oneDayPasswordLogin(server, 'bob');
    expect((await show(server, headers)).json().error.code).toBe('ERR_TOTP_NOT_ENROLLED');

    const pending = (await rebuild(server, headers)).json();
    expect(pending).toMatchObject({ version: 1, status: 'pending' });
    const confirmed = await confirm(server, headers, codeOf(server, pending.secret));
    expect(confirmed.json()).toMatchObject({ version: 1, status: 'active' });

    const again = await show(server, headers);
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('ERR_STEP_UP_REQUIRED');
    expect(again.body).not.toContain(pending.secret);
    expect((await rebuild(server, headers)).json().error.code).toBe('ERR_STEP_UP_REQUIRED');
  });

  it('needs that one-day-password login to be from the last five minutes', async () => {
    const server = await createTestServer();
    await addAccount(server, 'bob');
    const headers = await oneDayPasswordLogin(server, 'bob');
    server.advance(301);
    expect((await rebuild(server, headers)).json().error.code).toBe('ERR_STEP_UP_REQUIRED');
    expect(await server.data.store.totpKeys.pending((await server.data.store.accounts.find('bob'))!.id)).toBeUndefined();
  });

  it('lets only one of many concurrent first-enrolment attempts stand: the last pending version, confirmed once', async () => {
    const server = await createTestServer();
    await addAccount(server, 'bob');
    const headers = await oneDayPasswordLogin(server, 'bob');
    const made = await Promise.all(Array.from({ length: 10 }, () => rebuild(server, headers)));
    const secrets = made.map((response) => response.json().secret as string);
    const bob = (await server.data.store.accounts.find('bob'))!.id;
    const pending = (await server.data.store.totpKeys.pending(bob))!;
    expect(pending.version).toBe(10);
    // Each got its own version (on PostgreSQL in whatever order the account's lock let them through).
    const versions = made.map((response) => response.json().version as number);
    expect([...versions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Only the version still pending can be confirmed; the rest were replaced.
    const replaced = secrets[versions.indexOf(1)]!;
    expect((await confirm(server, headers, codeOf(server, replaced))).json().error.code).toBe('ERR_TOTP_INVALID_CODE');
    expect((await confirm(server, headers, codeOf(server, secrets[versions.indexOf(10)]!))).json()).toMatchObject({ version: 10, status: 'active' });
    expect((await rebuild(server, headers)).json().error.code).toBe('ERR_STEP_UP_REQUIRED');
  });
});
