import { commanderWords, localizeUsageError } from '@gcis/core/i18n';
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';

/** The error gcis's commander throws for `args`, so the test follows its real wording (@gcis/core has no commander). */
function usageError(args: string[]): { code: string; message: string } {
  const program = new Command('tool').exitOverride().configureOutput({ writeErr: () => {}, outputError: () => {} });
  program
    .command('login')
    .option('--account <name>')
    .addOption(new Option('--method <method>').choices(['totp', 'otp']))
    .requiredOption('--server <url>')
    .action(() => {});
  try {
    program.parse(args, { from: 'user' });
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('no usage error');
}

describe('localizeUsageError', () => {
  it.each([
    [['login', '--acount', 'x', '--server', 'u'], 'commander.unknownOption', '--acount'],
    [['logn'], 'commander.unknownCommand', 'logn'],
    [['login', '--method', 'sms', '--server', 'u'], 'commander.invalidArgument', 'sms'],
    [['login', '--account'], 'commander.optionMissingArgument', '--account'],
    [['login'], 'commander.missingMandatoryOptionValue', '--server'],
  ])('says %j in zh-TW, keeping the names it quotes', (args, code, name) => {
    const error = usageError(args);
    expect(error.code).toBe(code);
    const chinese = localizeUsageError(error, 'zh-TW');
    expect(chinese).toMatch(/[\u3400-\u9fff]/);
    expect(chinese).toContain(name);
    expect(localizeUsageError(error, 'en')).toBe(error.message.replace(/^error: /, ''));
  });

  it('keeps commander’s suggestion, and the choices of an invalid value', () => {
    expect(localizeUsageError(usageError(['login', '--acount', 'x', '--server', 'u']), 'zh-TW')).toContain('--account');
    expect(localizeUsageError(usageError(['login', '--method', 'sms', '--server', 'u']), 'zh-TW')).toContain('totp, otp');
  });

  it('leaves a code it does not know in commander’s words', () => {
    expect(localizeUsageError({ code: 'commander.somethingNew', message: 'error: something new' }, 'zh-TW')).toBe('something new');
  });

  it('has the same words in both languages', () => {
    expect(Object.keys(commanderWords['zh-TW']).sort()).toEqual(Object.keys(commanderWords.en).sort());
  });
});
