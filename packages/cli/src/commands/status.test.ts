import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, token, whoAmI, type Route } from '../testing/fakeServer.js';
import { status } from './status.js';

async function setup(route: Route, options: FakeDepsOptions = {}) {
  const server = await startFakeServer({ 'GET /v1/session': route });
  const fake = await fakeDeps(options);
  const store = openTokenStore(fake.deps.configDir);
  const run = (json = true) => status({ server: server.url, json }, fake.deps);
  return { ...fake, server, store, run };
}

describe('gcis status', () => {
  it('asks the server with the stored token and says the token came from the store file', async () => {
    const { run, store, server, stdout } = await setup({ status: 200, body: whoAmI() });
    await store.save(server.url, session());
    await run();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${token()}`);
    expect(JSON.parse(stdout())).toEqual({
      server: server.url,
      ...whoAmI(),
      tokenSource: 'store',
      storePath: store.path,
    });
  });

  it('uses GCIS_TOKEN over the store and says so', async () => {
    const { run, store, server, stdout } = await setup({ status: 200, body: whoAmI() }, { env: { GCIS_TOKEN: token(7) } });
    await store.save(server.url, session());
    await run();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${token(7)}`);
    expect(JSON.parse(stdout())).toMatchObject({ tokenSource: 'env' });
  });

  it('prints the account, name, method, expiry, server and token source for people', async () => {
    const { run, store, server, stdout } = await setup({ status: 200, body: whoAmI() });
    await store.save(server.url, session());
    await run(false);
    for (const part of ['alice', 'Alice Chen', 'totp', server.url, store.path]) expect(stdout()).toContain(part);
  });

  it('fails with ERR_NOT_LOGGED_IN (exit 4) without asking the server when there is no token', async () => {
    const { run, server } = await setup({ status: 200, body: whoAmI() });
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_NOT_LOGGED_IN' });
    expect(exitCodeFor(error)).toBe(4);
    expect(server.requests).toEqual([]);
  });

  it('fails with ERR_UNAUTHENTICATED (exit 4) when the server no longer accepts the token', async () => {
    const { run, store, server } = await setup(errorReply(401, 'ERR_UNAUTHENTICATED'));
    await store.save(server.url, session());
    expect(await errorCodeOf(run())).toBe('ERR_UNAUTHENTICATED');
  });

  it('asks the server even when the stored expiry has passed', async () => {
    const { run, store, server, stdout } = await setup({ status: 200, body: whoAmI() }, { now: '2026-11-27T14:45:00Z' });
    await store.save(server.url, session());
    await run();
    expect(stdout()).toContain('alice');
  });
});
