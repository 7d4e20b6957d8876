import { describe, expect, it } from 'vitest';
import { createAdminCredential } from '../secrets/adminCredential.js';
import { createTestServer, password, type TestServer } from '../testing/testServer.js';
import { storeRows } from '../testing/storeRows.js';

async function withAdmin(server: TestServer) {
  const token = await createAdminCredential(server.data.store, server.context.random, server.clock.now());
  const enable = () =>
    server.app.inject({
      method: 'POST',
      url: '/v1/admin/accounts/alice/one-day-password',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
  const disable = () =>
    server.app.inject({
      method: 'DELETE',
      url: '/v1/admin/accounts/alice/one-day-password',
      headers: { authorization: `Bearer ${token}` },
    });
  const lastCode = () => /Check code: (\S+)/.exec(server.mail.sent.at(-1)!.text)![1]!;
  const login = (checkCode: string, extra: Record<string, unknown> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/login/one-day-password',
      payload: { account: 'alice', password, checkCode, ...extra },
    });
  return { enable, disable, lastCode, login };
}

describe('one-day password', () => {
  it('mails a check code that logs in with the password, as a one-day-password session', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    const enabled = await admin.enable();
    expect(enabled.json()).toEqual({ account: 'alice', sentTo: 'a***@example.com', expiresAt: '2026-11-27T15:59:59.999Z' });
    expect(server.mail.sent.at(-1)!.to).toBe('alice@example.com');
    const session = await admin.login(admin.lastCode());
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ account: 'alice', method: 'one-day-password' });
  });

  it('works for several logins on the same day', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    await admin.enable();
    expect((await admin.login(admin.lastCode())).statusCode).toBe(200);
    server.advance(3600);
    expect((await admin.login(admin.lastCode())).statusCode).toBe(200);
  });

  it('stores only a hash of the check code', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    await admin.enable();
    const rows = JSON.stringify(await storeRows(server.data.store, 'SELECT * FROM one_day_passwords'));
    expect(rows).toContain('code_hash');
    expect(rows).not.toContain(admin.lastCode());
  });

  it('invalidates the earlier code when a new one is issued', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    await admin.enable();
    const first = admin.lastCode();
    await admin.enable();
    expect((await admin.login(first)).json().error.code).toBe('ERR_LOGIN_FAILED');
    expect((await admin.login(admin.lastCode())).statusCode).toBe(200);
  });

  it('stops the code working when disabled, answering as for a wrong code', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    await admin.enable();
    expect((await admin.disable()).json()).toEqual({ revoked: true });
    expect((await admin.login(admin.lastCode())).json().error.code).toBe('ERR_LOGIN_FAILED');
  });

  it('says the code expired after 23:59:59 Taipei time, but only to someone with the password', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    await admin.enable();
    server.clock.set('2026-11-27T16:00:00Z');
    expect((await admin.login(admin.lastCode())).json().error.code).toBe('ERR_CHECK_CODE_EXPIRED');
    const guess = await admin.login(admin.lastCode(), { password: 'wrong password' });
    expect(guess.json().error.code).toBe('ERR_LOGIN_FAILED');
  });

  it('leaves no code active when the mail cannot be sent', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    await admin.enable();
    const earlier = admin.lastCode();
    server.mail.failNext();
    const failed = await admin.enable();
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('ERR_MAIL_FAILED');
    expect(await server.data.store.oneDayPasswords.get(1)).toBeUndefined();
    expect((await admin.login(earlier)).json().error.code).toBe('ERR_LOGIN_FAILED');
  });

  it('throttles and asks for a captcha like every password login', async () => {
    const server = await createTestServer();
    const admin = await withAdmin(server);
    await admin.enable();
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await admin.login('WRONGCODE2')).json().error.code).toBe('ERR_LOGIN_FAILED');
    }
    expect((await admin.login(admin.lastCode())).json().error.code).toBe('ERR_CAPTCHA_REQUIRED');
  });

  it('needs the administrator token for the administrator routes', async () => {
    const server = await createTestServer();
    for (const authorization of [undefined, 'Bearer gcisadm_x', `Bearer gcisadm_${'A'.repeat(43)}`]) {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v1/admin/accounts/alice/one-day-password',
        headers: authorization ? { authorization } : {},
        payload: {},
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('ERR_UNAUTHENTICATED');
    }
    expect(server.mail.sent).toHaveLength(0);
  });

  it('answers an unknown account on the administrator route with ERR_NO_ACCOUNT', async () => {
    const server = await createTestServer();
    const token = await createAdminCredential(server.data.store, server.context.random, server.clock.now());
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/admin/accounts/nobody/one-day-password',
      headers: { authorization: `Bearer ${token}` },
      payload: {},
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ERR_NO_ACCOUNT');
  });
});
