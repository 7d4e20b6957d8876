import { en } from '../i18n/en.js';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { closedPort, errorReply, session, startFakeServer, token, whoAmI } from '../testing/fakeServer.js';
import { parseTimeout, statusAll, type ServerStatus } from './statusAll.js';

/** A server that accepts connections and never answers. */
async function silentServer(): Promise<string> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('gcis status --all', () => {
  it('asks every stored server with its own token and lists each as active, ended or unreachable, the default marked', async () => {
    const fake = await fakeDeps();
    const active = await startFakeServer({ 'GET /v1/session': { status: 200, body: whoAmI({ idleExpiresAt: '2026-11-27T02:40:00.000Z' }) } });
    const ended = await startFakeServer({ 'GET /v1/session': errorReply(401, 'ERR_UNAUTHENTICATED') });
    const down = await closedPort();
    const silent = await silentServer();
    const store = openTokenStore(fake.deps.configDir);
    await store.save(active.url, session({ token: token(1) }));
    await store.save(ended.url, session({ token: token(2), account: 'bob' }));
    await store.save(down, session({ token: token(3) }));
    await store.save(silent, session({ token: token(4) }));
    await store.setDefault(ended.url, 'prod');

    await statusAll({ json: true, timeoutSeconds: 1 }, fake.deps);
    const listed: ServerStatus[] = JSON.parse(fake.stdout());
    expect(listed.map(({ server, state, default: isDefault, aliases, code }) => ({ server, state, isDefault, aliases, code }))).toEqual([
      { server: active.url, state: 'active', isDefault: false, aliases: [], code: undefined },
      { server: ended.url, state: 'ended', isDefault: true, aliases: ['prod'], code: undefined },
      { server: down, state: 'unreachable', isDefault: false, aliases: [], code: 'ERR_NETWORK' },
      { server: silent, state: 'unreachable', isDefault: false, aliases: [], code: expect.stringMatching(/^ERR_(TIMEOUT|NETWORK)$/) },
    ]);
    expect(listed[0]!.who).toEqual(whoAmI({ idleExpiresAt: '2026-11-27T02:40:00.000Z' }));
    expect(active.requests[0]!.headers.authorization).toBe(`Bearer ${token(1)}`);
    expect(ended.requests[0]!.headers.authorization).toBe(`Bearer ${token(2)}`);
    // what the server said about the idle end is kept for gcis token
    expect((await store.read(active.url))?.idleExpiresAt).toBe('2026-11-27T02:40:00.000Z');
  });

  it('marks the server GCIS_SERVER picks as the default of this run, and lists it for people', async () => {
    const remote = await startFakeServer({ 'GET /v1/session': { status: 200, body: whoAmI() } });
    const fake = await fakeDeps({ env: { GCIS_SERVER: remote.url } });
    await openTokenStore(fake.deps.configDir).save(remote.url, session());
    await statusAll({}, fake.deps);
    expect(fake.stdout()).toContain(`* ${remote.url}`);
    expect(fake.stdout()).toContain('Alice Chen');
  });

  it('fails with ERR_NOT_LOGGED_IN when the store holds no session', async () => {
    const { deps } = await fakeDeps();
    expect(await errorCodeOf(statusAll({}, deps))).toBe('ERR_NOT_LOGGED_IN');
  });

  it.each(['0', '61', '1.5', 'x', ''])('refuses --timeout %s', (value) => {
    expect(() => parseTimeout(value, en)).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });
});
