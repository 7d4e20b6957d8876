import { GcisError } from '@gcis/core';

/** Socket-level failures: the server is not there, or went away mid-conversation. */
const systemCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOENT']);

/**
 * Whether `pg` failed because the database cannot be reached rather than because of the statement:
 * a socket error, a connection that ended or timed out, SQLSTATE class 08 (connection exception),
 * 57P01–57P03 (shut down by an administrator, crashed, starting up) or 53300 (too many connections).
 * See https://www.postgresql.org/docs/current/errcodes-appendix.html.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (systemCodes.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') return true;
  }
  if (/^Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed/i.test(error.message)) return true;
  return error instanceof AggregateError && error.errors.some(isConnectionFailure);
}

/** What a request that meets a lost database gets (HTTP 503); the cause says why, the message names no address. */
export function storeUnavailable(cause: unknown): GcisError {
  const code = (cause as { code?: unknown }).code;
  const why = typeof code === 'string' ? ` (${code})` : '';
  return new GcisError('ERR_STORE_UNAVAILABLE', `The database is unavailable${why}; try again shortly.`, { cause });
}

/** Passes on an error, as ERR_STORE_UNAVAILABLE when the connection failed. */
export function asStoreError(error: unknown): unknown {
  return isConnectionFailure(error) ? storeUnavailable(error) : error;
}
