import { describe, expect, it } from 'vitest';
import { issueSession } from '../login/issueSession.js';
import { createTestServer, type TestServer } from '../testing/testServer.js';

/** A fresh session of alice's, as a login would make it. */
const newToken = async (server: TestServer) => (await issueSession(server.context, (await server.data.store.accounts.find('alice'))!, 'totp')).token;

const check = (server: TestServer, authorization: string | undefined, remoteAddress = '127.0.0.1', method: 'GET' | 'DELETE' = 'GET') =>
  server.app.inject({ method, url: '/v1/session', remoteAddress, headers: authorization === undefined ? {} : { authorization } });

const outcome = (response: { statusCode: number; json(): { error?: { code: string } } }) =>
  response.statusCode === 200 ? 'ok' : response.json().error!.code;

const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});

describe('rate limits of the session checks', () => {
  it('lets a script check its token twice a second for three minutes from an address that also logs in', async () => {
    const server = await createTestServer(); // defaults: 120 a minute per address, 600 a minute per token
    const token = await newToken(server);
    const outcomes = [];
    for (let n = 0; n < 360; n++) {
      server.clock.set(server.clock.now().getTime() + (n % 2 ? 700 : 300)); // twice a second, unevenly
      outcomes.push(outcome(await check(server, `Bearer ${token}`)));
      if (n % 20 === 0) outcomes.push(outcome(await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} })));
    }
    expect(tally(outcomes)).toEqual({ ok: 378 });
  });

  it('refuses a token checked 1,000 times at once past its own limit, with 429 ERR_RATE_LIMITED and when to retry', async () => {
    const server = await createTestServer();
    const token = await newToken(server);
    const responses = await Promise.all(Array.from({ length: 1000 }, () => check(server, `Bearer ${token}`)));
    expect(tally(responses.map(outcome))).toEqual({ ok: 600, ERR_RATE_LIMITED: 400 });
    const refused = responses.find((response) => response.statusCode === 429)!;
    const { retryAfterSeconds } = refused.json().error; // the window's end: 60 s from now in memory, the minute's end when shared
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.headers['retry-after']).toBe(String(retryAfterSeconds));
    expect(outcome(await check(server, `Bearer ${token}`, '127.0.0.1', 'DELETE'))).toBe('ERR_RATE_LIMITED'); // logout counts too

    expect(outcome(await check(server, `Bearer ${await newToken(server)}`))).toBe('ok'); // another token, same address
    expect(outcome(await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} }))).toBe('ok'); // the address's own limit
    server.advance(60);
    expect(outcome(await check(server, `Bearer ${token}`))).toBe('ok'); // the next window
  });

  it('leaves the login routes on the per-address limit, which session checks do not use up', async () => {
    const server = await createTestServer({ rateLimit: { max: 3, windowSeconds: 60 } });
    const token = await newToken(server);
    for (let n = 0; n < 10; n++) expect(outcome(await check(server, `Bearer ${token}`))).toBe('ok');
    const captchas = [];
    for (let n = 0; n < 4; n++) captchas.push(outcome(await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} })));
    expect(captchas).toEqual(['ok', 'ok', 'ok', 'ERR_RATE_LIMITED']);
    const login = await server.login({ code: server.codeFor(server.key.secret) });
    expect(outcome(login)).toBe('ERR_RATE_LIMITED');
  });

  it.each([
    ['no token', () => undefined],
    ['a malformed token', () => 'Bearer gcis_short'],
    ['a made-up token for each request', () => `Bearer gcis_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`],
  ])('counts requests with %s per address, in the budget the login routes share', async (_name, authorization) => {
    const server = await createTestServer({ rateLimit: { max: 3, windowSeconds: 60 } });
    const responses = await Promise.all(Array.from({ length: 50 }, () => check(server, authorization())));
    expect(tally(responses.map(outcome))).toEqual({ ERR_UNAUTHENTICATED: 3, ERR_RATE_LIMITED: 47 });
    expect(outcome(await server.app.inject({ method: 'POST', url: '/v1/captcha', payload: {} }))).toBe('ERR_RATE_LIMITED');
    expect(outcome(await check(server, undefined, '127.0.0.2'))).toBe('ERR_UNAUTHENTICATED'); // another address has its own
    expect(outcome(await check(server, `Bearer ${await newToken(server)}`))).toBe('ok'); // a live token still counts on its own
  });

  it('does not count against the address a check that failed for the store, not the client', async () => {
    const server = await createTestServer({ rateLimit: { max: 1, windowSeconds: 60 } });
    const token = await newToken(server);
    const { sessions } = server.data.store;
    const find = sessions.find;
    sessions.find = async () => Promise.reject(new Error('connection lost'));
    for (let n = 0; n < 3; n++) expect((await check(server, `Bearer ${token}`)).statusCode).toBe(500);
    sessions.find = find;
    expect(outcome(await check(server, 'Bearer gcis_short'))).toBe('ERR_UNAUTHENTICATED'); // the address's first
    expect(outcome(await check(server, 'Bearer gcis_short'))).toBe('ERR_RATE_LIMITED');
  });

  it('counts a revoked token per address once it is revoked', async () => {
    const server = await createTestServer({ rateLimit: { max: 3, windowSeconds: 60 } });
    const token = await newToken(server);
    expect(outcome(await check(server, `Bearer ${token}`, '127.0.0.1', 'DELETE'))).toBe('ok');
    const after = [];
    for (let n = 0; n < 4; n++) after.push(outcome(await check(server, `Bearer ${token}`)));
    expect(after).toEqual(['ERR_UNAUTHENTICATED', 'ERR_UNAUTHENTICATED', 'ERR_UNAUTHENTICATED', 'ERR_RATE_LIMITED']);
  });
});
