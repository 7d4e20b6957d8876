import { randomBytes } from 'node:crypto';
import { buildTestPki, generateTestPkiKeys } from '@gcis/core/x509/testing';
import { describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../config.js';
import { bindTestCertificate, fetchChallenge, installTestPki, signChallenge } from '../../testing/certificateLogin.js';
import { createPushTestServer } from '../../testing/pushTestServer.js';
import { solveCaptcha } from '../../testing/solveCaptcha.js';
import { createTestServer, password, type TestServer } from '../../testing/testServer.js';
import { reserveLoginAttempt } from './reserveLoginAttempt.js';

// Attacks on the password-login throttle through the real app and SQLite: bursts in flight,
// locks and their expiry, other sources, the account-wide cap, other methods, decay and purge.
const noRateLimit: Partial<ServerConfig> = { rateLimit: { max: 1_000_000, windowSeconds: 60 } };
const attacker = '127.0.0.1';
const owner = '127.0.0.2';

function loginFrom(server: TestServer, address: string, body: Record<string, unknown>) {
  return server.app.inject({ method: 'POST', url: '/v1/login/totp', remoteAddress: address, payload: { account: 'alice', password, ...body } });
}
const wrongGuess = { password: 'wrong password', code: '000000' };
const rightLogin = (server: TestServer) => ({ code: server.codeFor(server.key.secret) });

async function solvedCaptcha(server: TestServer) {
  const { id } = (await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} })).json();
  return { id, answer: solveCaptcha(server.data.store, id) };
}

const codesOf = (responses: Array<{ statusCode: number; json: () => { error?: { code: string } } }>) =>
  responses.map((response) => (response.statusCode === 200 ? 'ok' : response.json().error!.code));

describe('password-login throttle under concurrent attack', () => {
  it('checks at most 10 of 100 concurrent guesses from one address and refuses the right password sent among them', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'off' });
    const burst = Array.from({ length: 100 }, (_, index) =>
      index === 40 ? rightLogin(server) : wrongGuess,
    );
    const codes = codesOf(await Promise.all(burst.map((body) => loginFrom(server, attacker, body))));
    expect(new Set(codes)).toEqual(new Set(['ERR_LOGIN_FAILED']));
    expect(server.evaluatedLogins()).toBe(10);
  });

  it('checks at most 3 of 100 concurrent guesses before asking everyone for a captcha', async () => {
    const server = await createTestServer(noRateLimit);
    const codes = codesOf(await Promise.all(Array.from({ length: 100 }, () => loginFrom(server, attacker, wrongGuess))));
    expect(codes.filter((code) => code === 'ERR_LOGIN_FAILED')).toHaveLength(3);
    expect(codes.filter((code) => code === 'ERR_CAPTCHA_REQUIRED')).toHaveLength(97);
    expect(server.evaluatedLogins()).toBe(3);
    // The owner from elsewhere is asked for the captcha too: the account's count is shared.
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ERR_CAPTCHA_REQUIRED']);
  });

  it('checks at most 10 of 30 concurrent guesses that each carry a solved captcha', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'always' });
    const captchas = await Promise.all(Array.from({ length: 30 }, () => solvedCaptcha(server)));
    const codes = codesOf(await Promise.all(captchas.map((captcha) => loginFrom(server, attacker, { ...wrongGuess, captcha }))));
    expect(new Set(codes)).toEqual(new Set(['ERR_LOGIN_FAILED']));
    expect(server.evaluatedLogins()).toBe(10);
  });

  it('checks one guess for one solved captcha sent with 20 concurrent requests: the captcha is taken once', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'always' });
    const captcha = await solvedCaptcha(server);
    const codes = codesOf(await Promise.all(Array.from({ length: 20 }, () => loginFrom(server, attacker, { ...wrongGuess, captcha }))));
    expect(codes.filter((code) => code === 'ERR_LOGIN_FAILED')).toHaveLength(1);
    expect(codes.filter((code) => code === 'ERR_CAPTCHA_INVALID')).toHaveLength(19);
    expect(server.evaluatedLogins()).toBe(1);
  });

  it('refuses the right password while locked and takes it once the lock has passed', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'off' });
    for (let n = 0; n < 10; n++) await loginFrom(server, attacker, wrongGuess);
    expect(codesOf([await loginFrom(server, attacker, rightLogin(server))])).toEqual(['ERR_LOGIN_FAILED']);
    server.advance(59);
    expect(codesOf([await loginFrom(server, attacker, rightLogin(server))])).toEqual(['ERR_LOGIN_FAILED']);
    server.advance(1);
    expect(codesOf([await loginFrom(server, attacker, rightLogin(server))])).toEqual(['ok']);
    expect(await server.data.store.throttle.count()).toBe(0); // a success forgets this source's failures and the account's share of them
  });

  it('lets the owner in from another address, past the captcha, while the attacking address is locked', async () => {
    const server = await createTestServer(noRateLimit);
    for (let n = 0; n < 10; n++) {
      const captcha = n < 3 ? undefined : await solvedCaptcha(server);
      expect(codesOf([await loginFrom(server, attacker, { ...wrongGuess, captcha })])).toEqual(['ERR_LOGIN_FAILED']);
    }
    const attackerWithPassword = await loginFrom(server, attacker, { ...rightLogin(server), captcha: await solvedCaptcha(server) });
    expect(codesOf([attackerWithPassword])).toEqual(['ERR_LOGIN_FAILED']);

    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ERR_CAPTCHA_REQUIRED']);
    const ownerLogin = await loginFrom(server, owner, { ...rightLogin(server), captcha: await solvedCaptcha(server) });
    expect(codesOf([ownerLogin])).toEqual(['ok']);
    // The attacker's address stays locked after the owner's success.
    server.advance();
    const again = await loginFrom(server, attacker, { ...rightLogin(server), captcha: await solvedCaptcha(server) });
    expect(codesOf([again])).toEqual(['ERR_LOGIN_FAILED']);
  });

  it('locks the account from every address at 100 failures in all (NIST SP 800-63B §5.2.2), never for good', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'off' });
    const sources = Array.from({ length: 10 }, (_, index) => `127.0.1.${index + 1}`);
    await Promise.all(sources.flatMap((source) => Array.from({ length: 10 }, () => loginFrom(server, source, wrongGuess))));
    expect(server.evaluatedLogins()).toBe(100);
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ERR_LOGIN_FAILED']);
    server.advance(60);
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ok']);
  });

  it('keeps certificate login working while password logins are locked', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'off' });
    const pki = buildTestPki({ now: server.clock.now(), keys: generateTestPkiKeys('rsa') });
    await installTestPki(server, pki);
    await bindTestCertificate(server, pki.leaf.der);
    const sources = Array.from({ length: 10 }, (_, index) => `127.0.1.${index + 1}`);
    await Promise.all(sources.flatMap((source) => Array.from({ length: 10 }, () => loginFrom(server, source, wrongGuess))));
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ERR_LOGIN_FAILED']);

    const body = await signChallenge(server, await fetchChallenge(server), { signWith: pki.leaf });
    const response = await server.app.inject({ method: 'POST', url: '/v1/login/certificate', remoteAddress: owner, payload: body });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ account: 'alice', method: 'certificate' });
  });

  it('keeps push login working while password logins are locked', async () => {
    const server = await createPushTestServer();
    const phone = await server.bindPhone();
    const guess = { account: 'mei', password: 'wrong password', code: '000000' };
    for (let n = 0; n < 10; n++) await server.app.inject({ method: 'POST', url: '/v1/login/totp', payload: guess });
    const rightPassword = await server.app.inject({ method: 'POST', url: '/v1/login/totp', payload: { ...guess, password } });
    expect(rightPassword.json().error.code).toBe('ERR_LOGIN_FAILED');
    expect(server.logs.filter((line) => line.event === 'password-login').at(-1)).toMatchObject({ outcome: 'throttled' });

    const { transactionId } = (await server.start()).json();
    await phone.approve();
    expect((await server.status(transactionId, 5)).json()).toMatchObject({ status: 'approved', session: { account: 'mei', method: 'push' } });
  });

  it('keeps the one-day password and TOTP counts apart', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'off' });
    for (let n = 0; n < 10; n++) await loginFrom(server, attacker, wrongGuess);
    const otp = await server.app.inject({
      method: 'POST',
      url: '/v1/login/one-day-password',
      remoteAddress: attacker,
      payload: { account: 'alice', password: 'wrong password', checkCode: 'ABCDE23456' },
    });
    expect(otp.json().error.code).toBe('ERR_LOGIN_FAILED');
    expect(server.evaluatedLogins()).toBe(11);
  });

  it('forgets failures a whole window after the last one', async () => {
    const server = await createTestServer(noRateLimit);
    for (let n = 0; n < 3; n++) await loginFrom(server, attacker, wrongGuess);
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ERR_CAPTCHA_REQUIRED']);
    server.advance(3599);
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ERR_CAPTCHA_REQUIRED']);
    server.advance(1);
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ok']);
  });

  it('is reset, every method and every source, by an administrator unlock', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'off' });
    for (const source of [attacker, owner]) for (let n = 0; n < 10; n++) await loginFrom(server, source, wrongGuess);
    await server.app.inject({ method: 'POST', url: '/v1/login/one-day-password', payload: { account: 'alice', password, checkCode: 'ABCDE23456' } });
    expect(await server.data.store.throttle.clearAccount('ALICE')).toBe(5);
    expect(await server.data.store.throttle.count()).toBe(0);
    expect(codesOf([await loginFrom(server, owner, rightLogin(server))])).toEqual(['ok']);
  });

  it('gives the failure counted in flight back for a replayed code (it needed the password and a valid code)', async () => {
    const server = await createTestServer({ ...noRateLimit, captchaPolicy: 'off' });
    const code = server.codeFor(server.key.secret);
    const codes = codesOf(await Promise.all(Array.from({ length: 5 }, () => loginFrom(server, attacker, { code }))));
    expect(codes.sort()).toEqual(['ERR_TOTP_REPLAY', 'ERR_TOTP_REPLAY', 'ERR_TOTP_REPLAY', 'ERR_TOTP_REPLAY', 'ok']);
    expect(await server.data.store.throttle.count()).toBe(0);
  });

  it('keeps the table bounded: a flood of 10,000 made-up account names is purged once its window has passed', async () => {
    const server = await createTestServer();
    const { store } = server.data;
    const names = Array.from({ length: 10_000 }, () => randomBytes(9).toString('base64url'));
    for (const [index, account] of names.entries()) {
      await reserveLoginAttempt(server.context, { method: 'totp', account, source: `10.0.${index % 250}.1` }, undefined);
    }
    expect(await store.throttle.count()).toBe(20_000);
    expect(await store.throttle.purge(server.clock.now())).toBe(0); // nothing is forgotten inside the window
    server.advance(3600);
    expect(await store.throttle.purge(server.clock.now())).toBe(20_000);
    expect(await store.throttle.count()).toBe(0);
  });
});
