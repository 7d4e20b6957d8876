import { statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser, errorCode } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';

const currentCode = (secret: string) => generateTotp({ secret: decodeTotpSecret(secret), now: new Date() });

describe('TOTP login with real gcis-server and gcis processes', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  it('logs in without a terminal, then token, status, exec and logout work, and the token is refused after', async () => {
    const user = cliUser(server.url, { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: server.secret });
    const login = await user.run(['login', '--method', 'totp', '--non-interactive']);
    expect(login.exitCode).toBe(0);
    expect(login.stdout).toBe('');

    const store = join(user.configDir, 'sessions.json');
    expect(statSync(store).mode & 0o777).toBe(0o600);

    const token = await user.run(['token']);
    expect(token.exitCode).toBe(0);
    expect(token.stdout).toMatch(/^gcis_[A-Za-z0-9_-]{43}$/); // execa strips the one trailing newline

    const status = await user.run(['status', '--json']);
    expect(status.exitCode).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ account: 'alice', name: '王小明', method: 'totp', tokenSource: 'store' });

    const exec = await user.run(['exec', '--', 'node', '-e', 'process.stdout.write(process.env.GCIS_TOKEN); process.exit(7)']);
    expect(exec.exitCode).toBe(7);
    expect(exec.stdout).toBe(token.stdout.trim());

    expect((await user.run(['logout'])).exitCode).toBe(0);
    const refused = await user.run(['status'], { env: { GCIS_TOKEN: token.stdout.trim() } });
    expect(refused.exitCode).toBe(4);
    expect(errorCode(refused)).toBe('ERR_UNAUTHENTICATED');
    expect((await user.run(['token'])).exitCode).toBe(4);
  });

  it('reads the password from stdin and the code from --code', async () => {
    const user = cliUser(server.url);
    const login = await user.run(
      ['login', '--method', 'totp', '--account', 'alice', '--password-stdin', '--code', currentCode(server.secret), '--json'],
      { input: `${demoPassword}\n` },
    );
    // The code may have been used by the previous test within the same 30 s step.
    if (login.exitCode !== 0) expect(errorCode(login)).toBe('ERR_TOTP_REPLAY');
    else expect(JSON.parse(login.stdout)).toMatchObject({ account: 'alice', method: 'totp', server: server.url });
  });

  it('fails fast without a terminal, naming what is missing', async () => {
    const user = cliUser(server.url);
    const result = await user.run(['login', '--method', 'totp', '--non-interactive']);
    expect(result.exitCode).toBe(2);
    expect(errorCode(result)).toBe('ERR_MISSING_INPUT');
    expect(result.stderr).toMatch(/GCIS_ACCOUNT|--account/);
  });
});

describe('one code, one session', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  it('gives one session when the same code is used twice', async () => {
    const code = currentCode(server.secret);
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword };
    const first = await cliUser(server.url, env).run(['login', '--method', 'totp', '--code', code]);
    const second = await cliUser(server.url, env).run(['login', '--method', 'totp', '--code', code]);
    expect([first.exitCode, second.exitCode]).toEqual([0, 4]);
    expect(errorCode(second)).toBe('ERR_TOTP_REPLAY');
  });

  it('gives exactly one session to ten concurrent logins with one code', async () => {
    // The next step's code is within the ±1 window and later than any step an earlier test used.
    const code = generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date(Date.now() + 30_000) });
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => cliUser(server.url, env).run(['login', '--method', 'totp', '--code', code])),
    );
    expect(results.filter((result) => result.exitCode === 0)).toHaveLength(1);
    expect(results.filter((result) => result.exitCode === 4).map(errorCode)).toEqual(Array(9).fill('ERR_TOTP_REPLAY'));
  });
});

describe('lockout', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGcisServer({ captchaPolicy: 'off' });
  });
  afterAll(() => server.stop());

  it('locks the account after ten failures until an administrator unlocks it', async () => {
    const env = { GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword };
    const wrong = currentCode(server.secret) === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 10; attempt++) {
      const failure = await cliUser(server.url, env).run(['login', '--method', 'totp', '--code', wrong]);
      expect(errorCode(failure)).toBe('ERR_LOGIN_FAILED');
    }
    const locked = await cliUser(server.url, env).run(['login', '--method', 'totp', '--code', currentCode(server.secret)]);
    expect(locked.exitCode).toBe(4);
    expect(errorCode(locked)).toBe('ERR_LOGIN_FAILED');

    expect((await server.admin(['account', 'unlock', 'alice'])).exitCode).toBe(0);
    const unlocked = await cliUser(server.url, { ...env, GCIS_TOTP_SECRET: server.secret }).run(['login', '--method', 'totp']);
    expect(unlocked.exitCode).toBe(0);
  });
});
