import { describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { createCli } from './createCli.js';
import { exitCodeFor } from './errors/exitCodes.js';
import { defaultServer } from './session/serverUrl.js';
import { fakeDeps, type FakeDepsOptions } from './testing/fakeDeps.js';
import { session, token } from './testing/fakeServer.js';
import { openTokenStore } from './session/tokenStore.js';

/** Runs `gcis ARGS…` in-process; resolves to the exit code bin.ts would use. */
async function gcis(argv: string[], options: FakeDepsOptions = {}) {
  const fake = await fakeDeps(options);
  const store = openTokenStore(fake.deps.configDir);
  await store.save(defaultServer, session({ token: token(1) }));
  await store.save('https://env.example', session({ token: token(2) }));
  await store.save('https://flag.example', session({ token: token(3) }));
  const exitCode = await createCli(fake.deps)
    .parseAsync(argv)
    .catch((error: unknown) => exitCodeFor(error));
  return { ...fake, exitCode };
}

describe('createCli', () => {
  it('takes the server from --server over GCIS_SERVER over the default', async () => {
    const env = { GCIS_SERVER: 'https://env.example' };
    expect((await gcis(['token'])).stdout()).toBe(`${token(1)}\n`);
    expect((await gcis(['token'], { env })).stdout()).toBe(`${token(2)}\n`);
    expect((await gcis(['token', '--server', 'https://flag.example'], { env })).stdout()).toBe(`${token(3)}\n`);
    expect((await gcis(['--server', 'https://flag.example', 'token'], { env })).stdout()).toBe(`${token(3)}\n`);
  });

  it('prints the version on stdout and exits 0', async () => {
    const { exitCode, stdout } = await gcis(['--version']);
    expect(exitCode).toBe(0);
    expect(stdout()).toBe(`${packageJson.version}\n`);
  });

  it.each([
    [['--bogus']],
    [['bogus']],
    [['login', '--method', 'sms']],
    [['login', '--method', 'cert', '--signer', 'smartcard']],
    [['exec']],
    [['token', 'extra']],
  ])('calls %j a usage error (exit 2) and prints nothing on stdout', async (argv) => {
    const { exitCode, stdout } = await gcis(argv);
    expect(exitCode).toBe(2);
    expect(stdout()).toBe('');
  });

  it.each([['login'], ['token'], ['status'], ['logout'], ['exec'], ['totp', 'show'], ['totp', 'rebuild'], ['card', 'list'], ['card', 'bind']])(
    'shows help with examples for %s',
    async (...command) => {
      const { exitCode, stdout } = await gcis([...command, '--help']);
      expect(exitCode).toBe(0);
      expect(stdout()).toContain('Examples:');
    },
  );

  it('passes the exit code of an exec’d command through', async () => {
    const { exitCode } = await gcis(['exec', '--', process.execPath, '-e', 'process.exit(7)'], {
      env: { PATH: process.env.PATH },
    });
    expect(exitCode).toBe(7);
  });

  it('hands login flags to the command: --non-interactive on a terminal fails fast (exit 2)', async () => {
    const { exitCode, asked } = await gcis(['login', '--method', 'totp', '--non-interactive'], { tty: true });
    expect(exitCode).toBe(2);
    expect(asked).toEqual([]);
  });

  it('exits 4 for token when not logged in to the chosen server', async () => {
    const { exitCode, stdout } = await gcis(['token', '--server', 'https://nowhere.example']);
    expect(exitCode).toBe(4);
    expect(stdout()).toBe('');
  });
});
