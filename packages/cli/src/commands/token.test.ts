import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { closedPort, errorReply, session, startFakeServer, token as makeToken, whoAmI } from '../testing/fakeServer.js';
import { token } from './token.js';

const server = 'http://127.0.0.1:8470';

describe('gcis token', () => {
  it('prints the stored token alone, with a newline, on stdout', async () => {
    const { deps, stdout, stderr } = await fakeDeps();
    await openTokenStore(deps.configDir).save(server, session());
    await token({ server }, deps);
    expect(stdout()).toBe(`${makeToken()}\n`);
    expect(stderr()).toBe('');
  });

  it('prints GCIS_TOKEN over the stored token', async () => {
    const { deps, stdout } = await fakeDeps({ env: { GCIS_TOKEN: 'gcis_from_env' } });
    await openTokenStore(deps.configDir).save(server, session());
    await token({ server }, deps);
    expect(stdout()).toBe('gcis_from_env\n');
  });

  it('answers from the entry of the server asked for', async () => {
    const { deps, stdout } = await fakeDeps();
    await openTokenStore(deps.configDir).save('https://other.example', session({ token: makeToken(2) }));
    expect(await errorCodeOf(token({ server }, deps))).toBe('ERR_NOT_LOGGED_IN');
    await token({ server: 'https://other.example' }, deps);
    expect(stdout()).toBe(`${makeToken(2)}\n`);
  });

  it('fails with ERR_NOT_LOGGED_IN and prints nothing when never logged in', async () => {
    const { deps, stdout } = await fakeDeps();
    expect(await errorCodeOf(token({ server }, deps))).toBe('ERR_NOT_LOGGED_IN');
    expect(stdout()).toBe('');
  });

  it('fails with ERR_NOT_LOGGED_IN once the stored session is past its expiresAt', async () => {
    const { deps, clock, stdout } = await fakeDeps({ now: '2026-11-27T02:30:09Z' });
    await openTokenStore(deps.configDir).save(server, session({ expiresAt: '2026-11-27T02:30:10.000Z' }));
    await token({ server }, deps);
    clock.set('2026-11-27T02:30:10Z');
    expect(await errorCodeOf(token({ server }, deps))).toBe('ERR_NOT_LOGGED_IN');
    expect(stdout()).toBe(`${makeToken()}\n`);
  });

  // session(): issued 02:00:10 with a 30-minute idle timeout, so gcis records an idle end of 02:30:10.
  describe('past the idle end gcis last saw', () => {
    async function idle(route: Parameters<typeof startFakeServer>[0][string]) {
      const fake = await fakeDeps({ now: '2026-11-27T02:30:10Z' });
      const remote = await startFakeServer({ 'GET /v1/session': route });
      const store = openTokenStore(fake.deps.configDir);
      await store.save(remote.url, session());
      return { ...fake, remote, store, run: () => token({ server: remote.url }, fake.deps) };
    }

    it('asks nothing before the idle end', async () => {
      const { deps, stdout } = await fakeDeps({ now: '2026-11-27T02:30:09Z' });
      const remote = await startFakeServer({});
      await openTokenStore(deps.configDir).save(remote.url, session());
      await token({ server: remote.url }, deps);
      expect(stdout()).toBe(`${makeToken()}\n`);
      expect(remote.requests).toEqual([]);
    });

    it('refuses a session the server has ended: ERR_NOT_LOGGED_IN (exit 4), nothing on stdout', async () => {
      const { run, remote, stdout } = await idle(errorReply(401, 'ERR_UNAUTHENTICATED'));
      const error = await run().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'ERR_NOT_LOGGED_IN' });
      expect(exitCodeFor(error)).toBe(4);
      expect(stdout()).toBe('');
      expect(remote.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
        ['GET', '/v1/session', `Bearer ${makeToken()}`],
      ]);
    });

    it('hands out a session a script kept alive, and records the new idle end so the next call asks nothing', async () => {
      const { run, remote, store, stdout } = await idle({ status: 200, body: whoAmI({ idleExpiresAt: '2026-11-27T03:00:10.000Z' }) });
      await run();
      await run();
      expect(stdout()).toBe(`${makeToken()}\n${makeToken()}\n`);
      expect(remote.requests).toHaveLength(1);
      expect((await store.read(remote.url))?.idleExpiresAt).toBe('2026-11-27T03:00:10.000Z');
    });

    it('hands out nothing when the server cannot be asked (ERR_NETWORK, exit 1)', async () => {
      const { deps, stdout } = await fakeDeps({ now: '2026-11-27T02:30:10Z' });
      const unreachable = await closedPort();
      await openTokenStore(deps.configDir).save(unreachable, session());
      expect(await errorCodeOf(token({ server: unreachable }, deps))).toBe('ERR_NETWORK');
      expect(stdout()).toBe('');
    });

    it('hands out GCIS_TOKEN without asking: gcis keeps no idle end for it', async () => {
      const { deps, stdout } = await fakeDeps({ now: '2026-11-27T02:30:10Z', env: { GCIS_TOKEN: 'gcis_from_env' } });
      await token({ server }, deps);
      expect(stdout()).toBe('gcis_from_env\n');
    });
  });
});
