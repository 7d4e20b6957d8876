import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { GcisError } from '@gcis/core/errors';
import { messagesFor } from '../i18n/messages.js';
import type { CliDeps } from '../deps.js';
import { formatError } from '../errors/exitCodes.js';
import { resolveToken } from '../session/resolveToken.js';

/** Variables that log in; a script run under `gcis exec` only needs the token. */
const loginSecrets = ['GCIS_PASSWORD', 'GCIS_TOTP_SECRET', 'GCIS_CHECK_CODE', 'GCIS_PIN'];

export type ExecOptions = { server: string; command: string; args: readonly string[] };

/**
 * `gcis exec -- CMD ARGS…`: runs CMD without a shell, with `GCIS_TOKEN` and `GCIS_SERVER` in its
 * environment and without the login secrets (GCIS_PASSWORD, GCIS_TOTP_SECRET, …), and resolves to the exit status to pass on: CMD's own, 128+n when a signal ended it
 * (as shells report), 127 when it cannot be found and 126 when it cannot be run (POSIX shell §2.8.2).
 */
export async function exec({ server, command, args }: ExecOptions, deps: CliDeps): Promise<number> {
  const { token } = await resolveToken(server, deps);
  const t = messagesFor(deps.env);
  // CMD gets the session, not the credentials that made it.
  const env: Record<string, string | undefined> = { ...deps.env, GCIS_TOKEN: token, GCIS_SERVER: server };
  for (const name of loginSecrets) delete env[name];
  const child = spawn(command, args, { stdio: 'inherit', env });

  // Ctrl-C reaches CMD from the terminal by itself; gcis stays alive to pass on how CMD ended.
  // Signals sent to gcis alone (a CI runner stopping the job) are handed on to CMD.
  const ignore = () => {};
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', ignore).on('SIGTERM', forward).on('SIGHUP', forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT' && error.code !== 'EACCES') return reject(error);
        const notFound = error.code === 'ENOENT';
        const failure = notFound
          ? new GcisError('ERR_NOT_FOUND', t.session.commandNotFound(command))
          : new GcisError('ERR_INVALID_INPUT', t.session.permissionDenied(command));
        deps.stderr.write(formatError(failure, deps.env, t));
        resolve(notFound ? 127 : 126);
      });
      child.once('exit', (code, signal) => {
        resolve(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
      });
    });
  } finally {
    process.off('SIGINT', ignore).off('SIGTERM', forward).off('SIGHUP', forward);
  }
}
