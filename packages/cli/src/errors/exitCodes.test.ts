import { en } from '../i18n/en.js';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { GcisError, type GcisErrorCode } from '@gcis/core/errors';
import { ctrlC } from '../testing/fakeDeps.js';
import { exitCodeFor, formatError } from './exitCodes.js';

const gcis = (code: GcisErrorCode) => new GcisError(code, `message for ${code}`);

describe('exitCodeFor', () => {
  it.each<[GcisErrorCode, number]>([
    ['ERR_USAGE', 2],
    ['ERR_MISSING_INPUT', 2],
    ['ERR_CANCELLED', 3],
    ['ERR_TIMEOUT', 3],
    ['ERR_NOT_LOGGED_IN', 4],
    ['ERR_UNAUTHENTICATED', 4],
    ['ERR_LOGIN_FAILED', 4],
    ['ERR_STEP_UP_REQUIRED', 4],
    ['ERR_TOTP_REPLAY', 4],
    ['ERR_TOTP_STALE_VERSION', 4],
    ['ERR_TOTP_INVALID_CODE', 4],
    ['ERR_CAPTCHA_REQUIRED', 4],
    ['ERR_CAPTCHA_INVALID', 4],
    ['ERR_PIN_INCORRECT', 4],
    ['ERR_PIN_LOCKED', 4],
    ['ERR_CERT_REVOKED', 4],
    ['ERR_CRL_STALE', 4],
    ['ERR_SIGNATURE_INVALID', 4],
    ['ERR_CHALLENGE_UNKNOWN', 4],
    ['ERR_ORIGIN_MISMATCH', 4],
    ['ERR_NO_CARD', 1],
    ['ERR_PKCS11_MODULE', 1],
    ['ERR_NETWORK', 1],
    ['ERR_STORE_CORRUPT', 1],
    ['ERR_STORE_LOCKED', 1],
    ['ERR_BAD_RESPONSE', 1],
  ])('maps %s to exit %i', (code, exit) => {
    expect(exitCodeFor(gcis(code))).toBe(exit);
  });

  it('maps commander usage errors to 2 and help or version to 0', () => {
    expect(exitCodeFor(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toBe(2);
    expect(exitCodeFor(new CommanderError(0, 'commander.version', '0.1.0'))).toBe(0);
  });

  it('maps Ctrl-C in a prompt to 130', () => {
    expect(exitCodeFor(ctrlC())).toBe(130);
  });

  it('maps anything unexpected to 1', () => {
    expect(exitCodeFor(new TypeError('boom'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
  });
});

describe('formatError', () => {
  it('prints one line ending in the code, without a stack', () => {
    const line = formatError(gcis('ERR_NOT_LOGGED_IN'), {}, en);
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(line).toMatch(/^gcis: .* \(ERR_NOT_LOGGED_IN\)\n$/);
  });

  it('calls unexpected errors ERR_INTERNAL and prints their stack only with GCIS_DEBUG=1', () => {
    const error = new TypeError('boom');
    expect(formatError(error, {}, en)).toMatch(/\(ERR_INTERNAL\)\n$/);
    expect(formatError(error, { GCIS_DEBUG: '1' }, en)).toContain(error.stack!);
  });

  it('joins a multi-line commander message into one line marked ERR_USAGE', () => {
    const error = new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'\n(Did you mean y?)");
    expect(formatError(error, {}, en)).toMatch(/^gcis: [^\n]* \(ERR_USAGE\)\n$/);
  });

  it('says nothing after help or a version was printed', () => {
    expect(formatError(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'), {}, en)).toBe('');
  });
});
