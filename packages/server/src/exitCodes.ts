import { inspect } from 'node:util';
import { exitCodes, isGcisError } from '@gcis/core/errors';
import { detectLocale, localizeError, localizeUsageError } from '@gcis/core/i18n';
import { messagesFor } from './i18n/messages.js';

// The exit codes are gcis's (core's exitCodes): 1 no such account, a name / national ID / e-mail
// already taken, no data folder, mail not sent; 2 bad flags or input; 4 a certificate or CRL refused.
export { exitCodes };

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
 * The one stderr line for an error, `gcis-server: <message> (<CODE>)` in the reader's language, the stack and cause chain only with
 * GCIS_DEBUG=1; empty when commander has shown help or the version.
 */
export function formatError(error: unknown, env: Readonly<Record<string, string | undefined>>): string {
  const debug = env.GCIS_DEBUG === '1' && error instanceof Error ? `${inspect(error)}\n` : ''; // stack and cause chain
  if (isCommanderError(error)) {
    if (error.exitCode === 0 || error.code === 'commander.help') return '';
    return `gcis-server: ${oneLine(localizeUsageError(error, detectLocale(env)))} (ERR_USAGE)\n${debug}`;
  }
  const messages = messagesFor(env);
  const code = isGcisError(error) ? error.code : 'ERR_INTERNAL';
  const message = isGcisError(error) ? localizeError(error, messages.errors) : error instanceof Error ? error.message : String(error);
  return `gcis-server: ${isGcisError(error) ? '' : messages.unexpected}${oneLine(message)} (${code})\n${debug}`;
}

const oneLine = (message: string) => message.trim().replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');

function isCommanderError(error: unknown): error is Error & { exitCode: number; code: string } {
  return error instanceof Error && error.name === 'CommanderError' && typeof (error as { exitCode?: unknown }).exitCode === 'number';
}
