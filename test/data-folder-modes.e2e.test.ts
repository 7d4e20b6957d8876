import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestPki } from '@gcis/core/x509/testing';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { demoPassword, firstLine } from './support/gcisServer.js';
import { serverBin } from './support/paths.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under `root` with its mode, e.g. `['outbox/1.eml', 0o600]`. */
function modesUnder(root: string, prefix = ''): Array<[string, number]> {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    const name = `${prefix}${entry.name}`;
    return entry.isDirectory() ? [[`${name}/`, modeOf(path)] as [string, number], ...modesUnder(path, `${name}/`)] : [[name, modeOf(path)]];
  });
}

const expectOwnerOnly = (root: string) => {
  const modes = modesUnder(root);
  expect(modes.filter(([name, mode]) => mode !== (name.endsWith('/') ? 0o700 : 0o600))).toEqual([]);
  return modes.map(([name]) => name);
};

describe('gcis-server data folder modes (real processes)', () => {
  it('init makes an existing 0755 folder 0700 and every file it, the outbox and the trust store write 0600; start refuses a loosened folder with the chmod to run', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'gcis-modes-')), 'data');
    mkdirSync(data);
    chmodSync(data, 0o755);
    const admin = (args: string[], input?: string) => execa('node', [serverBin, ...args, '--data', data], { input, reject: false });

    expect((await admin(['init'])).exitCode).toBe(0);
    expect(modeOf(data)).toBe(0o700);
    expect(expectOwnerOnly(data)).toEqual(expect.arrayContaining(['gcis.db', 'config.json', 'secret.key']));

    const pkiFile = join(mkdtempSync(join(tmpdir(), 'gcis-ca-')), 'root.der');
    writeFileSync(pkiFile, buildTestPki().root.der);
    expect((await admin(['trust', 'add', pkiFile])).exitCode).toBe(0);
    expect((await admin(['account', 'add', 'alice', '--name', 'A', '--email', 'alice@example.com', '--password-stdin'], demoPassword)).exitCode).toBe(0);
    expect((await admin(['account', 'enable-one-day-password', 'alice'])).exitCode).toBe(0);
    const written = expectOwnerOnly(data);
    expect(written).toEqual(expect.arrayContaining(['outbox/', 'trust/']));
    expect(written.some((name) => /^outbox\/.+\.eml$/.test(name))).toBe(true);

    // Running, with the database open in WAL mode: -wal and -shm too.
    const server = execa('node', [serverBin, 'start', '--data', data, '--listen', '127.0.0.1:0', '--log-level', 'warn'], { reject: false });
    try {
      const url = await firstLine(server);
      expect((await fetch(`${url}/v1/captcha`, { method: 'POST' })).status).toBe(200);
      expect(expectOwnerOnly(data)).toEqual(expect.arrayContaining(['gcis.db-wal', 'gcis.db-shm']));
    } finally {
      server.kill('SIGTERM');
      await server;
    }

    chmodSync(data, 0o755);
    const refused = await execa('node', [serverBin, 'start', '--data', data, '--listen', '127.0.0.1:0'], { reject: false });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('(ERR_DATA_DIR_PERMISSIONS)');
    const fix = /Run: (chmod 700 \S+)/.exec(refused.stderr)?.[1];
    expect(fix).toBe(`chmod 700 ${data}`);
    await execa('sh', ['-c', fix!]);

    chmodSync(join(data, 'secret.key'), 0o644);
    const keyRefused = await execa('node', [serverBin, 'start', '--data', data, '--listen', '127.0.0.1:0'], { reject: false });
    expect(keyRefused.exitCode).toBe(1);
    expect(keyRefused.stderr).toContain(`chmod 600 ${join(data, 'secret.key')}`);
  });

  it('init refuses a folder that already holds other files', async () => {
    const data = mkdtempSync(join(tmpdir(), 'gcis-modes-'));
    writeFileSync(join(data, 'notes.txt'), 'mine');
    const result = await execa('node', [serverBin, 'init', '--data', data], { reject: false });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('(ERR_DATA_DIR)');
    expect(readdirSync(data)).toEqual(['notes.txt']);
  });
});
