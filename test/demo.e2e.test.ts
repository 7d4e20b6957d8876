import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './support/paths.js';

// `npm run demo` as a person runs it (examples/demo/run.mjs, after the build), each run in its own
// temporary demo folder (GCIS_DEMO_DIR) so runs in parallel and the repository's .gcis-demo stay apart.

const demoScript = join(repoRoot, 'examples/demo/run.mjs');
const demoDir = () => join(mkdtempSync(join(tmpdir(), 'gcis-demo-')), 'demo');
const hasEscapes = (text: string) => text.includes('\x1b[');
const plainEnv = (): Record<string, string> => {
  const { NO_COLOR, FORCE_COLOR, CI, ...env } = process.env as Record<string, string>;
  void NO_COLOR, void FORCE_COLOR, void CI;
  return env;
};

/** Runs the whole demo (without --keep) in a pseudo-terminal (util-linux `script`), as a terminal shows it. */
async function demoInTerminal(extraEnv: Record<string, string>) {
  // A pseudo-terminal has no size until one is set: give it a usual one.
  const result = await execa('script', ['-qefc', `stty cols 120 rows 40; node ${demoScript}`, '/dev/null'], {
    env: { ...plainEnv(), GCIS_DEMO_DIR: demoDir(), ...extraEnv },
    extendEnv: false,
    reject: false,
  });
  expect(result.exitCode, result.stdout).toBe(0);
  return result.stdout;
}

describe('npm run demo -- --keep', () => {
  let blocker: Server | undefined;
  beforeAll(async () => {
    // Port 8470 held here, so the demo has to fall back to a free port and say so.
    blocker = await new Promise<Server | undefined>((resolve) => {
      const server = createServer().once('error', () => resolve(undefined)).listen(8470, '127.0.0.1', () => resolve(server));
    });
  });
  afterAll(() => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())));

  it('leaves a server to continue with: URL, account, password and the next commands, which work', async () => {
    const dir = demoDir();
    const demo = execa('node', [demoScript, '--keep'], { env: { ...plainEnv(), GCIS_DEMO_DIR: dir }, extendEnv: false, reject: false });
    let stderr = '';
    const ready = new Promise<void>((resolve, reject) => {
      demo.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/npx gcis-server account list/.test(stderr)) resolve();
      });
      void demo.then(() => reject(new Error(`the demo ended early:\n${stderr}`)));
    });
    try {
      await ready;
      expect(hasEscapes(stderr)).toBe(false); // a pipe, not a terminal: no colour
      const url = /^ {2}server {5}(http:\/\/127\.0\.0\.1:(\d+))/m.exec(stderr)!;
      expect(Number(url[2])).not.toBe(8470);
      expect(stderr).toMatch(/port 8470 is taken/);
      const password = /^ {2}password {3}(\S+)$/m.exec(stderr)![1]!;
      const secret = /^ {2}TOTP key {3}([A-Z2-7]+)/m.exec(stderr)![1]!;
      const exported = /^ {4}export GCIS_SERVER=(\S+) GCIS_CONFIG_DIR=(\S+)$/m.exec(stderr)!;
      expect(exported[1]).toBe(url[1]);
      expect(exported[2]).toBe(join(dir, 'cli'));
      expect(stderr).toMatch(/^ {2}account {4}demo$/m);

      // The next command, as printed: a real gcis status on the demo's stored session.
      const env = { GCIS_SERVER: exported[1]!, GCIS_CONFIG_DIR: exported[2]! };
      const status = await execa('node', [cliBin, 'status', '--json'], { env, reject: false });
      expect(status.exitCode, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ server: url[1], account: 'demo', tokenSource: 'store' });

      // The printed password and key are the account's: a fresh login with them succeeds.
      const login = await execa('node', [cliBin, 'login', '--method', 'totp', '--non-interactive'], {
        env: { GCIS_SERVER: url[1]!, GCIS_ACCOUNT: 'demo', GCIS_PASSWORD: password, GCIS_TOTP_SECRET: secret, GCIS_CONFIG_DIR: join(dir, 'fresh') },
        reject: false,
      });
      expect(login.exitCode, login.stderr).toBe(0);
    } finally {
      demo.kill('SIGTERM');
    }
    expect((await demo).exitCode).toBe(0);
    await expect(fetch(`${/server {5}(\S+)/.exec(stderr)![1]}/healthz`)).rejects.toThrow(); // stopped with the demo
  }, 180_000);
});

describe('npm run demo in a terminal', () => {
  it('is in colour, unless NO_COLOR is set; FORCE_COLOR colours it in a pipe too', async () => {
    const forced = execa('node', [demoScript], { env: { ...plainEnv(), GCIS_DEMO_DIR: demoDir(), FORCE_COLOR: '1' }, extendEnv: false, reject: false });
    const [coloured, plain, piped] = await Promise.all([demoInTerminal({}), demoInTerminal({ NO_COLOR: '1' }), forced]);
    // The demo's own steps; what gcis prints in between is gcis's business.
    expect(coloured).toContain('\x1b[1m▸ Who am I?\x1b[0m');
    expect(plain).toContain('▸ Who am I?');
    expect(plain).not.toContain('\x1b[1m▸');
    expect(piped.exitCode, piped.stderr).toBe(0);
    expect(piped.stderr).toContain('\x1b[1m▸ Who am I?\x1b[0m');
  }, 240_000);
});
