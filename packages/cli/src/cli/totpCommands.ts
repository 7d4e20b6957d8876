import type { Command } from 'commander';
import { totpConfirm } from '../commands/totpConfirm.js';
import { totpRebuild } from '../commands/totpRebuild.js';
import { totpShow } from '../commands/totpShow.js';
import type { CommandGroup } from './commandGroup.js';
import { examples } from './flags.js';

/** `gcis totp show | rebuild | confirm`: the account's Google Authenticator QR code and its versions. */
export function addTotpCommands({ program, deps, serverOf }: CommandGroup): void {
  const totp = program.command('totp').description('the Google Authenticator QR code of your account');
  totp
    .command('show')
    .description('show the current QR code, its version and otpauth URI (needs a TOTP, card or push login from the last 5 minutes)')
    .option('--secret', 'also print the base32 secret')
    .option('--json', 'print {version, status, uri, secret?}')
    .addHelpText('after', examples('gcis login --method totp && gcis totp show', 'gcis totp show --json --secret'))
    .action(async (options: { secret?: boolean; json?: boolean }, command: Command) =>
      totpShow({ ...options, server: await serverOf(command) }, deps),
    );
  totp
    .command('rebuild')
    .description('make a new QR version (needs a TOTP, card or push login from the last 5 minutes) and confirm it with a code; without a terminal it stays pending for "gcis totp confirm"')
    .option('--code <digits>', 'a code of the new version (else asked)')
    .option('--non-interactive', 'never prompt')
    .option('--json', 'print {version, status, uri, secret} of the new version')
    .addHelpText('after', examples('gcis login --method totp && gcis totp rebuild'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpRebuild({ ...options, server: await serverOf(command) }, deps),
    );

  totp
    .command('confirm')
    .description('confirm a QR version that "gcis totp rebuild" left pending, with a code from it')
    .option('--code <digits>', 'a code of the new version (else asked)')
    .option('--non-interactive', 'never prompt')
    .option('--json', 'print {version, status, uri} of the confirmed version')
    .addHelpText('after', examples('gcis totp rebuild --non-interactive --json > new-key.json && gcis totp confirm --code 123456'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpConfirm({ ...options, server: await serverOf(command) }, deps),
    );
}
