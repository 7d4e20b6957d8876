import { describe, expect, it } from 'vitest';
import { hashSessionToken } from '@gcis/core/session';
import { decodeTotpSecret } from '@gcis/core/totp';
import { createTestServer } from '../testing/testServer.js';
import { storeRows } from '../testing/storeRows.js';

describe('GET and DELETE /v1/session', () => {
  it('says who is logged in and with which method', async () => {
    const server = await createTestServer();
    const { token } = (await server.login({ code: server.codeFor(server.key.secret) })).json();
    const response = await server.app.inject({ method: 'GET', url: '/v1/session', headers: { authorization: `Bearer ${token}` } });
    expect(response.json()).toEqual({
      account: 'alice',
      name: '王小明',
      method: 'totp',
      issuedAt: '2026-11-27T02:00:10.000Z',
      expiresAt: '2026-11-27T14:00:10.000Z',
      idleExpiresAt: '2026-11-27T02:30:10.000Z',
    });
  });

  it('ends a session idle for 30 minutes, and slides the limit while it is used', async () => {
    const server = await createTestServer();
    const { token } = (await server.login({ code: server.codeFor(server.key.secret) })).json();
    const headers = { authorization: `Bearer ${token}` };
    server.advance(29 * 60);
    expect((await server.app.inject({ method: 'GET', url: '/v1/session', headers })).statusCode).toBe(200);
    server.advance(29 * 60);
    expect((await server.app.inject({ method: 'GET', url: '/v1/session', headers })).statusCode).toBe(200);
    server.advance(30 * 60);
    const ended = await server.app.inject({ method: 'GET', url: '/v1/session', headers });
    expect(ended.json().error.code).toBe('ERR_UNAUTHENTICATED');
  });

  it('writes the last use only when it moves the idle deadline by more than the step, and reports the deadline kept', async () => {
    const server = await createTestServer();
    const { token } = (await server.login({ code: server.codeFor(server.key.secret) })).json();
    const headers = { authorization: `Bearer ${token}` };
    const lastSeen = async () => (await server.data.store.sessions.find(hashSessionToken(token)))!.last_seen_at;
    const check = async () => (await server.app.inject({ method: 'GET', url: '/v1/session', headers })).json().idleExpiresAt;
    server.advance(18); // the step for a 30-minute idle limit is 18 s: not more than it
    expect(await check()).toBe('2026-11-27T02:30:10.000Z');
    expect(await lastSeen()).toBe('2026-11-27T02:00:10.000Z');
    server.advance(1);
    expect(await check()).toBe('2026-11-27T02:30:29.000Z');
    expect(await lastSeen()).toBe('2026-11-27T02:00:29.000Z');
  });

  it('keeps a session checked every 5 s alive for 150 s past its idle limit, though most checks write nothing', async () => {
    const server = await createTestServer({ session: { absoluteSeconds: 3600, idleSeconds: 60 } });
    const { token } = (await server.login({ code: server.codeFor(server.key.secret) })).json();
    const headers = { authorization: `Bearer ${token}` };
    const seen = new Set();
    for (let check = 0; check < 30; check++) {
      server.advance(5);
      const response = await server.app.inject({ method: 'GET', url: '/v1/session', headers });
      expect(response.statusCode).toBe(200);
      seen.add((await server.data.store.sessions.find(hashSessionToken(token)))!.last_seen_at);
    }
    expect(seen.size).toBe(16); // the login's time and 15 writes: a 60 s limit has a 6 s step, so every other check writes
  });

  it('revokes the session on logout', async () => {
    const server = await createTestServer();
    const { token } = (await server.login({ code: server.codeFor(server.key.secret) })).json();
    const headers = { authorization: `Bearer ${token}` };
    expect((await server.app.inject({ method: 'DELETE', url: '/v1/session', headers })).json()).toEqual({ revoked: true });
    const after = await server.app.inject({ method: 'GET', url: '/v1/session', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('ERR_UNAUTHENTICATED');
  });

  it.each(['', 'Bearer', 'Bearer gcis_short', `Basic ${'a'.repeat(20)}`, `Bearer gcis_${'A'.repeat(43)}`])(
    'refuses the authorization header %j',
    async (authorization) => {
      const server = await createTestServer();
      const response = await server.app.inject({ method: 'GET', url: '/v1/session', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('ERR_UNAUTHENTICATED');
    },
  );
});

describe('what the server stores', () => {
  it('keeps hashes of passwords and tokens and only sealed TOTP secrets', async () => {
    const server = await createTestServer();
    const { token } = (await server.login({ code: server.codeFor(server.key.secret) })).json();
    const everything = JSON.stringify([
      await storeRows(server.data.store, 'SELECT * FROM accounts'),
      await storeRows(server.data.store, 'SELECT * FROM sessions'),
      await storeRows(server.data.store, 'SELECT secret_sealed FROM totp_keys'),
    ]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('correct horse');
    const secretHex = Buffer.from(decodeTotpSecret(server.key.secret)).toString('hex').toUpperCase();
    expect(everything).not.toContain(secretHex);
    expect(everything).toMatch(/\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('publishes an OpenAPI document of its routes', async () => {
    const server = await createTestServer();
    const document = (await server.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/captcha', '/v1/login/totp', '/v1/session', '/v1/totp', '/v1/totp/rebuild', '/healthz']),
    );
  });

  it('answers an unknown route with 404 ERR_NOT_FOUND', async () => {
    const server = await createTestServer();
    const response = await server.app.inject({ method: 'GET', url: '/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ERR_NOT_FOUND');
  });
});
