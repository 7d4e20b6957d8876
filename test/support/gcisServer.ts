import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { ServerConfig } from '@gcis/server';
import { serverBin } from './paths.js';

export const demoPassword = 'correct horse battery';

export type RunningServer = {
  url: string;
  dataDir: string;
  /** Base32 TOTP secret of the account `alice`. */
  secret: string;
  admin: (args: string[], input?: string) => Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** The server's log so far: one JSON object per line (pino), at the level `--log-level` in `startArgs` sets (default warn). */
  logLines: () => Array<Record<string, unknown>>;
  /** What the server has written to stderr so far (its log), as text. */
  stderr: () => string;
  /** Resolves with the server's stderr (its log) so far, once `done` holds for it. */
  waitForLog: (done: (log: string) => boolean) => Promise<string>;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash or the OOM killer would end it: no shutdown, no goodbye to the database. */
  kill: () => Promise<void>;
  process: ResultPromise;
};

type Admin = RunningServer['admin'];

/**
 * A real `gcis-server` process on a fresh data folder, with account `alice` enrolled in TOTP
 * through the administrator commands, listening on a free loopback port. `beforeStart` runs more
 * administrator commands (trust, CRLs, bound certificates) before the server starts; `startArgs`
 * go to `gcis-server start` (e.g. `--fido-emulator`).
 */
export async function startGcisServer(
  config: Partial<ServerConfig> = {},
  env: Record<string, string> = {},
  { beforeStart, startArgs = [] }: { beforeStart?: (admin: Admin) => Promise<void>; startArgs?: string[] } = {},
): Promise<RunningServer> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'gcis-e2e-')), 'data');
  const admin = async (args: string[], input?: string) => {
    const result = await execa('node', [serverBin, ...args, '--data', dataDir], { input, env, reject: false });
    return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  await expectOk(admin(['init']));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, 'utf8')), ...config }));
  await expectOk(
    admin(['account', 'add', 'alice', '--name', '王小明', '--email', 'alice@example.com', '--password-stdin'], demoPassword),
  );
  const { secret } = JSON.parse((await expectOk(admin(['account', 'totp', 'alice', '--json']))).stdout);
  await beforeStart?.(admin);

  return { dataDir, secret, admin, ...(await startServerProcess(dataDir, env, startArgs)) };
}

export type ServerProcess = Omit<RunningServer, 'dataDir' | 'secret' | 'admin'>;

/** `gcis-server start` on an initialised data folder, on a free loopback port; resolves once it prints its URL. */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}, startArgs: string[] = []): Promise<ServerProcess> {
  const process: ResultPromise = execa('node', [serverBin, 'start', '--data', dataDir, '--listen', '127.0.0.1:0', '--log-level', 'warn', ...startArgs], {
    env,
    reject: false,
  });
  let log = '';
  process.stderr!.on('data', (chunk: Buffer) => void (log += chunk.toString()));
  const waitForLog = (done: (log: string) => boolean) =>
    new Promise<string>((resolve) => {
      const check = () => {
        if (!done(log)) return;
        process.stderr!.off('data', check);
        resolve(log);
      };
      process.stderr!.on('data', check);
      check();
    });
  const url = await firstLine(process);
  const logLines = () =>
    log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    url,
    process,
    logLines,
    stderr: () => log,
    waitForLog,
    stop: async () => {
      process.kill('SIGTERM');
      await process;
    },
    kill: async () => {
      process.kill('SIGKILL');
      await process;
    },
  };
}

export async function expectOk<T extends { exitCode: number; stderr: string }>(pending: Promise<T>): Promise<T> {
  const result = await pending;
  if (result.exitCode !== 0) throw new Error(`gcis-server failed: ${result.stderr}`);
  return result;
}

/** The URL `gcis-server start` prints as its first line of stdout; rejects if it exits first. */
export function firstLine(process: ResultPromise): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    process.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes('\n')) resolve(buffered.split('\n')[0]!.trim());
    });
    process.then((result) => reject(new Error(`gcis-server exited early: ${String(result.stderr)}`)), reject);
  });
}
