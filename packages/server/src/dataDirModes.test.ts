import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoRandom } from '@gcis/core';
import { describe, expect, it } from 'vitest';
import { initDataDir, openDataDir } from './dataDir.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const errorOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected it to throw');
};
const rejectionOf = (pending: Promise<unknown>) => pending.then(
  () => Promise.reject(new Error('expected it to reject')),
  (error: unknown) => error as { code?: string; message: string },
);

/** An existing, empty folder as `mkdir` leaves it under the usual umask 022. */
function looseEmptyFolder(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'gcis-modes-')), 'data');
  mkdirSync(folder);
  chmodSync(folder, 0o755);
  return folder;
}

describe('data folder modes', () => {
  it('init tightens an existing empty 0755 folder to 0700 and makes every file in it 0600, whatever the umask', () => {
    const folder = looseEmptyFolder();
    const umask = process.umask(0o022);
    try {
      initDataDir(folder, cryptoRandom);
    } finally {
      process.umask(umask);
    }
    expect(modeOf(folder)).toBe(0o700);
    const files = readdirSync(folder);
    expect(files).toEqual(expect.arrayContaining(['gcis.db', 'config.json', 'secret.key']));
    for (const file of files) expect([file, modeOf(join(folder, file))]).toEqual([file, 0o600]);
  });

  it('gives the database -wal and -shm files 0600 while the server has the database open', async () => {
    const folder = looseEmptyFolder();
    initDataDir(folder, cryptoRandom);
    const { store } = await openDataDir(folder, {});
    await store.captchas.insert('x', 'y', 'z');
    try {
      expect(modeOf(join(folder, 'gcis.db-wal'))).toBe(0o600);
      expect(modeOf(join(folder, 'gcis.db-shm'))).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('refuses a folder that holds other files, leaving it and them as they were', () => {
    const folder = looseEmptyFolder();
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    expect(errorOf(() => initDataDir(folder, cryptoRandom)).code).toBe('ERR_DATA_DIR');
    expect(modeOf(folder)).toBe(0o755);
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('refuses to open a folder others can enter, naming the chmod to run', async () => {
    const folder = looseEmptyFolder();
    initDataDir(folder, cryptoRandom);
    chmodSync(folder, 0o711); // even execute-only lets others reach files whose names they know
    const error = await rejectionOf(openDataDir(folder, {}));
    expect(error.code).toBe('ERR_DATA_DIR_PERMISSIONS');
    expect(error.message).toContain(`chmod 700 ${folder}`);
  });

  it('refuses a key file the group can read, and both fixes when both are loose', async () => {
    const folder = looseEmptyFolder();
    initDataDir(folder, cryptoRandom);
    chmodSync(join(folder, 'secret.key'), 0o640);
    const keyOnly = await rejectionOf(openDataDir(folder, {}));
    expect(keyOnly.code).toBe('ERR_DATA_DIR_PERMISSIONS');
    expect(keyOnly.message).toContain(`chmod 600 ${join(folder, 'secret.key')}`);
    expect(keyOnly.message).not.toContain('chmod 700');

    chmodSync(folder, 0o755);
    const both = await rejectionOf(openDataDir(folder, {}));
    expect(both.message).toContain(`chmod 700 ${folder} && chmod 600 ${join(folder, 'secret.key')}`);
  });

  it('does not look at the key file when the key comes from GCIS_SERVER_SECRET_KEY, but still at the folder', async () => {
    const folder = looseEmptyFolder();
    initDataDir(folder, cryptoRandom);
    chmodSync(join(folder, 'secret.key'), 0o644);
    const env = { GCIS_SERVER_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') };
    await (await openDataDir(folder, env)).store.close();
    chmodSync(folder, 0o750);
    expect((await rejectionOf(openDataDir(folder, env))).code).toBe('ERR_DATA_DIR_PERMISSIONS');
  });

  it('quotes a path with spaces or quotes so the printed chmod can be pasted', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'gcis-modes-')), "my data's");
    initDataDir(folder, cryptoRandom);
    chmodSync(folder, 0o755);
    expect((await rejectionOf(openDataDir(folder, {}))).message).toContain(`chmod 700 '${folder.replace(/'/g, `'\\''`)}'`);
  });

  it('refuses a config.json others can read once it holds a database password, and not before', async () => {
    const folder = looseEmptyFolder();
    initDataDir(folder, cryptoRandom);
    const configFile = join(folder, 'config.json');
    chmodSync(configFile, 0o644);
    await (await openDataDir(folder, {})).store.close(); // nothing secret in it yet
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    writeFileSync(configFile, JSON.stringify({ ...config, database: { url: 'postgres://gcis:hunter2@127.0.0.1:9/gcis' } }));
    const refused = await rejectionOf(openDataDir(folder, {}));
    expect([refused.code, refused.message.includes(`chmod 600 ${configFile}`), refused.message.includes('hunter2')]).toEqual(['ERR_DATA_DIR_PERMISSIONS', true, false]);
  });
});
