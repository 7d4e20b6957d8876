import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { cliBin } from './paths.js';

export type CliResult = { exitCode: number; stdout: string; stderr: string };

/**
 * A `gcis` user with their own config folder, running real CLI processes without a TTY.
 * Only the variables given here reach the process, so the developer's own GCIS_* never leak in.
 */
export function cliUser(server: string, baseEnv: Record<string, string> = {}) {
  const configDir = mkdtempSync(join(tmpdir(), 'gcis-cli-'));
  const run = async (args: string[], { env = {}, input }: { env?: Record<string, string>; input?: string } = {}) => {
    const result = await execa('node', [cliBin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: configDir, GCIS_CONFIG_DIR: configDir, GCIS_SERVER: server, ...baseEnv, ...env },
      extendEnv: false,
      input: input ?? '',
      reject: false,
    });
    return { exitCode: result.exitCode ?? 1, stdout: String(result.stdout), stderr: String(result.stderr) } satisfies CliResult;
  };
  return { configDir, run };
}

/** The stable error code the CLI prints at the end of its error line: `gcis: … (ERR_X)`. */
export function errorCode(result: CliResult): string | undefined {
  return /\((ERR_[A-Z0-9_]+)\)\s*$/.exec(result.stderr.trim())?.[1];
}
