import { describe, expect, it } from 'vitest';
import { createTestServer, password, type TestServer } from '../testing/testServer.js';

/** A wrong-password TOTP login from `remoteAddress` with the given X-Forwarded-For; the source it was counted under. */
async function loginSource(server: TestServer, remoteAddress: string, forwardedFor?: string) {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  const before = server.logs.length;
  await server.app.inject({ method: 'POST', url: '/v1/login/totp', remoteAddress, headers, payload: { account: 'alice', password: `not ${password}`, code: '000000' } });
  return server.logs.slice(before).find((line) => line.event === 'password-login')?.source;
}

/** Outcomes of `count` captcha requests (a per-address-limited route) from `remoteAddress` with the given X-Forwarded-For values, in turn. */
async function captchas(server: TestServer, remoteAddress: string, forwardedFor: (n: number) => string | undefined, count: number) {
  const outcomes = [];
  for (let n = 0; n < count; n++) {
    const value = forwardedFor(n);
    const headers = value === undefined ? {} : { 'x-forwarded-for': value };
    const response = await server.app.inject({ method: 'POST', url: '/v1/captcha', remoteAddress, headers, payload: {} });
    outcomes.push(response.statusCode === 200 ? 'ok' : response.json().error.code);
  }
  return outcomes;
}

describe('trustProxy: whose address the limits and the throttle count', () => {
  const proxied = { captchaPolicy: 'off' as const, trustProxy: ['10.0.0.1', '10.0.1.0/24'], rateLimit: { max: 3, windowSeconds: 60 } };

  it('ignores X-Forwarded-For when it is off: the peer is the client', async () => {
    const server = await createTestServer({ captchaPolicy: 'off', rateLimit: { max: 3, windowSeconds: 60 } });
    expect(await loginSource(server, '10.0.0.1', '198.51.100.7')).toBe('10.0.0.1');
    expect(await captchas(server, '127.0.0.1', (n) => `198.51.100.${n}`, 4)).toEqual(['ok', 'ok', 'ok', 'ERR_RATE_LIMITED']);
  });

  it('counts a client that is not a listed proxy by its own address, whatever X-Forwarded-For it sends', async () => {
    const server = await createTestServer(proxied);
    expect(await loginSource(server, '203.0.113.9', '198.51.100.7')).toBe('203.0.113.9');
    expect(await loginSource(server, '203.0.113.9', '10.0.0.1')).toBe('203.0.113.9');
    expect(await captchas(server, '203.0.113.10', (n) => `198.51.100.${n}`, 4)).toEqual(['ok', 'ok', 'ok', 'ERR_RATE_LIMITED']);
  });

  it('cannot spoof its way out of a source lock by naming other addresses', async () => {
    const server = await createTestServer({ ...proxied, lockAfterFailures: 3, rateLimit: { max: 1000, windowSeconds: 60 } });
    const sources = [];
    for (let n = 0; n < 6; n++) sources.push(await loginSource(server, '203.0.113.9', `198.51.100.${n}`));
    expect(new Set(sources)).toEqual(new Set(['203.0.113.9']));
    expect(server.evaluatedLogins()).toBe(3); // the rest were refused by the lock, unchecked
  });

  it("takes a listed proxy's forwarded client, and counts each client behind it apart", async () => {
    const server = await createTestServer(proxied);
    expect(await loginSource(server, '10.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(await loginSource(server, '10.0.1.77', '2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(await captchas(server, '10.0.0.1', () => '198.51.100.20', 4)).toEqual(['ok', 'ok', 'ok', 'ERR_RATE_LIMITED']);
    expect(await captchas(server, '10.0.0.1', () => '198.51.100.21', 1)).toEqual(['ok']);
  });

  it('takes the right-most address not in the list from a chain whose left-most entries the client made up', async () => {
    const server = await createTestServer(proxied);
    expect(await loginSource(server, '10.0.0.1', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
    expect(await loginSource(server, '10.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.1.5')).toBe('198.51.100.7'); // two proxies in a row
    expect(await captchas(server, '10.0.0.1', (n) => `10.9.9.${n}, 198.51.100.30`, 4)).toEqual(['ok', 'ok', 'ok', 'ERR_RATE_LIMITED']);
  });

  it('counts session checks without a live token by the forwarded client behind a proxy', async () => {
    const server = await createTestServer(proxied);
    const check = (forwardedFor: string) =>
      server.app.inject({ method: 'GET', url: '/v1/session', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': forwardedFor } });
    const codes = [];
    for (let n = 0; n < 4; n++) codes.push((await check(`9.9.9.${n}, 198.51.100.40`)).json().error.code);
    expect(codes).toEqual(['ERR_UNAUTHENTICATED', 'ERR_UNAUTHENTICATED', 'ERR_UNAUTHENTICATED', 'ERR_RATE_LIMITED']);
    expect((await check('198.51.100.41')).json().error.code).toBe('ERR_UNAUTHENTICATED');
  });
});
