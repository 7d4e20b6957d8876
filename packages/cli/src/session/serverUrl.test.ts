import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from '@gcis/core/client';
import { tempDir } from '../testing/fakeDeps.js';
import { defaultServer, resolveServer, serverOrigin } from './serverUrl.js';
import { openTokenStore } from './tokenStore.js';

describe('resolveServer', () => {
  it('takes the flag over GCIS_SERVER over the default', async () => {
    const env = { GCIS_SERVER: 'https://env.example' };
    const configDir = await tempDir();
    expect(await resolveServer('https://flag.example', env, configDir)).toBe('https://flag.example');
    expect(await resolveServer(undefined, env, configDir)).toBe('https://env.example');
    expect(await resolveServer(undefined, {}, configDir)).toBe(defaultServer);
  });

  it('takes the default gcis use stored when neither the flag nor GCIS_SERVER names one', async () => {
    const configDir = await tempDir();
    await openTokenStore(configDir).setDefault('https://chosen.example');
    expect(await resolveServer(undefined, {}, configDir)).toBe('https://chosen.example');
    expect(await resolveServer(undefined, { GCIS_SERVER: 'https://env.example' }, configDir)).toBe('https://env.example');
    expect(await resolveServer('https://flag.example', {}, configDir)).toBe('https://flag.example');
  });

  it('reads an alias in the flag or GCIS_SERVER, and a word that is no alias as a host', async () => {
    const configDir = await tempDir();
    await openTokenStore(configDir).setAlias('https://prod.example', 'prod');
    expect(await resolveServer('prod', {}, configDir)).toBe('https://prod.example');
    expect(await resolveServer(undefined, { GCIS_SERVER: 'prod' }, configDir)).toBe('https://prod.example');
    expect(await resolveServer('localhost', {}, configDir)).toBe('http://localhost');
    // names of Object.prototype's members are not aliases nobody made
    expect(await resolveServer('constructor', {}, configDir)).toBe('http://constructor');
  });

  it.each(['127.0.0.1:8470', 'http://127.0.0.1:8470/', 'https://gcis.example/some/path?q=1', 'HTTP://Gcis.Example:80'])(
    'reduces %s to the origin exactly as core’s client does',
    async (input) => {
      expect(await serverOrigin(input)).toBe(normalizeServerUrl(input).origin);
    },
  );

  it.each(['ftp://gcis.example', 'http://'])('refuses %s as ERR_USAGE, as core’s client does', async (input) => {
    await expect(serverOrigin(input)).rejects.toMatchObject({ code: 'ERR_USAGE' });
    expect(() => normalizeServerUrl(input)).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });
});
