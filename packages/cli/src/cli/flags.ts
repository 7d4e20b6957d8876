import { Option, type Command } from 'commander';
import { signerKinds } from '../card/cardOptions.js';
import type { Messages } from '../i18n/en.js';

/** commander's argument parser for a repeatable flag (`--ca a --ca b`). */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The help pieces the command groups share, in the reader's language: the catalogue's help texts,
 * the "Examples:" block, and the smart-card flags of `gcis card …` and, marked `cert:`, of `gcis login`.
 */
export function helpParts(t: Messages) {
  const { help } = t;
  const examples = (...lines: string[]) => `\n${help.examples}\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
  const cardFlags = {
    signer: (tag = '') => new Option('--signer <signer>', `${tag}${help.signer}`).choices(signerKinds).default('pkcs11'),
    pkcs11Module: (tag = '') => new Option('--pkcs11-module <path>', `${tag}${help.pkcs11Module}`),
    card: (tag = '') => new Option('--card <serial>', `${tag}${help.cardFlag}`),
    certificate: (tag = '') => new Option('--certificate <id>', `${tag}${help.certificate}`),
    pinFile: (tag = '') => new Option('--pin-file <file>', `${tag}${help.pinFile}`),
    hipkiOrigin: (tag = '') => new Option('--hipki-origin <origin>', `${tag}${help.hipkiOrigin}`),
    hipkiSignature: (tag = '') => new Option('--hipki-signature <type>', `${tag}${help.hipkiSignature}`).choices(['pkcs1', 'pkcs7']),
    hipkiTbsEncoding: (tag = '') =>
      new Option('--hipki-tbs-encoding <encoding>', `${tag}${help.hipkiTbsEncoding}`).choices(['none', 'base64']),
  };
  /** The card to sign with, for `card bind` and `sign`: signer, module, card, certificate, PIN file, no prompts. */
  const withCardFlags = (command: Command) =>
    command
      .addOption(cardFlags.signer())
      .addOption(cardFlags.pkcs11Module())
      .addOption(cardFlags.card())
      .addOption(cardFlags.certificate())
      .addOption(cardFlags.pinFile())
      .addOption(cardFlags.hipkiOrigin())
      .addOption(cardFlags.hipkiSignature())
      .addOption(cardFlags.hipkiTbsEncoding())
      .option('--non-interactive', help.nonInteractive);
  return { help, examples, cardFlags, withCardFlags };
}
