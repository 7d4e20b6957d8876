import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, token, whoAmI, type Route } from '../testing/fakeServer.js';
import { login } from './login.js';

async function setup(route: Route, stdin: string) {
  const server = await startFakeServer({ 'GET /v1/session': route, 'DELETE /v1/session': { status: 200, body: { revoked: true } } });
  const fake = await fakeDeps({ stdin });
  const store = openTokenStore(fake.deps.configDir);
  return { ...fake, server, store, run: (alias?: string) => login({ server: server.url, withToken: true, json: true, alias }, fake.deps) };
}

describe('gcis login --with-token', () => {
  it('keeps a token from stdin once the server accepts it, with the account and deadlines the server gives', async () => {
    const { run, server, store, stdout } = await setup({ status: 200, body: whoAmI() }, `${token(5)}\n`);
    await run('prod');
    expect(server.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([['GET', '/v1/session', `Bearer ${token(5)}`]]);
    const { name: _, ...fromServer } = whoAmI();
    expect(await store.read(server.url)).toEqual({ token: token(5), ...fromServer });
    expect((await store.readAll()).aliases).toEqual({ prod: server.url });
    expect(JSON.parse(stdout())).toMatchObject({ account: 'alice', server: server.url });
  });

  it('refuses a token the server does not accept (exit 4) and keeps the session already stored', async () => {
    const { run, server, store } = await setup(errorReply(401, 'ERR_UNAUTHENTICATED'), `gcis_${'f'.repeat(43)}`);
    await store.save(server.url, session());
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_UNAUTHENTICATED' });
    expect(exitCodeFor(error)).toBe(4);
    expect((await store.read(server.url))?.token).toBe(token());
    expect(server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('ends on the server the session the new token replaces', async () => {
    const { run, server, store } = await setup({ status: 200, body: whoAmI() }, token(5));
    await store.save(server.url, session({ token: token(1) }));
    await run();
    expect(server.requests.find((r) => r.method === 'DELETE')?.headers.authorization).toBe(`Bearer ${token(1)}`);
  });

  it('fails with ERR_MISSING_INPUT (exit 2) on empty stdin, asking nothing', async () => {
    const { run, server } = await setup({ status: 200, body: whoAmI() }, '\n');
    expect(await errorCodeOf(run())).toBe('ERR_MISSING_INPUT');
    expect(server.requests).toEqual([]);
  });

  it.each([
    ['two lines (a header smuggled after the token)', `${token()}\r\nX-Evil: 1`],
    ['a space inside', 'gcis_abc def'],
    ['a non-ASCII character', 'gcis_權杖'],
    ['more than 1024 characters', `gcis_${'a'.repeat(1100)}`],
  ])('refuses %s with ERR_INVALID_INPUT without sending it', async (_, stdin) => {
    const { run, server, store } = await setup({ status: 200, body: whoAmI() }, stdin);
    expect(await errorCodeOf(run())).toBe('ERR_INVALID_INPUT');
    expect(server.requests).toEqual([]);
    expect(await store.read(server.url)).toBeUndefined();
  });

  it('refuses an alias that reads as a URL before reading stdin', async () => {
    const { server, deps } = await setup({ status: 200, body: whoAmI() }, token());
    expect(await errorCodeOf(login({ server: server.url, withToken: true, alias: 'a.example' }, deps))).toBe('ERR_USAGE');
    expect(server.requests).toEqual([]);
  });
});
