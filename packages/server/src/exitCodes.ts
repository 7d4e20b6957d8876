import { inspect } from 'node:util';
import { isGcisError } from '@gcis/core';

/**
 * `gcis`'s exit codes (README "Exit codes", packages/cli/src/exitCodes.ts), so a script
 * treats both tools alike. The server cannot import the CLI, hence this short copy of the rule.
 */
export const exitCodes = {
  ok: 0,
  /** Anything else: no such account, a name / national ID / e-mail already taken, no data folder, mail not sent. */
  error: 1,
  /** Bad flags or input: unknown option, malformed national ID, e-mail, password or file. */
  usage: 2,
  cancelled: 3,
  /** A certificate or CRL refused by verification (ERR_CERT_*, ERR_CRL_*), as `gcis` reports the same codes. */
  rejected: 4,
  interrupted: 130,
} as const;

const usageCodes = new Set(['ERR_USAGE', 'ERR_MISSING_INPUT', 'ERR_INVALID_INPUT', 'ERR_INVALID_NATIONAL_ID', 'ERR_INVALID_SECRET', 'ERR_PASSWORD_POLICY']);

/** The exit code for whatever a command threw. */
export function exitCodeFor(error: unknown): number {
  if (isCommanderError(error)) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (!isGcisError(error)) return exitCodes.error;
  if (usageCodes.has(error.code)) return exitCodes.usage;
  if (error.code === 'ERR_CANCELLED' || error.code === 'ERR_TIMEOUT') return exitCodes.cancelled;
  if (/^ERR_(CERT|CRL)_/.test(error.code)) return exitCodes.rejected;
  return exitCodes.error;
}

/**
 * The one stderr line for an error, `gcis-server: <message> (<CODE>)`, the stack and cause chain only with
 * GCIS_DEBUG=1; empty when commander has shown help or the version.
 */
export function formatError(error: unknown, env: NodeJS.ProcessEnv): string {
  const debug = env.GCIS_DEBUG === '1' && error instanceof Error ? `${inspect(error)}\n` : ''; // stack and cause chain
  if (isCommanderError(error)) {
    if (error.exitCode === 0 || error.code === 'commander.help') return '';
    return `gcis-server: ${oneLine(error.message.replace(/^error: /, ''))} (ERR_USAGE)\n${debug}`;
  }
  const code = isGcisError(error) ? error.code : 'ERR_INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return `gcis-server: ${isGcisError(error) ? '' : 'unexpected error: '}${oneLine(message)} (${code})\n${debug}`;
}

const oneLine = (message: string) => message.trim().replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');

function isCommanderError(error: unknown): error is Error & { exitCode: number; code: string } {
  return error instanceof Error && error.name === 'CommanderError' && typeof (error as { exitCode?: unknown }).exitCode === 'number';
}
