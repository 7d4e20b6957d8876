import { CommanderError } from 'commander';
import { GcisError } from '@gcis/core';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, formatError } from './exitCodes.js';

describe('gcis-server exit codes follow gcis', () => {
  it.each([
    ['ERR_USAGE', 2],
    ['ERR_INVALID_INPUT', 2],
    ['ERR_INVALID_NATIONAL_ID', 2],
    ['ERR_PASSWORD_POLICY', 2],
    ['ERR_NO_ACCOUNT', 1],
    ['ERR_ACCOUNT_EXISTS', 1],
    ['ERR_NATIONAL_ID_TAKEN', 1],
    ['ERR_EMAIL_TAKEN', 1],
    ['ERR_DATA_DIR', 1],
    ['ERR_STORE_UNAVAILABLE', 1],
    ['ERR_TIMEOUT', 3],
    ['ERR_CERT_EXPIRED', 4],
    ['ERR_CRL_INVALID', 4],
  ] as const)('%s exits %i', (code, exit) => {
    expect(exitCodeFor(new GcisError(code, 'x'))).toBe(exit);
  });

  it('a usage error from commander exits 2; help and version exit 0', () => {
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toBe(2);
    expect(exitCodeFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toBe(0);
  });

  it('anything else exits 1 and says ERR_INTERNAL, one line, no stack unless GCIS_DEBUG=1', () => {
    const error = new Error('UNIQUE constraint failed:\n  accounts.x');
    expect(exitCodeFor(error)).toBe(1);
    expect(formatError(error, {})).toBe('gcis-server: unexpected error: UNIQUE constraint failed: accounts.x (ERR_INTERNAL)\n');
    expect(formatError(error, { GCIS_DEBUG: '1' })).toMatch(/\n\s+at /);
  });

  it('prints a GcisError as its message and code on one line', () => {
    expect(formatError(new GcisError('ERR_NO_ACCOUNT', 'There is no account nobody.'), {})).toBe('gcis-server: There is no account nobody (ERR_NO_ACCOUNT)\n');
  });
});
