import { describe, expect, it } from 'vitest';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { session, token as makeToken } from '../testing/fakeServer.js';
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
});
