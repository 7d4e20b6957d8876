import { createServerCli } from './createServerCli.js';
import { exitCodeFor, formatError } from './exitCodes.js';

// Whatever the server writes (SQLite's -wal and -shm, outbox mail, CRLs, emulator state) is its owner's alone.
process.umask(0o077);

const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

try {
  await createServerCli(io).parseAsync(process.argv);
} catch (error) {
  process.stderr.write(formatError(error, process.env));
  process.exitCode = exitCodeFor(error);
}
