import type { Command } from 'commander';
import { totpConfirm } from '../commands/totpConfirm.js';
import { totpRebuild } from '../commands/totpRebuild.js';
import { totpShow } from '../commands/totpShow.js';
import type { CommandGroup } from './commandGroup.js';
import { helpParts } from './flags.js';

/** `gcis totp show | rebuild | confirm`: the account's Google Authenticator QR code and its versions. */
export function addTotpCommands({ program, deps, serverOf, t }: CommandGroup): void {
  const { help, examples } = helpParts(t);
  const totp = program.command('totp').description(help.totp.description);
  totp
    .command('show')
    .description(help.totp.show)
    .option('--secret', help.totp.secret)
    .option('--json', help.totp.showJson)
    .addHelpText('after', examples('gcis login --method totp && gcis totp show', 'gcis totp show --json --secret'))
    .action(async (options: { secret?: boolean; json?: boolean }, command: Command) =>
      totpShow({ ...options, server: await serverOf(command) }, deps),
    );
  totp
    .command('rebuild')
    .description(help.totp.rebuild)
    .option('--code <digits>', help.totp.code)
    .option('--non-interactive', help.nonInteractive)
    .option('--json', help.totp.rebuildJson)
    .addHelpText('after', examples('gcis login --method totp && gcis totp rebuild'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpRebuild({ ...options, server: await serverOf(command) }, deps),
    );

  totp
    .command('confirm')
    .description(help.totp.confirm)
    .option('--code <digits>', help.totp.code)
    .option('--non-interactive', help.nonInteractive)
    .option('--json', help.totp.confirmJson)
    .addHelpText('after', examples('gcis totp rebuild --non-interactive --json > new-key.json && gcis totp confirm --code 123456'))
    .action(async (options: { code?: string; json?: boolean; nonInteractive?: boolean }, command: Command) =>
      totpConfirm({ ...options, server: await serverOf(command) }, deps),
    );
}
