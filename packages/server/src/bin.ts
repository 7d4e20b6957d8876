import { CommanderError } from 'commander';
import { isGcisError } from '@gcis/core';
import { createServerCli } from './createServerCli.js';

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

try {
  await createServerCli(io).parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeOf(error);
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (isGcisError(error)) {
    process.stderr.write(`gcis-server: ${error.message} (${error.code})\n`);
    if (process.env.GCIS_DEBUG) console.error(error); // the cause chain: ECONNREFUSED, a TLS verify code…
    return error.code === 'ERR_USAGE' ? 2 : 1;
  }
  process.stderr.write(`gcis-server: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.GCIS_DEBUG) console.error(error);
  return 1;
}
