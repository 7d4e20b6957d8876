import { Option, type Command } from 'commander';
import { login, type LoginOptions } from '../commands/login.js';
import { cliLoginMethods } from '../login/loginMethods.js';
import type { CommandGroup } from './commandGroup.js';
import { cardFlags, examples } from './flags.js';

/** `gcis login`: every method's flags, the card's marked `cert:`. */
export function addLoginCommands({ program, deps, serverOf }: CommandGroup): void {
  program
    .command('login')
    .description('log in and keep the session for this server')
    .addOption(new Option('--method <method>', 'login method (asked on a terminal)').choices(cliLoginMethods))
    .option('--account <account>', 'account name; env GCIS_ACCOUNT')
    .option('--password-stdin', 'read the password from stdin; else env GCIS_PASSWORD, else asked')
    .option('--code <code>', 'totp: the 6-digit code, else computed from GCIS_TOTP_SECRET, else asked (never a check code)')
    .option('--check-code-stdin', 'otp: read the check code from stdin; else --check-code-file, else env GCIS_CHECK_CODE, else asked (masked)')
    .option('--check-code-file <file>', 'otp: read the check code from a file of mode 0600')
    .option('--id <nationalId>', 'push: the national ID whose phone confirms; env GCIS_NATIONAL_ID; else asked')
    .addOption(cardFlags.signer('cert: '))
    .addOption(cardFlags.pkcs11Module('cert: '))
    .addOption(cardFlags.card('cert: '))
    .addOption(cardFlags.certificate('cert: '))
    .addOption(cardFlags.pinFile('cert: '))
    .addOption(cardFlags.hipkiOrigin('cert: '))
    .addOption(cardFlags.hipkiSignature('cert: '))
    .addOption(cardFlags.hipkiTbsEncoding('cert: '))
    .option('--non-interactive', 'never prompt (also without a terminal or with CI=true)')
    .option('--json', 'print {account, method, issuedAt, expiresAt, server} on stdout')
    .addOption(new Option('--with-token', 'keep a token read from stdin once the server accepts it, instead of logging in').conflicts(['method', 'passwordStdin', 'checkCodeStdin']))
    .option('--alias <name>', 'a name for this server, for --server NAME and gcis use NAME')
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
