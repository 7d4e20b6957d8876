import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from '@gcis/core/client';
import { defaultServer, resolveServer, serverOrigin } from './serverUrl.js';

describe('resolveServer', () => {
  it('takes the flag over GCIS_SERVER over the default', async () => {
    const env = { GCIS_SERVER: 'https://env.example' };
    expect(await resolveServer('https://flag.example', env)).toBe('https://flag.example');
    expect(await resolveServer(undefined, env)).toBe('https://env.example');
    expect(await resolveServer(undefined, {})).toBe(defaultServer);
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
