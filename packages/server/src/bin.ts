import { langFlag } from '@gcis/core/i18n';
import { createServerCli } from './createServerCli.js';
import { exitCodeFor, formatError } from './exitCodes.js';

// Whatever the server writes (SQLite's -wal and -shm, outbox mail, CRLs, emulator state) is its owner's alone.
process.umask(0o077);

// --lang travels as GCIS_LANG, which it outranks: help is built in the chosen language before commander parses.
const lang = langFlag(process.argv.slice(2));
const env = lang === undefined ? process.env : { ...process.env, GCIS_LANG: lang };
const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env };

try {
  await createServerCli(io).parseAsync(process.argv);
} catch (error) {
  process.stderr.write(formatError(error, env));
  // Exit now: a failed command has nothing left to finish, and a database connection it could not
  // complete (PostgreSQL waits up to a minute for a client that cannot authenticate) must not keep it alive.
  process.exit(exitCodeFor(error));
}
