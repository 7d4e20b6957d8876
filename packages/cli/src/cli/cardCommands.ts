import type { Command } from 'commander';
import { cardBind, type CardBindOptions } from '../commands/cardBind.js';
import { cardList, type CardListOptions } from '../commands/cardList.js';
import type { CommandGroup } from './commandGroup.js';
import { cardFlags, examples, withCardFlags } from './flags.js';

/** `gcis card list | bind`: the citizen digital certificate card in the reader. */
export function addCardCommands({ program, deps, serverOf }: CommandGroup): void {
  const card = program
    .command('card')
    .description('the citizen digital certificate card (自然人憑證) in the reader');
  card
    .command('list')
    .description('list the cards present and their certificates: serials, issuer, validity, key IDs, PIN status')
    .addOption(cardFlags.signer())
    .addOption(cardFlags.pkcs11Module())
    .addOption(cardFlags.hipkiOrigin())
    .option('--json', 'print an array of certificates, each with its card, PIN status and DER (base64)')
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
    card.command('bind').description('bind the card’s certificate to the account you are logged in as, for gcis login --method cert'),
  )
    .option('--json', 'print {account, name, issuer, serialNumber, thumbprint}')
    .addHelpText(
      'after',
      examples('gcis login --method totp && gcis card bind', 'gcis card bind --card 0123456789abcdef --certificate 01 --json'),
    )
    .action(async (options: Omit<CardBindOptions, 'server'>, command: Command) =>
      cardBind({ ...options, server: await serverOf(command) }, deps),
    );
}
