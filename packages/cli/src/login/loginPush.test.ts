import { describe, expect, it } from 'vitest';
import { login } from '../commands/login.js';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, storedSession, type Route } from '../testing/fakeServer.js';

const now = '2026-11-27T02:00:10Z';
const transactionId = '8f0d6c4e-2b1a-4c8e-9f7d-0a1b2c3d4e5f';
const expiresAt = '2026-11-27T02:02:10.000Z';
const started: Route = { status: 200, body: { transactionId, matchCode: '42', expiresAt } };
const statusPath = (wait: number) => `GET /v1/login/push/${transactionId}?wait=${wait}`;
const pushSession = session({ method: 'push', account: 'mei' });
const reply = (body: object): Route => ({ status: 200, body: { expiresAt, ...body } });

async function setup(routes: Record<string, Route | Route[]>, options: FakeDepsOptions = {}) {
  const server = await startFakeServer({ 'POST /v1/login/push': started, ...routes });
  const fake = await fakeDeps({ now, ...options });
  const run = (flags: { id?: string } = { id: 'A123456789' }) => login({ server: server.url, method: 'push', ...flags }, fake.deps);
  return { ...fake, server, run, store: openTokenStore(fake.deps.configDir) };
}

describe('gcis login --method push', () => {
  it('shows the match code, long-polls until the phone approves and keeps the session', async () => {
    const { run, server, stderr, store } = await setup({ [statusPath(25)]: [reply({ status: 'pending' }), reply({ status: 'approved', session: pushSession })] });
    await run();
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v1/login/push', body: { nationalId: 'A123456789' } });
    expect(server.requests.slice(1).map((r) => r.path)).toEqual([`/v1/login/push/${transactionId}?wait=25`, `/v1/login/push/${transactionId}?wait=25`]);
    expect(stderr()).toMatch(/match code 42/);
    expect(await store.read(server.url)).toEqual(storedSession({ method: 'push', account: 'mei' }));
  });

  it('takes the ID from GCIS_NATIONAL_ID, upper-cased, and picks push by itself', async () => {
    const { server, deps } = await setup({ [statusPath(25)]: reply({ status: 'approved', session: pushSession }) }, { env: { GCIS_NATIONAL_ID: 'a123456789' } });
    await login({ server: server.url }, deps);
    expect(server.requests[0]!.body).toEqual({ nationalId: 'A123456789' });
  });

  it('sends an old-style resident number (two letters) as it is, upper-cased', async () => {
    const { run, server } = await setup({ [statusPath(25)]: reply({ status: 'approved', session: pushSession }) });
    await run({ id: 'ac01234567' });
    expect(server.requests[0]!.body).toEqual({ nationalId: 'AC01234567' });
  });

  it('asks for the ID on a terminal', async () => {
    const { server, deps, asked } = await setup({ [statusPath(25)]: reply({ status: 'approved', session: pushSession }) }, { tty: true, answers: { input: ['A123456789'] } });
    await login({ server: server.url, method: 'push' }, deps);
    expect(asked).toMatchObject([{ kind: 'input', message: expect.stringContaining("身分證號") }]);
  });

  it.each([
    ['a wrong check digit', 'A123456788'],
    ['a malformed ID', 'A12345'],
    ['an old-style resident number with a wrong check digit', 'AC01234568'],
  ])('refuses %s before contacting the server (exit 2)', async (_, id) => {
    const { run, server } = await setup({});
    const error = await run({ id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_INVALID_NATIONAL_ID' });
    expect(exitCodeFor(error)).toBe(2);
    expect(server.requests).toEqual([]);
  });

  it('fails fast without a terminal when no ID is given', async () => {
    const { run, server } = await setup({});
    expect(await errorCodeOf(run({}))).toBe('ERR_MISSING_INPUT');
    expect(server.requests).toEqual([]);
  });

  it.each([
    [{ status: 'denied', reason: { code: 'ERR_PUSH_DENIED', message: 'declined' } }, 'ERR_PUSH_DENIED', 4],
    [{ status: 'denied', reason: { code: 'ERR_CERT_UNTRUSTED', message: 'no anchor' } }, 'ERR_CERT_UNTRUSTED', 4],
    [{ status: 'denied', reason: { code: 'ERR_PUSH_REPLAY', message: 'used' } }, 'ERR_PUSH_REPLAY', 4],
    [{ status: 'expired', reason: { code: 'ERR_PUSH_EXPIRED', message: 'late' } }, 'ERR_TIMEOUT', 3],
    [{ status: 'cancelled' }, 'ERR_CANCELLED', 3],
  ])('turns %j into %s (exit %i)', async (body, code, exit) => {
    const { run } = await setup({ [statusPath(25)]: reply(body) });
    const error = await run().catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect(exitCodeFor(error)).toBe(exit);
  });

  it('passes the server’s refusals through: no bound device (exit 4), the fatigue limit', async () => {
    const noDevice = await setup({ 'POST /v1/login/push': errorReply(404, 'ERR_PUSH_NO_DEVICE') });
    const error = await noDevice.run().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_PUSH_NO_DEVICE' });
    expect(exitCodeFor(error)).toBe(4);
    const limited = await setup({ 'POST /v1/login/push': errorReply(429, 'ERR_PUSH_LIMIT') });
    expect(await errorCodeOf(limited.run())).toBe('ERR_PUSH_LIMIT');
  });

  it('on Ctrl-C cancels the request on the server and exits 130', async () => {
    let interrupt: (() => void) | undefined;
    const { run, server, deps, stderr } = await setup({
      [statusPath(25)]: () => {
        interrupt?.(); // the user presses Ctrl-C while the long poll is open
        return { status: 200, body: { status: 'pending', expiresAt } };
      },
      [`DELETE /v1/login/push/${transactionId}`]: reply({ status: 'cancelled' }),
    });
    deps.onInterrupt = (handler) => {
      interrupt = handler;
      return () => (interrupt = undefined);
    };
    const error = await run().catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(130);
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/v1/login/push/${transactionId}` });
    expect(stderr()).toMatch(/cancelled the push login/);
    expect(interrupt).toBeUndefined();
  });

  it('waits no longer than the time left, and gives up by itself well after expiry', async () => {
    const { run, clock } = await setup({
      [statusPath(25)]: () => {
        clock.set(new Date(expiresAt).getTime() - 5_000);
        return reply({ status: 'pending' }) as { status: number; body: object };
      },
      [statusPath(5)]: () => {
        clock.set(new Date(expiresAt).getTime() + 31_000);
        return reply({ status: 'pending' }) as { status: number; body: object };
      },
    });
    expect(await errorCodeOf(run())).toBe('ERR_TIMEOUT');
  });
});
