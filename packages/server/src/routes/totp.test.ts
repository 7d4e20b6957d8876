import { describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/testServer.js';

async function loggedIn(server: TestServer) {
  const session = (await server.login({ code: server.codeFor(server.key.secret) })).json();
  return { authorization: `Bearer ${session.token}` };
}

describe('TOTP show, rebuild and confirm', () => {
  it('shows the active version with its otpauth URI', async () => {
    const server = await createTestServer();
    const headers = await loggedIn(server);
    const response = await server.app.inject({ method: 'GET', url: '/v1/totp', headers });
    expect(response.json()).toEqual({ version: 1, status: 'active', uri: server.key.uri, secret: server.key.secret });
  });

  it('keeps the old version working until the new one is confirmed, then calls old codes stale', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    const headers = await loggedIn(server);
    const rebuilt = (await server.app.inject({ method: 'POST', url: '/v1/totp/rebuild', headers, payload: {} })).json();
    expect(rebuilt).toMatchObject({ version: 2, status: 'pending', uri: expect.stringContaining('(v2)') });

    server.advance();
    expect((await server.login({ code: server.codeFor(rebuilt.secret) })).json().error.code).toBe('ERR_LOGIN_FAILED');
    expect((await server.login({ code: server.codeFor(server.key.secret) })).statusCode).toBe(200);

    const confirm = await server.app.inject({
      method: 'POST',
      url: '/v1/totp/rebuild/confirm',
      headers,
      payload: { code: server.codeFor(rebuilt.secret) },
    });
    expect(confirm.json()).toMatchObject({ version: 2, status: 'active' });

    server.advance();
    const stale = await server.login({ code: server.codeFor(server.key.secret) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('ERR_TOTP_STALE_VERSION');
    expect((await server.data.store.throttle.get({ method: 'totp', account: 'alice', source: '' }))?.failures).toBe(1);
    expect((await server.login({ code: server.codeFor(rebuilt.secret) })).statusCode).toBe(200);
  });

  it('refuses the code used to confirm as a login code (it is the last accepted step)', async () => {
    const server = await createTestServer();
    const headers = await loggedIn(server);
    const rebuilt = (await server.app.inject({ method: 'POST', url: '/v1/totp/rebuild', headers, payload: {} })).json();
    const code = server.codeFor(rebuilt.secret);
    await server.app.inject({ method: 'POST', url: '/v1/totp/rebuild/confirm', headers, payload: { code } });
    expect((await server.login({ code })).json().error.code).toBe('ERR_TOTP_REPLAY');
  });

  it('refuses a confirmation with a code of the old version', async () => {
    const server = await createTestServer();
    const headers = await loggedIn(server);
    await server.app.inject({ method: 'POST', url: '/v1/totp/rebuild', headers, payload: {} });
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/totp/rebuild/confirm',
      headers,
      payload: { code: server.codeFor(server.key.secret) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('ERR_TOTP_INVALID_CODE');
  });

  it('refuses a confirmation when nothing is pending', async () => {
    const server = await createTestServer();
    const headers = await loggedIn(server);
    const response = await server.app.inject({ method: 'POST', url: '/v1/totp/rebuild/confirm', headers, payload: { code: '123456' } });
    expect(response.json().error.code).toBe('ERR_TOTP_NO_PENDING');
  });

  it('needs a login from the last five minutes to rebuild', async () => {
    const server = await createTestServer();
    const headers = await loggedIn(server);
    server.advance(301);
    const response = await server.app.inject({ method: 'POST', url: '/v1/totp/rebuild', headers, payload: {} });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ERR_STEP_UP_REQUIRED');
  });

  it('needs a session for every TOTP route', async () => {
    const server = await createTestServer();
    for (const [method, url] of [['GET', '/v1/totp'], ['POST', '/v1/totp/rebuild']] as const) {
      const response = await server.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(response.json().error.code).toBe('ERR_UNAUTHENTICATED');
    }
  });
});
