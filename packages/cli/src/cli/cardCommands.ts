import type { Command } from 'commander';
import { cardBind, type CardBindOptions } from '../commands/cardBind.js';
import { cardList, type CardListOptions } from '../commands/cardList.js';
import type { CommandGroup } from './commandGroup.js';
import { helpParts } from './flags.js';

/** `gcis card list | bind`: the citizen digital certificate card in the reader. */
export function addCardCommands({ program, deps, serverOf, t }: CommandGroup): void {
  const { help, examples, cardFlags, withCardFlags } = helpParts(t);
  const card = program
    .command('card')
    .description(help.card.description);
  card
    .command('list')
    .description(help.card.list)
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.hipkiOrigin())
    .option('--json', help.card.listJson)
    .addHelpText(
      'after',
      examples(
        'gcis card list',
        'gcis card list --pkcs11-module /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
        'gcis card list --signer hipki --json',
      ),
    )
    .action(async (options: CardListOptions) => cardList(options, deps));
  withCardFlags(
    card.command('bind').description(help.card.bind),
  )
    .option('--json', help.card.bindJson)
    .addHelpText(
      'after',
      examples('gcis login --method totp && gcis card bind', 'gcis card bind --card 0123456789abcdef --certificate 01 --json'),
    )
    .action(async (options: Omit<CardBindOptions, 'server'>, command: Command) =>
      cardBind({ ...options, server: await serverOf(command) }, deps),
    );
}
