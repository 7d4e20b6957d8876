import { hashPassword } from '@gcis/core/password';
import { describe, expect, it } from 'vitest';
import { createAdminCredential } from '../secrets/adminCredential.js';
import { solveCaptcha } from '../testing/solveCaptcha.js';
import { createTestServer, password, type TestServer } from '../testing/testServer.js';

// Until the password and the second factor are both verified, a password login must not say which
// one was wrong, whether the account exists, is locked, or has a second factor at all.
async function addAccountWithoutFactor(server: TestServer, account: string) {
  await server.data.store.accounts.insert({
    account,
    name: '林小華',
    email: `${account}@example.com`,
    nationalIdHmac: null,
    nationalIdMasked: null,
    passwordHash: await hashPassword(password),
    createdAt: server.clock.now().toISOString(),
  });
}

const totp = (server: TestServer, remoteAddress: string, payload: Record<string, unknown>) =>
  server.app.inject({ method: 'POST', url: '/v1/login/totp', remoteAddress, payload });
const oneDay = (server: TestServer, payload: Record<string, unknown>) =>
  server.app.inject({ method: 'POST', url: '/v1/login/one-day-password', payload });

describe('uniform answers of password logins', () => {
  it('answers wrong password, unknown account, lock, no authenticator and wrong code alike', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    await addAccountWithoutFactor(server, 'bob');
    const code = server.codeFor(server.key.secret);
    const otherCode = code === '000000' ? '000001' : '000000';
    for (let n = 0; n < 10; n++) await totp(server, '127.0.0.9', { account: 'alice', password: 'wrong', code: otherCode });
    const answers = [
      await totp(server, '127.0.0.1', { account: 'alice', password: 'wrong password', code }),
      await totp(server, '127.0.0.1', { account: 'nobody', password, code }),
      await totp(server, '127.0.0.9', { account: 'alice', password, code }), // locked from this address
      await totp(server, '127.0.0.1', { account: 'bob', password, code }), // right password, no authenticator
      await totp(server, '127.0.0.1', { account: 'alice', password, code: otherCode }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers[0]!.json().error.code).toBe('ERR_LOGIN_FAILED');
  });

  it('answers no check code issued, a wrong check code and a wrong password alike', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    await addAccountWithoutFactor(server, 'bob');
    const token = await createAdminCredential(server.data.store, server.context.random, server.clock.now());
    await server.app.inject({ method: 'POST', url: '/v1/admin/accounts/alice/one-day-password', headers: { authorization: `Bearer ${token}` }, payload: {} });
    const answers = [
      await oneDay(server, { account: 'bob', password, checkCode: 'ABCDE23456' }), // right password, nothing issued
      await oneDay(server, { account: 'alice', password, checkCode: 'ABCDE23456' }), // right password, wrong code
      await oneDay(server, { account: 'alice', password: 'wrong password', checkCode: 'ABCDE23456' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401]);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
  });

  it('asks for the captcha by the count alone: the right and a wrong password get the same answer', async () => {
    const server = await createTestServer();
    for (let n = 0; n < 3; n++) await totp(server, '127.0.0.1', { account: 'alice', password: 'wrong', code: '000000' });
    const right = await totp(server, '127.0.0.1', { account: 'alice', password, code: '000000' });
    const wrong = await totp(server, '127.0.0.1', { account: 'alice', password: 'wrong', code: '000000' });
    expect(right.json().error.code).toBe('ERR_CAPTCHA_REQUIRED');
    expect(right.body).toBe(wrong.body);
    const captcha = async () => {
      const { id } = (await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} })).json();
      return { id, answer: solveCaptcha(server.data.store, id) === '00000' ? '00001' : '00000' };
    };
    const rightBadCaptcha = await totp(server, '127.0.0.1', { account: 'alice', password, code: '000000', captcha: await captcha() });
    const wrongBadCaptcha = await totp(server, '127.0.0.1', { account: 'alice', password: 'x', code: '000000', captcha: await captcha() });
    expect(rightBadCaptcha.json().error.code).toBe('ERR_CAPTCHA_INVALID');
    expect(rightBadCaptcha.body).toBe(wrongBadCaptcha.body);
    expect(server.evaluatedLogins()).toBe(3); // refused captchas check no password
  });

  it('logs each attempt with its outcome and source: checked failures, then throttled refusals', async () => {
    const server = await createTestServer({ captchaPolicy: 'off' });
    for (let n = 0; n < 12; n++) await totp(server, '127.0.0.1', { account: 'alice', password: 'wrong', code: '000000' });
    const outcomes = server.logs.filter((line) => line.event === 'password-login').map((line) => line.outcome);
    expect(outcomes).toEqual([...Array(10).fill('failure'), 'throttled', 'throttled']);
    expect(server.logs.filter((line) => line.event === 'password-login').every((line) => line.source === '127.0.0.1')).toBe(true);
  });
});
