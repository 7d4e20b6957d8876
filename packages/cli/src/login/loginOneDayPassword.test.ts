import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login, type LoginOptions } from '../commands/login.js';
import { openTokenStore } from '../session/tokenStore.js';
import { errorCodeOf } from '../testing/errorCodeOf.js';
import { fakeDeps, tempDir, type FakeDepsOptions } from '../testing/fakeDeps.js';
import { errorReply, session, startFakeServer, type Route } from '../testing/fakeServer.js';

const route = 'POST /v1/login/one-day-password';
const loggedIn: Route = { status: 200, body: session({ method: 'one-day-password' }) };

async function setup(routes: Record<string, Route | Route[]>, options: FakeDepsOptions = {}) {
  const server = await startFakeServer(routes);
  const fake = await fakeDeps(options);
  const run = (flags: Omit<LoginOptions, 'server'> = {}) => login({ server: server.url, ...flags }, fake.deps);
  const bodies = () => server.requests.filter((r) => `${r.method} ${r.path}` === route).map((r) => r.body);
  return { ...fake, server, run, bodies, store: openTokenStore(fake.deps.configDir) };
}

describe('gcis login --method otp', () => {
  it('sends account, password and GCIS_CHECK_CODE, and keeps the one-day-password session', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw', GCIS_CHECK_CODE: 'ABCDE23456' };
    const { run, bodies, store, server } = await setup({ [route]: loggedIn }, { env });
    await run({ method: 'otp' });
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', checkCode: 'ABCDE23456' }]);
    expect((await store.read(server.url))?.method).toBe('one-day-password');
  });

  it('picks the one-day password by itself when GCIS_CHECK_CODE is given', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw', GCIS_CHECK_CODE: 'ABCDE23456' };
    const { run, bodies } = await setup({ [route]: loggedIn }, { env });
    await run();
    expect(bodies()).toHaveLength(1);
  });

  it('asks for the check code on a terminal with a masked prompt', async () => {
    const { run, bodies, asked } = await setup(
      { [route]: loggedIn },
      { tty: true, env: { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' }, answers: { password: ['ABCDE23456'] } },
    );
    await run({ method: 'otp' });
    expect(asked.map((question) => question.kind)).toEqual(['password']);
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', checkCode: 'ABCDE23456' }]);
  });

  it('names GCIS_CHECK_CODE when it is missing without a terminal', async () => {
    const { run, server } = await setup({ [route]: loggedIn }, { env: { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' } });
    const error = await run({ method: 'otp' }).catch((caught: Error) => caught);
    expect(await errorCodeOf(Promise.reject(error))).toBe('ERR_MISSING_INPUT');
    expect(error?.message).toContain('GCIS_CHECK_CODE');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps nothing when the code expired', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw', GCIS_CHECK_CODE: 'ABCDE23456' };
    const { run, store, server } = await setup({ [route]: errorReply(401, 'ERR_CHECK_CODE_EXPIRED') }, { env });
    expect(await errorCodeOf(run({ method: 'otp' }))).toBe('ERR_CHECK_CODE_EXPIRED');
    expect(await store.read(server.url)).toBeUndefined();
  });
});

describe('gcis login --method otp keeps the check code off the command line', () => {
  const account = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: 'pw' };

  it('refuses --code with ERR_USAGE before anything is sent, even with GCIS_CHECK_CODE set', async () => {
    const { run, server } = await setup({ [route]: loggedIn }, { env: { ...account, GCIS_CHECK_CODE: 'ABCDE23456' } });
    expect(await errorCodeOf(run({ method: 'otp', code: 'ABCDE23456' }))).toBe('ERR_USAGE');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses --code on a terminal too, without asking anything', async () => {
    const { run, asked, server } = await setup({ [route]: loggedIn }, { tty: true, env: account });
    expect(await errorCodeOf(run({ method: 'otp', code: 'ABCDE23456' }))).toBe('ERR_USAGE');
    expect(asked).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('reads the check code from --check-code-stdin, trimmed, over GCIS_CHECK_CODE', async () => {
    const env = { ...account, GCIS_CHECK_CODE: 'WRONG00000' };
    const { run, bodies } = await setup({ [route]: loggedIn }, { env, stdin: 'ABCDE23456\n' });
    await run({ method: 'otp', checkCodeStdin: true });
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', checkCode: 'ABCDE23456' }]);
  });

  it('picks the one-day password by itself from --check-code-stdin', async () => {
    const { run, bodies } = await setup({ [route]: loggedIn }, { env: account, stdin: 'ABCDE23456' });
    await run({ checkCodeStdin: true });
    expect(bodies()).toHaveLength(1);
  });

  it('refuses an empty --check-code-stdin as missing input', async () => {
    const { run, server } = await setup({ [route]: loggedIn }, { env: account, stdin: '\n' });
    expect(await errorCodeOf(run({ method: 'otp', checkCodeStdin: true }))).toBe('ERR_MISSING_INPUT');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses --password-stdin with --check-code-stdin: stdin holds one secret', async () => {
    const { run, server } = await setup({ [route]: loggedIn }, { env: { GCIS_ACCOUNT: 'alice' }, stdin: 'pw\nABCDE23456\n' });
    expect(await errorCodeOf(run({ method: 'otp', passwordStdin: true, checkCodeStdin: true }))).toBe('ERR_USAGE');
    expect(server.requests).toHaveLength(0);
  });

  it('reads the check code from a --check-code-file of mode 0600', async () => {
    const file = join(await tempDir(), 'check-code');
    await writeFile(file, 'ABCDE23456\n', { mode: 0o600 });
    const { run, bodies } = await setup({ [route]: loggedIn }, { env: account });
    await run({ method: 'otp', checkCodeFile: file });
    expect(bodies()).toEqual([{ account: 'alice', password: 'pw', checkCode: 'ABCDE23456' }]);
  });

  it('refuses a --check-code-file that others can read (0640), before anything is sent', async () => {
    const file = join(await tempDir(), 'check-code');
    await writeFile(file, 'ABCDE23456\n');
    await chmod(file, 0o640);
    const { run, server } = await setup({ [route]: loggedIn }, { env: account });
    expect(await errorCodeOf(run({ method: 'otp', checkCodeFile: file }))).toBe('ERR_USAGE');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses both --check-code-stdin and --check-code-file', async () => {
    const file = join(await tempDir(), 'check-code');
    await writeFile(file, 'ABCDE23456', { mode: 0o600 });
    const { run, server } = await setup({ [route]: loggedIn }, { env: account, stdin: 'ABCDE23456' });
    expect(await errorCodeOf(run({ method: 'otp', checkCodeStdin: true, checkCodeFile: file }))).toBe('ERR_USAGE');
    expect(server.requests).toHaveLength(0);
  });
});
