import { describe, expect, it } from 'vitest';
import { createTestServer, password } from '../testing/testServer.js';
import { solveCaptcha } from '../testing/solveCaptcha.js';

describe('POST /v1/login/totp', () => {
  it('gives a session for the right password and current code', async () => {
    const server = await createTestServer();
    const response = await server.login({ code: server.codeFor(server.key.secret) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      token: expect.stringMatching(/^gcis_[A-Za-z0-9_-]{43}$/),
      account: 'alice',
      method: 'totp',
      issuedAt: '2026-11-27T02:00:10.000Z',
    });
  });

  it('accepts a code of the previous step, not of two steps back', async () => {
    const server = await createTestServer();
    const previous = server.codeFor(server.key.secret, -30);
    const older = server.codeFor(server.key.secret, -60);
    expect((await server.login({ code: older })).json().error.code).toBe('ERR_LOGIN_FAILED');
    expect((await server.login({ code: previous })).statusCode).toBe(200);
  });

  it('refuses the same code a second time', async () => {
    const server = await createTestServer();
    const code = server.codeFor(server.key.secret);
    expect((await server.login({ code })).statusCode).toBe(200);
    const again = await server.login({ code });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('ERR_TOTP_REPLAY');
  });

  it('gives exactly one session to ten concurrent logins with one code', async () => {
    // With the captcha on, logins in flight count as failures and the fourth would be asked for one.
    const server = await createTestServer({ captchaPolicy: 'off' });
    const code = server.codeFor(server.key.secret);
    const responses = await Promise.all(Array.from({ length: 10 }, () => server.login({ code })));
    expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(1);
    expect(new Set(responses.filter((r) => r.statusCode !== 200).map((r) => r.json().error.code))).toEqual(
      new Set(['ERR_TOTP_REPLAY']),
    );
  });

  it('answers unknown account, wrong password and wrong code with the same body', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    const code = server.codeFor(server.key.secret);
    const bodies = await Promise.all([
      server.app.inject({ method: 'POST', url: '/v1/login/totp', payload: { account: 'nobody', password, code } }),
      server.login({ password: 'wrong password', code }),
      server.login({ code: code === '000000' ? '000001' : '000000' }),
    ]);
    expect(bodies.map((response) => response.statusCode)).toEqual([401, 401, 401]);
    expect(new Set(bodies.map((response) => response.body)).size).toBe(1);
    expect(bodies[0]!.json().error.code).toBe('ERR_LOGIN_FAILED');
  });

  it('asks for a captcha after three failures, for unknown accounts too', async () => {
    const server = await createTestServer();
    for (const account of ['alice', 'nobody']) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const payload = { account, password: 'wrong password', code: '000000' };
        const response = await server.app.inject({ method: 'POST', url: '/v1/login/totp', payload });
        expect(response.json().error.code).toBe('ERR_LOGIN_FAILED');
      }
      const payload = { account, password, code: server.codeFor(server.key.secret) };
      const response = await server.app.inject({ method: 'POST', url: '/v1/login/totp', payload });
      expect(response.json().error.code).toBe('ERR_CAPTCHA_REQUIRED');
    }
  });

  it('accepts a solved captcha once, and refuses a wrong or reused one', async () => {
    const server = await createTestServer({ captchaPolicy: 'always' });
    const code = server.codeFor(server.key.secret);
    const captcha = (await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} })).json();
    expect(Buffer.from(captcha.image, 'base64').subarray(1, 4).toString()).toBe('PNG');
    const answer = solveCaptcha(server.data.store, captcha.id);
    const wrong = answer === '00000' ? '00001' : '00000';
    expect((await server.login({ code, captcha: { id: captcha.id, answer: wrong } })).json().error.code).toBe(
      'ERR_CAPTCHA_INVALID',
    );
    expect((await server.login({ code, captcha: { id: captcha.id, answer } })).json().error.code).toBe(
      'ERR_CAPTCHA_INVALID',
    );
    const fresh = (await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} })).json();
    const answered = await server.login({ code, captcha: { id: fresh.id, answer: solveCaptcha(server.data.store, fresh.id) } });
    expect(answered.statusCode).toBe(200);
  });

  it('refuses a captcha answered after its two minutes', async () => {
    const server = await createTestServer({ captchaPolicy: 'always' });
    const captcha = (await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} })).json();
    server.advance(121);
    const answer = solveCaptcha(server.data.store, captcha.id);
    const response = await server.login({ code: server.codeFor(server.key.secret), captcha: { id: captcha.id, answer } });
    expect(response.json().error.code).toBe('ERR_CAPTCHA_INVALID');
  });

  it('never asks for a captcha with the policy off', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    for (let attempt = 0; attempt < 5; attempt++) await server.login({ code: '000000', password: 'wrong password' });
    expect((await server.login({ code: server.codeFor(server.key.secret) })).statusCode).toBe(200);
  });

  it('locks after ten failures, then for growing waits (1, 5 min) until a lock passes', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    for (let attempt = 0; attempt < 10; attempt++) await server.login({ code: '000000', password: 'wrong password' });
    const locked = await server.login({ code: server.codeFor(server.key.secret) });
    expect(locked.json().error.code).toBe('ERR_LOGIN_FAILED');

    server.advance(61);
    await server.login({ code: '000000', password: 'wrong password' });
    server.advance(240);
    expect((await server.login({ code: server.codeFor(server.key.secret) })).json().error.code).toBe('ERR_LOGIN_FAILED');
    server.advance(61);
    expect((await server.login({ code: server.codeFor(server.key.secret) })).statusCode).toBe(200);
  });

  it('lets an administrator unlock at once', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    for (let attempt = 0; attempt < 10; attempt++) await server.login({ code: '000000', password: 'wrong password' });
    await server.data.store.throttle.clearAccount('ALICE');
    expect((await server.login({ code: server.codeFor(server.key.secret) })).statusCode).toBe(200);
  });

  it.each([
    ['a missing field', { account: 'alice', password }],
    ['an unknown field', { account: 'alice', password, code: '123456', admin: true }],
    ['a short code', { account: 'alice', password, code: '12345' }],
    ['a number for a string', { account: 'alice', password, code: 123456 }],
    ['an account name with spaces', { account: 'a b', password, code: '123456' }],
  ])('answers %s with 400 ERR_INVALID_INPUT', async (_name, payload) => {
    const server = await createTestServer();
    const response = await server.app.inject({ method: 'POST', url: '/v1/login/totp', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('ERR_INVALID_INPUT');
  });

  it('answers malformed JSON and an oversized body with a 4xx code, never a 5xx', async () => {
    const server = await createTestServer();
    const headers = { 'content-type': 'application/json' };
    const malformed = await server.app.inject({ method: 'POST', url: '/v1/login/totp', headers, payload: '{"account":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('ERR_INVALID_INPUT');
    const huge = JSON.stringify({ account: 'alice', password: 'x'.repeat(100_000), code: '123456' });
    const oversized = await server.app.inject({ method: 'POST', url: '/v1/login/totp', headers, payload: huge });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().error.code).toBe('ERR_INVALID_INPUT');
  });

  it('limits requests per IP address', async () => {
    const server = await createTestServer({ rateLimit: { max: 3, windowSeconds: 60 } });
    const codes = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} });
      codes.push(response.statusCode === 200 ? 'ok' : response.json().error.code);
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ERR_RATE_LIMITED']);
  });
});
