import { Option, type Command } from 'commander';
import { login, type LoginOptions } from '../commands/login.js';
import { cliLoginMethods } from '../login/loginMethods.js';
import type { CommandGroup } from './commandGroup.js';
import { helpParts } from './flags.js';

/** `gcis login`: every method's flags, the card's marked `cert:`. */
export function addLoginCommands({ program, deps, serverOf, t }: CommandGroup): void {
  const { help, examples, cardFlags } = helpParts(t);
  program
    .command('login')
    .description(help.login.description)
    .addOption(new Option('--method <method>', help.login.method).choices(cliLoginMethods))
    .option('--account <account>', help.login.account)
    .option('--password-stdin', help.login.passwordStdin)
    .option('--code <code>', help.login.code)
    .option('--check-code-stdin', help.login.checkCodeStdin)
    .option('--check-code-file <file>', help.login.checkCodeFile)
    .option('--id <nationalId>', help.login.id)
    .addOption(cardFlags.signer('cert: '))
    .addOption(cardFlags.pkcs11Module('cert: '))
    .addOption(cardFlags.card('cert: '))
    .addOption(cardFlags.certificate('cert: '))
    .addOption(cardFlags.pinFile('cert: '))
    .addOption(cardFlags.hipkiOrigin('cert: '))
    .addOption(cardFlags.hipkiSignature('cert: '))
    .addOption(cardFlags.hipkiTbsEncoding('cert: '))
    .option('--non-interactive', help.login.nonInteractive)
    .option('--json', help.login.json)
    .addOption(new Option('--with-token', help.login.withToken).conflicts(['method', 'passwordStdin', 'checkCodeStdin']))
    .option('--alias <name>', help.login.alias)
    .addHelpText(
      'after',
      examples(
        'gcis login',
        'gcis login --method totp --account alice',
        'printf %s "$PASSWORD" | gcis login --method totp --account alice --password-stdin --code 123456',
        'GCIS_ACCOUNT=ci GCIS_PASSWORD=… GCIS_TOTP_SECRET=… gcis login --method totp --non-interactive',
        'GCIS_ACCOUNT=alice GCIS_PASSWORD=… GCIS_CHECK_CODE=… gcis login --method otp',
        'printf %s "$CHECK_CODE" | gcis login --method otp --account alice --check-code-stdin',
        'gcis login --method cert',
        'gcis login --method cert --card 0123456789abcdef --certificate 01 --pin-file ~/.gcis-pin',
        'gcis login --method cert --signer hipki',
        'gcis login --method cert --signer hipki --hipki-origin https://www.example.gov.tw --hipki-signature pkcs7',
        'gcis login --method push --id A123456789',
        'gcis login --server https://gcis.example --alias prod',
        'gcis token | ssh build-host gcis login --with-token --server https://gcis.example',
      ),
    )
    .action(async (options: Omit<LoginOptions, 'server'>, command: Command) =>
      login({ ...options, server: await serverOf(command) }, deps),
    );
}
