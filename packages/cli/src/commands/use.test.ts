import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors/exitCodes.js';
import { resolveServer } from '../session/serverUrl.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps } from '../testing/fakeDeps.js';
import { session } from '../testing/fakeServer.js';
import { use } from './use.js';

describe('gcis use', () => {
  it('makes a URL the server later commands use without --server or GCIS_SERVER, and names it', async () => {
    const { deps } = await fakeDeps();
    await use({ target: 'https://gcis.example/some/path', alias: 'prod' }, deps);
    expect(await resolveServer(undefined, {}, deps.configDir)).toBe('https://gcis.example');
    expect(await resolveServer('prod', {}, deps.configDir)).toBe('https://gcis.example');
  });

  it('switches back by alias', async () => {
    const { deps } = await fakeDeps();
    await use({ target: 'https://gcis.example', alias: 'prod' }, deps);
    await use({ target: 'http://127.0.0.1:9999', alias: 'dev' }, deps);
    await use({ target: 'prod' }, deps);
    expect(await resolveServer(undefined, {}, deps.configDir)).toBe('https://gcis.example');
  });

  it('accepts a bare host name gcis has a session for', async () => {
    const { deps } = await fakeDeps();
    await openTokenStore(deps.configDir).save('http://localhost', session());
    await use({ target: 'localhost' }, deps);
    expect(await resolveServer(undefined, {}, deps.configDir)).toBe('http://localhost');
  });

  it('refuses a word that is no alias and no known server (a mistyped alias) with ERR_USAGE, changing nothing', async () => {
    const { deps } = await fakeDeps();
    await use({ target: 'https://gcis.example', alias: 'prod' }, deps);
    const error = await use({ target: 'prdo' }, deps).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ERR_USAGE' });
    expect(exitCodeFor(error)).toBe(2);
    expect(await resolveServer(undefined, {}, deps.configDir)).toBe('https://gcis.example');
  });

  it.each(['a.b', 'host:1', 'https://x', '-x', '1prod', 'x'.repeat(33), '__proto__'])(
    'refuses the alias %s, which could be read as a host, URL or flag',
    async (alias) => {
      const { deps } = await fakeDeps();
      expect(await errorCodeOf(use({ target: 'https://gcis.example', alias }, deps))).toBe('ERR_USAGE');
      expect((await openTokenStore(deps.configDir).readAll()).defaultServer).toBeUndefined();
    },
  );

  it('does not take an Object.prototype member for an alias', async () => {
    const { deps } = await fakeDeps();
    expect(await errorCodeOf(use({ target: 'constructor' }, deps))).toBe('ERR_USAGE');
  });
});
