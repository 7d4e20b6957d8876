import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { decodeTotpSecret, generateTotp } from '@gcis/core/totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliUser } from './support/gcisCli.js';
import { demoPassword, startGcisServer, type RunningServer } from './support/gcisServer.js';
import { cliBin, repoRoot } from './support/paths.js';

const storeEntries = (configDir: string): Record<string, { token: string }> =>
  JSON.parse(readFileSync(join(configDir, 'sessions.json'), 'utf8')).sessions;

/**
 * A real process that saves an entry with the CLI's own token store code (the built package, as
 * `gcis login` runs it) each time it reads `go <token>` on stdin, and answers `done`: two of them
 * told to go at once write at the same moment.
 */
function storeWriter(configDir: string, server: string) {
  const script = `
    import { createInterface } from 'node:readline';
    import { openTokenStore } from ${JSON.stringify(`${repoRoot}packages/cli/dist/index.mjs`)};
    const store = openTokenStore(${JSON.stringify(configDir)});
    process.stdout.write('ready\\n');
    for await (const line of createInterface({ input: process.stdin })) {
      const token = line.slice('go '.length);
      const [issuedAt, expiresAt] = [new Date().toISOString(), new Date(Date.now() + 3600_000).toISOString()];
      await store.save(${JSON.stringify(server)}, { token, account: 'alice', method: 'totp', issuedAt, expiresAt });
      process.stdout.write('done\\n');
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => (await lines.next()).value as string;
  return {
    ready: next(),
    save: (token: string) => {
      child.stdin.write(`go ${token}\n`);
      return next();
    },
    stop: async () => {
      child.stdin.end();
      return (await once(child, 'exit'))[0] as number;
    },
  };
}

describe('the token store with two gcis processes writing at once', () => {
  it('loses no entry in 100 rounds of two real processes saving for two servers at the same moment', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-race-'));
    const writers = [storeWriter(configDir, 'http://a.example'), storeWriter(configDir, 'http://b.example')];
    expect(await Promise.all(writers.map((writer) => writer.ready))).toEqual(['ready', 'ready']);
    const lost: number[] = [];
    for (let round = 0; round < 100; round++) {
      const tokens = [1, 2].map((n) => `gcis_${`${round}x${n}`.padEnd(43, 'r')}`);
      expect(await Promise.all(writers.map((writer, index) => writer.save(tokens[index]!)))).toEqual(['done', 'done']);
      const entries = storeEntries(configDir);
      if (entries['http://a.example']?.token !== tokens[0] || entries['http://b.example']?.token !== tokens[1]) lost.push(round);
    }
    expect(await Promise.all(writers.map((writer) => writer.stop()))).toEqual([0, 0]);
    expect(lost).toEqual([]);
  }, 120_000);
});

describe('two real gcis login runs at once against two real servers, one config folder', () => {
  // The servers run on a test clock moved one TOTP step per round, so every round has fresh codes;
  // it starts at the real time, which the CLI compares session ends with.
  const clockFile = join(mkdtempSync(join(tmpdir(), 'gcis-race-clock-')), 'now');
  let now = Math.floor(Date.now() / 1000) * 1000;
  writeFileSync(clockFile, new Date(now).toISOString());
  let servers: RunningServer[] = [];
  beforeAll(async () => {
    servers = await Promise.all(
      [0, 1].map(() => startGcisServer({ mode: 'test', captchaPolicy: 'off' }, { GCIS_SERVER_TEST_CLOCK: clockFile })),
    );
  }, 120_000);
  afterAll(() => Promise.all(servers.map((server) => server.stop())));

  it('keeps both sessions every round, and each login ends the session it replaced on its server', async () => {
    const { configDir } = cliUser('');
    const previous: (string | undefined)[] = [undefined, undefined];
    for (let round = 0; round < 12; round++) {
      now += 30_000;
      writeFileSync(clockFile, new Date(now).toISOString());
      const results = await Promise.all(
        servers.map((server) => {
          const code = generateTotp({ secret: decodeTotpSecret(server.secret), now: new Date(now) });
          const args = ['login', '--method', 'totp', '--non-interactive', '--account', 'alice', '--password-stdin', '--code', code];
          return execa('node', [cliBin, ...args], {
            env: { PATH: process.env.PATH ?? '', HOME: configDir, GCIS_CONFIG_DIR: configDir, GCIS_SERVER: server.url },
            extendEnv: false,
            input: `${demoPassword}\n`,
            reject: false,
          });
        }),
      );
      expect(results.map((result) => [result.exitCode, String(result.stderr).includes('warning')])).toEqual([
        [0, false],
        [0, false],
      ]);
      const entries = storeEntries(configDir);
      for (const [index, server] of servers.entries()) {
        const current = entries[server.url]?.token;
        expect(current).toMatch(/^gcis_/);
        expect(await sessionStatus(server.url, current!)).toBe(200);
        if (previous[index]) expect(await sessionStatus(server.url, previous[index]!)).toBe(401);
        previous[index] = current;
      }
    }
  }, 240_000);
});

describe('gcis token', () => {
  it('reads the store without loading the locking library', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'gcis-token-lean-'));
    const token = `gcis_${'t'.repeat(43)}`;
    const [issuedAt, expiresAt] = [new Date().toISOString(), new Date(Date.now() + 3600_000).toISOString()];
    const sessions = { 'http://a.example': { token, account: 'alice', method: 'totp', issuedAt, expiresAt } };
    writeFileSync(join(configDir, 'sessions.json'), JSON.stringify({ version: 1, sessions }), { mode: 0o600 });
    const hook = join(configDir, 'report-modules.cjs');
    writeFileSync(hook, `process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));`);
    const result = await execa('node', ['-r', hook, cliBin, 'token'], {
      env: { PATH: process.env.PATH ?? '', HOME: configDir, GCIS_CONFIG_DIR: configDir, GCIS_SERVER: 'http://a.example' },
      extendEnv: false,
    });
    expect(result.stdout).toBe(token);
    const loaded: string[] = JSON.parse(String(result.stderr));
    expect(loaded.some((path) => path.endsWith('bin.js'))).toBe(true);
    expect(loaded.filter((path) => /node_modules|lockfile/.test(path))).toEqual([]);
  });
});

async function sessionStatus(server: string, token: string): Promise<number> {
  return (await fetch(`${server}/v1/session`, { headers: { authorization: `Bearer ${token}` } })).status;
}
