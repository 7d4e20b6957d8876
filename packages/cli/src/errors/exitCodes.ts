import { exitCodes, type GcisError, type GcisErrorCode } from '@gcis/core/errors';
import type { Env } from '../deps.js';
import type { Messages } from '../i18n/en.js';
import { detectLocale, localizeError, localizeUsageError } from '@gcis/core/i18n';

export { exitCodes };

const byErrorCode: Partial<Record<GcisErrorCode, number>> = {
  ERR_USAGE: exitCodes.usage,
  ERR_MISSING_INPUT: exitCodes.usage,
  ERR_INVALID_INPUT: exitCodes.usage,
  ERR_INVALID_SECRET: exitCodes.usage,
  ERR_CANCELLED: exitCodes.cancelled,
  ERR_TIMEOUT: exitCodes.cancelled,
  ERR_NOT_LOGGED_IN: exitCodes.rejected,
  ERR_UNAUTHENTICATED: exitCodes.rejected,
  ERR_LOGIN_FAILED: exitCodes.rejected,
  ERR_STEP_UP_REQUIRED: exitCodes.rejected,
  // push login: a national ID with a wrong check digit is a usage error; an expired request a timeout
  ERR_INVALID_NATIONAL_ID: exitCodes.usage,
  ERR_PUSH_EXPIRED: exitCodes.cancelled,
  ERR_PUSH_DENIED: exitCodes.rejected,
  ERR_PUSH_NO_DEVICE: exitCodes.rejected,
  ERR_PUSH_REPLAY: exitCodes.rejected,
  ERR_PUSH_SIGNATURE: exitCodes.rejected,
  ERR_PUSH_IDENTITY: exitCodes.rejected,
};

/** The exit code for whatever a command threw. */
export function exitCodeFor(error: unknown): number {
  if (isInterrupt(error)) return exitCodes.interrupted;
  if (isCommanderError(error)) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (!isGcisError(error)) return exitCodes.error;
  const { code } = error;
  if (/^ERR_(TOTP|CAPTCHA|CHECK_CODE|CERT|PIN|CRL|SIGNATURE|CHALLENGE|ORIGIN)_/.test(code)) return exitCodes.rejected;
  return byErrorCode[code] ?? exitCodes.error;
}

/**
 * The one stderr line for an error: `gcis: <message> (<CODE>)` in the reader's language (the code
 * never changes); with GCIS_DEBUG=1 also the stack
 * and the whole cause chain (the socket's ECONNREFUSED, the TLS verify error…) with their codes.
 * Empty when there is nothing to say (help shown, Ctrl-C in a prompt).
 */
export function formatError(error: unknown, env: Env, messages: Messages): string {
  if (isInterrupt(error)) return '\n';
  // util.inspect prints `[cause]` chains and AggregateError's errors with their `code`; loaded only here.
  const debug = env.GCIS_DEBUG === '1' ? `${process.getBuiltinModule('node:util').inspect(error, { depth: 8 })}\n` : '';
  if (isCommanderError(error)) {
    if (error.exitCode === 0 || error.code === 'commander.help') return ''; // help already printed
    return `gcis: ${oneLine(localizeUsageError(error, detectLocale(env)))} (ERR_USAGE)\n${debug}`;
  }
  const code = isGcisError(error) ? error.code : 'ERR_INTERNAL';
  const message = isGcisError(error) ? localizeError(error, messages.errors) : error instanceof Error ? error.message : String(error);
  return `gcis: ${oneLine(message)} (${code})\n${debug}`;
}

const oneLine = (message: string) => message.trim().replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');

/**
 * Core's errors, matched by name and code so that this module does not load core on the path of
 * `gcis token` (see errors/gcisError.ts).
 */
function isGcisError(error: unknown): error is GcisError {
  return error instanceof Error && error.name === 'GcisError' && typeof (error as { code?: unknown }).code === 'string';
}

/** Inquirer's Ctrl-C, and Ctrl-C while waiting (errors/interrupted.ts), matched by name so this module does not load inquirer. */
function isInterrupt(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'InterruptedError');
}

/** Commander's usage errors, matched by shape so this module does not load commander. */
function isCommanderError(error: unknown): error is Error & { exitCode: number; code: string } {
  return (
    error instanceof Error &&
    error.name === 'CommanderError' &&
    typeof (error as { exitCode?: unknown }).exitCode === 'number'
  );
}
