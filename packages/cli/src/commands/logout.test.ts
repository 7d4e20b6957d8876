import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { closedPort, errorReply, session, startFakeServer, storedSession, token, type Route } from '../testing/fakeServer.js';
import { logout } from './logout.js';

async function setup(route: Route, options: FakeDepsOptions = {}) {
  const server = await startFakeServer({ 'DELETE /v1/session': route });
  const fake = await fakeDeps(options);
  const store = openTokenStore(fake.deps.configDir);
  await store.save(server.url, session());
  return { ...fake, server, store, run: () => logout({ server: server.url }, fake.deps) };
}

describe('gcis logout', () => {
  it('revokes the stored token on the server, then forgets it', async () => {
    const { run, server, store } = await setup({ status: 200, body: { revoked: true } });
    await run();
    expect(server.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['DELETE', '/v1/session', `Bearer ${token()}`],
    ]);
    expect(await store.read(server.url)).toBeUndefined();
  });

  it('forgets the token when the server says it had already ended', async () => {
    const { run, server, store } = await setup(errorReply(401, 'ERR_UNAUTHENTICATED'));
    await run();
    expect(await store.read(server.url)).toBeUndefined();
  });

  it('keeps the token and exits 1 with ERR_NETWORK when the server cannot be reached', async () => {
    const fake = await fakeDeps();
    const store = openTokenStore(fake.deps.configDir);
    const unreachable = await closedPort();
    await store.save(unreachable, session());
    const error = await logout({ server: unreachable }, fake.deps).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_NETWORK' });
    expect(exitCodeFor(error)).toBe(1);
    expect(await store.read(unreachable)).toEqual(storedSession());
  });

  it('keeps the token when the server fails in another way', async () => {
    const { run, server, store } = await setup({ status: 503, body: 'down' });
    await expect(run()).rejects.toMatchObject({ code: 'ERR_BAD_RESPONSE' });
    expect(await store.read(server.url)).toEqual(storedSession());
  });

  it('revokes GCIS_TOKEN on the server and leaves the store alone', async () => {
    const { run, server, store } = await setup({ status: 200, body: { revoked: true } }, { env: { GCIS_TOKEN: token(9) } });
    await run();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${token(9)}`);
    expect(await store.read(server.url)).toEqual(storedSession());
  });

  it('revokes a stored session even past its local expiry: the server may still hold it', async () => {
    const { run, server, store } = await setup({ status: 200, body: { revoked: true } }, { now: '2026-11-28T00:00:00Z' });
    await run();
    expect(server.requests).toHaveLength(1);
    expect(await store.read(server.url)).toBeUndefined();
  });

  it('succeeds without asking the server when not logged in, so a CI trap can always run it', async () => {
    const server = await startFakeServer({});
    const fake = await fakeDeps();
    await logout({ server: server.url }, fake.deps);
    expect(server.requests).toEqual([]);
  });

  it('with --local forgets the stored session without asking the server', async () => {
    const fake = await fakeDeps();
    const store = openTokenStore(fake.deps.configDir);
    const unreachable = await closedPort();
    await store.save(unreachable, session());
    await store.save('https://other.example', session({ token: token(2) }));
    await logout({ server: unreachable, local: true }, fake.deps);
    expect(await store.read(unreachable)).toBeUndefined();
    expect((await store.read('https://other.example'))?.token).toBe(token(2));
  });

  it('with --local sends nothing even when the server is up', async () => {
    const { server, store, deps } = await setup({ status: 200, body: { revoked: true } });
    await logout({ server: server.url, local: true }, deps);
    expect(server.requests).toEqual([]);
    expect(await store.read(server.url)).toBeUndefined();
  });

  it('with --local refuses GCIS_TOKEN, which is not stored (ERR_USAGE), and keeps the store', async () => {
    const { server, store, deps } = await setup({ status: 200, body: { revoked: true } }, { env: { GCIS_TOKEN: token(9) } });
    await expect(logout({ server: server.url, local: true }, deps)).rejects.toMatchObject({ code: 'ERR_USAGE' });
    expect(server.requests).toEqual([]);
    expect(await store.read(server.url)).toEqual(storedSession());
  });
});
