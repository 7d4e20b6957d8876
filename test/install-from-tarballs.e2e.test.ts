import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, firstLine } from './support/gcisServer.js';
import { repoRoot } from './support/paths.js';

// What a user without the repository does: `npm pack` tarballs of the three packages installed with
// `npm install -g` into an empty prefix outside the repository; dependencies come from the registry
// (or the npm cache), native modules build during the install. Then gcis and gcis-server run from there.

const packages = ['@gcis/core', '@gcis/cli', '@gcis/server'];
const nativeModules = ['better-sqlite3', 'pkcs11js'];

const work = mkdtempSync(join(tmpdir(), 'gcis-install-'));
const prefix = join(work, 'prefix');
const home = join(work, 'home');
/**
 * The machine's environment and npm settings (registry, cache, nodedir for native builds), without
 * what ties a process to the repository or to the npm run that started the tests.
 */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_config_prefix$|INIT_CWD$|NODE_PATH$|NODE_OPTIONS$|GCIS_)/.test(name),
  ),
) as Record<string, string>;
const env: Record<string, string> = {
  ...inherited,
  PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
  GCIS_CONFIG_DIR: join(home, 'gcis'),
  NO_COLOR: '1',
};
const run = (file: string, args: string[], { input, cwd = work, more = {} }: { input?: string; cwd?: string; more?: Record<string, string> } = {}) =>
  execa(file, args, { cwd, input, env: { ...env, ...more }, extendEnv: false, reject: false });

type PackedFile = { path: string };
let packed: Array<{ name: string; filename: string; files: PackedFile[] }>;

beforeAll(async () => {
  const pack = await execa('npm', ['pack', '--json', '--pack-destination', work, ...packages.flatMap((name) => ['--workspace', name])], {
    cwd: repoRoot,
  });
  packed = JSON.parse(pack.stdout);
  const install = await run('npm', [
    'install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund',
    `--allow-scripts=${nativeModules.join(',')}`,
    ...packed.map(({ filename }) => join(work, filename)),
  ]);
  if (install.exitCode !== 0) throw new Error(`npm install -g failed:\n${install.stderr}`);
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed packages', () => {
  it('hold built code, declarations, README and LICENSE, and no sources or tests', () => {
    for (const { name, files } of packed) {
      const paths = files.map(({ path }) => path);
      expect(paths, name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      expect(paths.some((path) => path.endsWith('.d.ts') || path.endsWith('.d.mts')), name).toBe(true);
      expect(paths.filter((path) => path.startsWith('src/') || /\.test\./.test(path)), name).toEqual([]);
    }
  });
});

describe('gcis and gcis-server installed with npm install -g', () => {
  it('run from the prefix, with their native modules built', async () => {
    expect((await run('which', ['gcis'])).stdout).toBe(join(prefix, 'bin', 'gcis'));
    expect((await run('gcis', ['--help'])).exitCode).toBe(0);
    expect((await run('gcis-server', ['--help'])).exitCode).toBe(0);
    for (const native of nativeModules) {
      // Loaded from where the installed packages resolve it, never from the repository.
      const at = join(prefix, 'lib', 'node_modules', native === 'pkcs11js' ? '@gcis/core' : '@gcis/server');
      const loaded = await run('node', ['-e', `console.log(require.resolve(${JSON.stringify(native)})); require(${JSON.stringify(native)})`], { cwd: at });
      expect(loaded.exitCode, loaded.stderr).toBe(0);
      expect(loaded.stdout.startsWith(prefix)).toBe(true);
    }
  }, 60_000);

  it('set up a server, start it and log in to it', async () => {
    const data = join(work, 'data');
    expect((await run('gcis-server', ['init', '--data', data])).exitCode).toBe(0);
    const add = await run('gcis-server', ['account', 'add', 'alice', '--name', '王小明', '--email', 'alice@example.com', '--national-id', 'A123456789', '--password-stdin', '--data', data], { input: demoPassword });
    expect(add.exitCode, add.stderr).toBe(0);
    const { secret } = JSON.parse((await run('gcis-server', ['account', 'totp', 'alice', '--json', '--data', data])).stdout) as { secret: string };

    const server = execa('gcis-server', ['start', '--data', data, '--listen', '127.0.0.1:0', '--log-level', 'warn'], { cwd: work, env, extendEnv: false, reject: false });
    try {
      const url = await firstLine(server);
      const login = await run('gcis', ['login', '--method', 'totp', '--non-interactive'], {
        more: { GCIS_SERVER: url, GCIS_ACCOUNT: 'alice', GCIS_PASSWORD: demoPassword, GCIS_TOTP_SECRET: secret },
      });
      expect(login.exitCode, login.stderr).toBe(0);
      const status = await run('gcis', ['status', '--json'], { more: { GCIS_SERVER: url } });
      expect(status.exitCode, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ account: 'alice', method: 'totp', tokenSource: 'store' });
      expect(JSON.parse(status.stdout).storePath.startsWith(home)).toBe(true);
    } finally {
      server.kill('SIGTERM');
      await server;
    }
  }, 120_000);
});
