import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServerCli } from './createServerCli.js';

function runCli(args: string[], input = '') {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) });
  const io = {
    stdin: Readable.from([input]),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: {},
  };
  return createServerCli(io)
    .parseAsync(['node', 'gcis-server', ...args])
    .then(
      () => ({ code: undefined as string | undefined, stdout, stderr }),
      (error: { code?: string }) => ({ code: error.code, stdout, stderr }),
    );
}

const freshDataDir = () => join(mkdtempSync(join(tmpdir(), 'gcis-admin-')), 'data');
const add = (data: string, extra: string[] = [], input = 'correct horse battery') =>
  runCli(['account', 'add', 'alice', '--name', 'Alice', '--email', 'alice@example.com', '--password-stdin', '--data', data, ...extra], input);

describe('gcis-server administration commands', () => {
  it('initialises a data folder with a 0600 key and prints an administrator token once', async () => {
    const data = freshDataDir();
    const result = await runCli(['init', '--data', data]);
    expect(result.code).toBeUndefined();
    expect(result.stdout).toMatch(/^gcisadm_[A-Za-z0-9_-]{43}\n$/);
    expect(statSync(join(data, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(statSync(data).mode & 0o777).toBe(0o700);
  });

  it('refuses to initialise a folder twice, keeping the first key', async () => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    const key = statSync(join(data, 'secret.key')).mtimeMs;
    expect((await runCli(['init', '--data', data])).code).toBe('ERR_DATA_DIR');
    expect(statSync(join(data, 'secret.key')).mtimeMs).toBe(key);
  });

  it('says to run init first on a folder that is not a data folder', async () => {
    expect((await add(freshDataDir())).code).toBe('ERR_DATA_DIR');
  });

  it('adds an account once', async () => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    expect((await add(data)).code).toBeUndefined();
    expect((await add(data)).code).toBe('ERR_ACCOUNT_EXISTS');
  });

  it.each([
    ['a short password', [], 'short', 'ERR_PASSWORD_POLICY'],
    ['a bad national ID', ['--national-id', 'A123456788'], 'correct horse battery', 'ERR_INVALID_NATIONAL_ID'],
  ] as const)('refuses %s', async (_name, extra, input, code) => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    expect((await add(data, [...extra], input)).code).toBe(code);
  });

  it('refuses an email address that is not one', async () => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    const result = await runCli(['account', 'add', 'bob', '--name', 'Bob', '--email', 'bob', '--password-stdin', '--data', data], 'correct horse battery');
    expect(result.code).toBe('ERR_INVALID_INPUT');
  });

  it('refuses a --listen that is not HOST:PORT before opening anything', async () => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    expect((await runCli(['start', '--data', data, '--listen', 'localhost'])).code).toBe('ERR_USAGE');
  });

  it('needs --password-stdin to add an account', async () => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    const result = await runCli(['account', 'add', 'bob', '--name', 'Bob', '--email', 'bob@example.com', '--data', data]);
    expect(result.code).toBe('ERR_USAGE');
  });

  it('enrols TOTP for an existing account only', async () => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    await add(data);
    const enrolled = await runCli(['account', 'totp', 'alice', '--json', '--data', data]);
    expect(JSON.parse(enrolled.stdout)).toMatchObject({ account: 'alice', version: 1, status: 'active' });
    expect((await runCli(['account', 'totp', 'nobody', '--data', data])).code).toBe('ERR_NO_ACCOUNT');
  });
});

describe('gcis-server --database with a SQLite file', () => {
  const list = async (data: string, extra: string[] = []) => {
    const result = await runCli(['account', 'list', '--json', '--data', data, ...extra]);
    return result.code ?? JSON.parse(result.stdout).map((row: { account: string }) => row.account);
  };

  it('init --database FILE makes that file the database instead of DIR/gcis.db; the other commands then need it too', async () => {
    const data = freshDataDir();
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'gcis-db-')), 'accounts.db');
    expect((await runCli(['init', '--data', data, '--database', elsewhere])).code).toBeUndefined();
    expect([existsSync(elsewhere), existsSync(join(data, 'gcis.db')), statSync(elsewhere).mode & 0o777]).toEqual([true, false, 0o600]);
    expect((await add(data, ['--database', elsewhere])).code).toBeUndefined();
    expect(await list(data, ['--database', elsewhere])).toEqual(['alice']);
    expect(await list(data)).toBe('ERR_DATA_DIR'); // no gcis.db here: said so, not created empty
    expect(existsSync(join(data, 'gcis.db'))).toBe(false);
  });

  it('refuses a SQLite file that does not exist rather than creating an empty database', async () => {
    const data = freshDataDir();
    await runCli(['init', '--data', data]);
    const typo = join(data, 'gcsi.db');
    expect(await list(data, ['--database', typo])).toBe('ERR_DATA_DIR');
    expect(existsSync(typo)).toBe(false);
  });

  it('refuses a PostgreSQL URL with a password on the command line, for every command, before touching the folder', async () => {
    const data = freshDataDir();
    for (const args of [['init'], ['start'], ['account', 'list'], ['trust', 'list'], ['crl', 'list'], ['admin', 'new-token']]) {
      const result = await runCli([...args, '--data', data, '--database', 'postgres://gcis:hunter2@db.example/gcis']);
      expect([args.join(' '), result.code, result.stderr.includes('hunter2')]).toEqual([args.join(' '), 'ERR_USAGE', false]);
    }
    expect(existsSync(data)).toBe(false);
  });
});

